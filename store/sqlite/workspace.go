package sqlite

import (
	"context"
	"strings"
	"time"

	"github.com/triada-kpss/triada/engine"
)

// migrationWorkspace adds what the coordinators' workspace needs: a
// version and the author's source text for each questionnaire (edits are
// conditional on the version), the audit log, and an index that counts a
// questionnaire's responses per day without reading their answers (since
// migration 10, responses_listing serves that).
const migrationWorkspace = `
ALTER TABLE questionnaires ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE questionnaires ADD COLUMN source TEXT NOT NULL DEFAULT '';

CREATE TABLE audit_log (
	seq     INTEGER PRIMARY KEY, -- the rowid: arrival order
	id      TEXT NOT NULL UNIQUE,
	at      INTEGER NOT NULL,
	user_id TEXT NOT NULL,
	email   TEXT NOT NULL,
	action  TEXT NOT NULL,
	targets TEXT NOT NULL,       -- JSON array of "name=value"
	status  INTEGER NOT NULL
) STRICT;
CREATE INDEX audit_log_at ON audit_log (at, id);
CREATE INDEX audit_log_email ON audit_log (email, at, id);
CREATE INDEX audit_log_action ON audit_log (action, at, id);

CREATE INDEX responses_created ON responses (questionnaire_id, created_at);
`

// UpdateQuestionnaire replaces the questionnaire if its version is
// expectedVersion; ErrNotFound or ErrConflict otherwise.
func (s *Store) UpdateQuestionnaire(ctx context.Context, q *engine.Questionnaire, expectedVersion int) error {
	def, err := marshal(q.Definition)
	if err != nil {
		return err
	}
	return s.conditional(ctx, "update questionnaire "+q.ID,
		`SELECT 1 FROM questionnaires WHERE id = ?`, q.ID,
		`UPDATE questionnaires SET definition = ?, source = ?, version = ? WHERE id = ? AND version = ?`,
		def, q.Source, q.Version, q.ID, expectedVersion)
}

// QuestionnaireVersion returns the stored version or ErrNotFound.
func (s *Store) QuestionnaireVersion(ctx context.Context, id string) (int, error) {
	var v int
	err := s.read.QueryRowContext(ctx, `SELECT version FROM questionnaires WHERE id = ?`, id).Scan(&v)
	return v, fail(err, "find the version of questionnaire %q", id)
}

const dayMillis = int64(24 * time.Hour / time.Millisecond)

// countByDayQuery counts a questionnaire's responses per day, reading the
// index responses_listing only.
const countByDayQuery = `SELECT created_at / ?, count(*) FROM responses
	WHERE questionnaire_id = ? AND created_at >= ? AND created_at < ? GROUP BY 1 ORDER BY 1`

// CountResponsesByDay counts the questionnaire's responses per UTC day.
func (s *Store) CountResponsesByDay(ctx context.Context, questionnaireID string, from, to time.Time) ([]engine.DayCount, error) {
	what := "count the responses per day of questionnaire " + questionnaireID
	rows, err := s.read.QueryContext(ctx, countByDayQuery, dayMillis, questionnaireID, toMillis(from), toMillis(to))
	if err != nil {
		return nil, fail(err, "%s", what)
	}
	defer rows.Close()
	out := []engine.DayCount{}
	for rows.Next() {
		var day int64
		var n int
		if err := rows.Scan(&day, &n); err != nil {
			return nil, fail(err, "%s", what)
		}
		out = append(out, engine.DayCount{Day: fromMillis(day * dayMillis), Count: n})
	}
	return out, fail(rows.Err(), "%s", what)
}

// CreateAuditEntry stores e; ErrDuplicate if its id exists.
func (s *Store) CreateAuditEntry(ctx context.Context, e *engine.AuditEntry) error {
	targets, err := marshal(orEmpty(e.Targets))
	if err != nil {
		return err
	}
	_, err = s.write.ExecContext(ctx,
		`INSERT INTO audit_log (id, at, user_id, email, action, targets, status) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		e.ID, toMillis(e.At), e.UserID, e.Email, e.Action, targets, e.Status)
	return fail(err, "record audit entry %q", e.ID)
}

func scanAuditEntry(row scanner) (*engine.AuditEntry, error) {
	var e engine.AuditEntry
	var at int64
	var targets string
	if err := row.Scan(&e.ID, &at, &e.UserID, &e.Email, &e.Action, &targets, &e.Status); err != nil {
		return nil, err
	}
	e.At = fromMillis(at)
	if err := unmarshal("audit targets", targets, &e.Targets); err != nil {
		return nil, err
	}
	if len(e.Targets) == 0 {
		e.Targets = nil
	}
	return &e, nil
}

// ListAuditEntries returns the entries matching f, the latest first.
func (s *Store) ListAuditEntries(ctx context.Context, f engine.AuditFilter) ([]*engine.AuditEntry, error) {
	var where []string
	var args []any
	if f.Email != "" {
		where, args = append(where, "email = ?"), append(args, f.Email)
	}
	if f.Action != "" {
		where, args = append(where, "action = ?"), append(args, f.Action)
	}
	if !f.From.IsZero() {
		where, args = append(where, "at >= ?"), append(args, toMillis(f.From))
	}
	if !f.To.IsZero() {
		where, args = append(where, "at < ?"), append(args, toMillis(f.To))
	}
	query := `SELECT id, at, user_id, email, action, targets, status FROM audit_log`
	if len(where) > 0 {
		query += ` WHERE ` + strings.Join(where, " AND ")
	}
	query += ` ORDER BY at DESC, id DESC`
	if f.Limit > 0 || f.Offset > 0 {
		limit := f.Limit
		if limit == 0 {
			limit = -1 // SQLite: no limit
		}
		query += ` LIMIT ? OFFSET ?`
		args = append(args, limit, f.Offset)
	}
	return list(ctx, s, scanAuditEntry, "list the audit log", query, args...)
}
