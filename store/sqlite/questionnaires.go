package sqlite

import (
	"context"

	"github.com/triada-kpss/triada/engine"
	"github.com/triada-kpss/triada/forms"
)

// CreateQuestionnaire stores q; ErrDuplicate if its id exists.
func (s *Store) CreateQuestionnaire(ctx context.Context, q *engine.Questionnaire) error {
	def, err := marshal(q.Definition)
	if err != nil {
		return err
	}
	_, err = s.write.ExecContext(ctx,
		`INSERT INTO questionnaires (id, definition, created_at, created_by, version, source) VALUES (?, ?, ?, ?, ?, ?)`,
		q.ID, def, toMillis(q.CreatedAt), q.CreatedBy, q.Version, q.Source)
	return fail(err, "create questionnaire %q", q.ID)
}

const questionnaireColumns = `id, definition, created_at, created_by, version, source`

func scanQuestionnaire(row scanner) (*engine.Questionnaire, error) {
	var q engine.Questionnaire
	var def string
	var created int64
	if err := row.Scan(&q.ID, &def, &created, &q.CreatedBy, &q.Version, &q.Source); err != nil {
		return nil, err
	}
	q.CreatedAt = fromMillis(created)
	q.Definition = new(forms.Definition)
	if err := unmarshal("questionnaire definition", def, q.Definition); err != nil {
		return nil, err
	}
	return &q, nil
}

// FindQuestionnaire returns the questionnaire or ErrNotFound.
func (s *Store) FindQuestionnaire(ctx context.Context, id string) (*engine.Questionnaire, error) {
	q, err := scanQuestionnaire(s.read.QueryRowContext(ctx,
		`SELECT `+questionnaireColumns+` FROM questionnaires WHERE id = ?`, id))
	return q, fail(err, "find questionnaire %q", id)
}

// ListQuestionnaires returns all questionnaires ordered by id.
func (s *Store) ListQuestionnaires(ctx context.Context) ([]*engine.Questionnaire, error) {
	return list(ctx, s, scanQuestionnaire, "list questionnaires",
		`SELECT `+questionnaireColumns+` FROM questionnaires ORDER BY id`)
}

// list runs a query on the read pool and scans every row with scan.
func list[T any](ctx context.Context, s *Store, scan func(scanner) (*T, error), what, query string, args ...any) ([]*T, error) {
	rows, err := s.read.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fail(err, "%s", what)
	}
	defer rows.Close()
	out := []*T{}
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, fail(err, "%s", what)
		}
		out = append(out, v)
	}
	return out, fail(rows.Err(), "%s", what)
}
