package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/triada-kpss/triada/engine"
)

// CreateConsultation stores c; ErrDuplicate if the id exists.
func (s *Store) CreateConsultation(ctx context.Context, c *engine.Consultation) error {
	sections, attachments, err := consultationJSON(c)
	if err != nil {
		return err
	}
	_, err = s.write.ExecContext(ctx, `INSERT INTO consultations (id, title, sections, attachments, opens_at, closes_at, published_at, created_at, version)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.ID, c.Title, sections, attachments, toMillis(c.OpensAt), toMillis(c.ClosesAt), toNullMillis(c.PublishedAt), toMillis(c.CreatedAt), c.Version)
	return fail(err, "create consultation %q", c.ID)
}

const consultationColumns = `id, title, sections, attachments, opens_at, closes_at, published_at, created_at, version`

func scanConsultation(row scanner) (*engine.Consultation, error) {
	var c engine.Consultation
	var sections, attachments string
	var opens, closes, created int64
	var published sql.NullInt64
	if err := row.Scan(&c.ID, &c.Title, &sections, &attachments, &opens, &closes, &published, &created, &c.Version); err != nil {
		return nil, err
	}
	var sec []sectionJSON
	if err := unmarshal("consultation sections", sections, &sec); err != nil {
		return nil, err
	}
	c.Sections = sectionsFromJSON(sec)
	var att []attachmentJSON
	if err := unmarshal("consultation attachments", attachments, &att); err != nil {
		return nil, err
	}
	c.Attachments = attachmentsFromJSON(att)
	c.OpensAt, c.ClosesAt, c.CreatedAt = fromMillis(opens), fromMillis(closes), fromMillis(created)
	c.PublishedAt = fromNullMillis(published)
	return &c, nil
}

// FindConsultation returns the consultation or ErrNotFound.
func (s *Store) FindConsultation(ctx context.Context, id string) (*engine.Consultation, error) {
	c, err := scanConsultation(s.read.QueryRowContext(ctx,
		`SELECT `+consultationColumns+` FROM consultations WHERE id = ?`, id))
	return c, fail(err, "find consultation %q", id)
}

// ListConsultations returns every consultation ordered by id.
func (s *Store) ListConsultations(ctx context.Context) ([]*engine.Consultation, error) {
	return list(ctx, s, scanConsultation, "list consultations",
		`SELECT `+consultationColumns+` FROM consultations ORDER BY id`)
}

// PublishConsultation sets PublishedAt to at when it is not set yet, in
// one conditional UPDATE; ErrNotFound for an unknown id, ErrConflict if it
// was published.
func (s *Store) PublishConsultation(ctx context.Context, id string, at time.Time) error {
	return s.conditional(ctx, fmt.Sprintf("publish consultation %q", id),
		`SELECT 1 FROM consultations WHERE id = ?`, id,
		`UPDATE consultations SET published_at = ? WHERE id = ? AND published_at IS NULL`, toMillis(at), id)
}

// NextCommentNumber returns the next number (1, 2, …) of a comment in the
// consultation, counted in one UPDATE … RETURNING; ErrNotFound for an
// unknown id.
func (s *Store) NextCommentNumber(ctx context.Context, id string) (int, error) {
	var n int
	err := s.write.QueryRowContext(ctx,
		`UPDATE consultations SET comment_seq = comment_seq + 1 WHERE id = ? RETURNING comment_seq`, id).Scan(&n)
	return n, fail(err, "next comment number of consultation %q", id)
}

// consultationJSON encodes the consultation's sections and attachments
// for their JSON columns.
func consultationJSON(c *engine.Consultation) (sections, attachments string, err error) {
	if sections, err = marshal(sectionsJSON(c.Sections)); err != nil {
		return "", "", err
	}
	attachments, err = marshal(attachmentsJSON(c.Attachments))
	return sections, attachments, err
}
