package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/triada-kpss/triada/engine"
)

// CreateInvite stores i; ErrDuplicate if the hash exists, ErrNotFound if
// the questionnaire does not.
func (s *Store) CreateInvite(ctx context.Context, i *engine.Invite) error {
	_, err := s.write.ExecContext(ctx, `INSERT INTO invites
	(hash, questionnaire_id, email, name, ico, response_id, created_at, answered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		i.Hash, i.QuestionnaireID, i.Email, i.Name, i.ICO, i.ResponseID, toMillis(i.CreatedAt), toNullMillis(i.AnsweredAt))
	return fail(err, "create an invite to questionnaire %q", i.QuestionnaireID)
}

const inviteColumns = `hash, questionnaire_id, email, name, response_id, created_at, answered_at, reminded_at, reminders, ico`

func scanInvite(row scanner) (*engine.Invite, error) {
	var i engine.Invite
	var created int64
	var answered, reminded sql.NullInt64
	if err := row.Scan(&i.Hash, &i.QuestionnaireID, &i.Email, &i.Name, &i.ResponseID, &created, &answered, &reminded, &i.Reminders, &i.ICO); err != nil {
		return nil, err
	}
	i.CreatedAt, i.AnsweredAt, i.RemindedAt = fromMillis(created), fromNullMillis(answered), fromNullMillis(reminded)
	return &i, nil
}

// FindInvite returns the invite with that hash or ErrNotFound.
func (s *Store) FindInvite(ctx context.Context, hash string) (*engine.Invite, error) {
	i, err := scanInvite(s.read.QueryRowContext(ctx, `SELECT `+inviteColumns+` FROM invites WHERE hash = ?`, hash))
	return i, fail(err, "find invite")
}

// ListInvites returns the questionnaire's invites ordered by e-mail (then
// by creation and hash, so that the order is stable).
func (s *Store) ListInvites(ctx context.Context, questionnaireID string) ([]*engine.Invite, error) {
	return list(ctx, s, scanInvite, fmt.Sprintf("list the invites to questionnaire %q", questionnaireID),
		`SELECT `+inviteColumns+` FROM invites WHERE questionnaire_id = ? ORDER BY email, created_at, hash`, questionnaireID)
}

// SetInviteResponse records the response given through the invite, once,
// in one conditional UPDATE: ErrConflict if it has a response already,
// ErrNotFound if there is no such invite.
func (s *Store) SetInviteResponse(ctx context.Context, hash, responseID string, at time.Time) error {
	return s.conditional(ctx, "record the response to an invite",
		`SELECT 1 FROM invites WHERE hash = ?`, hash,
		`UPDATE invites SET response_id = ?, answered_at = ? WHERE hash = ? AND response_id = ''`,
		responseID, toMillis(at), hash)
}

// ReplaceResponse replaces the answers, the codes and the text answers
// of the response r.ID in one transaction, keeping its questionnaire,
// submission key and creation time; ErrNotFound if there is no such
// response.
func (s *Store) ReplaceResponse(ctx context.Context, r *engine.Response) (err error) {
	answers, err := marshal(r.Answers)
	if err != nil {
		return err
	}
	codes, err := joinCodes(r.Codes)
	if err != nil {
		return fmt.Errorf("sqlite: replace response %q: %w", r.ID, err)
	}
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return fail(err, "replace response %q", r.ID)
	}
	defer func() {
		if err != nil {
			_ = tx.Rollback()
		}
	}()
	var questionnaire string
	err = tx.QueryRowContext(ctx, `UPDATE responses SET answers = ?, codes = ? WHERE id = ? RETURNING questionnaire_id`,
		answers, codes, r.ID).Scan(&questionnaire)
	if err != nil {
		return fail(err, "replace response %q", r.ID)
	}
	stored := *r
	stored.QuestionnaireID = questionnaire
	if err := replaceTextAnswers(ctx, tx, &stored); err != nil {
		return fail(err, "replace the text answers of response %q", r.ID)
	}
	return fail(tx.Commit(), "replace response %q", r.ID)
}
