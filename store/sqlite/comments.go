package sqlite

import (
	"context"
	"fmt"

	"github.com/triada-kpss/triada/engine"
)

// commentJSON holds a comment's JSON columns, encoded.
type commentJSON struct{ author, groups, history string }

func encodeComment(c *engine.Comment) (commentJSON, error) {
	var j commentJSON
	var err error
	if j.author, err = marshal(authorJSON(c.Author)); err != nil {
		return j, err
	}
	if j.groups, err = marshal(orEmpty(c.Groups)); err != nil {
		return j, err
	}
	j.history, err = marshal(historyJSON(c.History))
	return j, err
}

// CreateComment stores c; ErrDuplicate if its id exists or its reference
// does in the consultation; ErrNotFound if the consultation does not
// exist.
func (s *Store) CreateComment(ctx context.Context, c *engine.Comment) error {
	j, err := encodeComment(c)
	if err != nil {
		return err
	}
	_, err = s.write.ExecContext(ctx, `INSERT INTO comments (id, consultation_id, number, reference, section, text,
	author, state, relevance, group_ids, outcome, response, history, version, created_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.ID, c.ConsultationID, c.Number, c.Reference, c.Section, c.Text, j.author, c.State, c.Relevance,
		j.groups, c.Outcome, c.Response, j.history, c.Version, toMillis(c.CreatedAt))
	return fail(err, "create comment %s", c.Reference)
}

const commentColumns = `id, consultation_id, number, reference, section, text, author, state, relevance,
	group_ids, outcome, response, history, version, created_at`

func scanComment(row scanner) (*engine.Comment, error) {
	var c engine.Comment
	var author, groups, history string
	var created int64
	if err := row.Scan(&c.ID, &c.ConsultationID, &c.Number, &c.Reference, &c.Section, &c.Text, &author,
		&c.State, &c.Relevance, &groups, &c.Outcome, &c.Response, &history, &c.Version, &created); err != nil {
		return nil, err
	}
	var a authorJSON
	if err := unmarshal("comment author", author, &a); err != nil {
		return nil, err
	}
	if err := unmarshal("comment groups", groups, &c.Groups); err != nil {
		return nil, err
	}
	var h []changeJSON
	if err := unmarshal("comment history", history, &h); err != nil {
		return nil, err
	}
	c.Author, c.History, c.CreatedAt = engine.Author(a), historyFromJSON(h), fromMillis(created)
	return &c, nil
}

// FindComment returns the comment or ErrNotFound.
func (s *Store) FindComment(ctx context.Context, id string) (*engine.Comment, error) {
	c, err := scanComment(s.read.QueryRowContext(ctx, `SELECT `+commentColumns+` FROM comments WHERE id = ?`, id))
	return c, fail(err, "find comment %q", id)
}

// ListComments returns the consultation's comments ordered by Number.
func (s *Store) ListComments(ctx context.Context, consultationID string) ([]*engine.Comment, error) {
	return list(ctx, s, scanComment, fmt.Sprintf("list comments of consultation %q", consultationID),
		`SELECT `+commentColumns+` FROM comments WHERE consultation_id = ? ORDER BY number, id`, consultationID)
}

// UpdateComment replaces every field of the comment but its id and
// consultation, in one UPDATE … WHERE version = expectedVersion;
// ErrNotFound for an unknown id, ErrConflict when the stored version
// differs, ErrDuplicate if the new reference is taken.
func (s *Store) UpdateComment(ctx context.Context, c *engine.Comment, expectedVersion int) error {
	j, err := encodeComment(c)
	if err != nil {
		return err
	}
	return s.conditional(ctx, fmt.Sprintf("update comment %s", c.Reference),
		`SELECT 1 FROM comments WHERE id = ?`, c.ID,
		`UPDATE comments SET number = ?, reference = ?, section = ?, text = ?, author = ?, state = ?, relevance = ?,
	group_ids = ?, outcome = ?, response = ?, history = ?, version = ?, created_at = ?
WHERE id = ? AND version = ?`,
		c.Number, c.Reference, c.Section, c.Text, j.author, c.State, c.Relevance,
		j.groups, c.Outcome, c.Response, j.history, c.Version, toMillis(c.CreatedAt), c.ID, expectedVersion)
}
