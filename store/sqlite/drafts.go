package sqlite

import (
	"context"
	"time"

	"github.com/triada-kpss/triada/engine"
)

// SaveDraft creates or replaces the draft with d.Hash in one statement;
// ErrNotFound if its questionnaire does not exist.
func (s *Store) SaveDraft(ctx context.Context, d *engine.Draft) error {
	values, err := marshal(valuesJSON(d.Values))
	if err != nil {
		return err
	}
	_, err = s.write.ExecContext(ctx, `INSERT INTO drafts
	(hash, questionnaire_id, form_values, page, submission_key, invite_hash, language, created_at, updated_at, expires_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (hash) DO UPDATE SET
	questionnaire_id = excluded.questionnaire_id, form_values = excluded.form_values, page = excluded.page,
	submission_key = excluded.submission_key, invite_hash = excluded.invite_hash, language = excluded.language,
	created_at = excluded.created_at, updated_at = excluded.updated_at, expires_at = excluded.expires_at`,
		d.Hash, d.QuestionnaireID, values, d.Page, d.SubmissionKey, d.InviteHash, d.Language,
		toMillis(d.CreatedAt), toMillis(d.UpdatedAt), toMillis(d.ExpiresAt))
	return fail(err, "save a draft of questionnaire %q", d.QuestionnaireID)
}

// FindDraft returns the draft with that hash or ErrNotFound, also when it
// has expired: a draft is valid while now (in milliseconds) is before
// ExpiresAt.
func (s *Store) FindDraft(ctx context.Context, hash string, now time.Time) (*engine.Draft, error) {
	var d engine.Draft
	var values string
	var created, updated, expires int64
	err := s.read.QueryRowContext(ctx, `SELECT hash, questionnaire_id, form_values, page, submission_key, invite_hash,
	language, created_at, updated_at, expires_at FROM drafts WHERE hash = ? AND expires_at > ?`, hash, toMillis(now)).
		Scan(&d.Hash, &d.QuestionnaireID, &values, &d.Page, &d.SubmissionKey, &d.InviteHash,
			&d.Language, &created, &updated, &expires)
	if err != nil {
		return nil, fail(err, "find draft")
	}
	if err := unmarshal("draft values", values, &d.Values); err != nil {
		return nil, fail(err, "find draft")
	}
	d.CreatedAt, d.UpdatedAt, d.ExpiresAt = fromMillis(created), fromMillis(updated), fromMillis(expires)
	return &d, nil
}

// DeleteDraft removes it; no error if it does not exist.
func (s *Store) DeleteDraft(ctx context.Context, hash string) error {
	_, err := s.write.ExecContext(ctx, `DELETE FROM drafts WHERE hash = ?`, hash)
	return fail(err, "delete draft")
}

// valuesJSON returns the values to store: an object, never null, whose
// lists are never null.
func valuesJSON(in map[string][]string) map[string][]string {
	out := make(map[string][]string, len(in))
	for k, v := range in {
		out[k] = orEmpty(v)
	}
	return out
}
