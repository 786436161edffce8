package sqlite

import (
	"context"
	"fmt"
	"strings"

	"github.com/triada-kpss/triada/engine"
)

const codingColumns = `c.questionnaire_id, c.response_id, c.question_id, c.codes, c.version, c.updated_at, c.updated_by`

func scanCoding(row scanner, extra ...any) (*engine.Coding, error) {
	var c engine.Coding
	var codes string
	var updated int64
	dest := append([]any{&c.QuestionnaireID, &c.ResponseID, &c.QuestionID, &codes, &c.Version, &updated, &c.UpdatedBy}, extra...)
	if err := row.Scan(dest...); err != nil {
		return nil, err
	}
	c.Codes, c.UpdatedAt = splitCodes(codes), fromMillis(updated)
	if c.Codes == nil {
		c.Codes = []string{}
	}
	return &c, nil
}

// findCodingsBatch bounds the ids of one FindCodings query, below
// SQLite's limit of bound parameters.
const findCodingsBatch = 500

// FindCodings returns the codings of the answers of the given responses
// of questionnaire, by primary key.
func (s *Store) FindCodings(ctx context.Context, questionnaire string, responseIDs []string) ([]*engine.Coding, error) {
	what := fmt.Sprintf("find the codings of %d responses of %q", len(responseIDs), questionnaire)
	out := []*engine.Coding{}
	for len(responseIDs) > 0 {
		ids := responseIDs[:min(findCodingsBatch, len(responseIDs))]
		responseIDs = responseIDs[len(ids):]
		args := []any{questionnaire}
		for _, id := range ids {
			args = append(args, id)
		}
		rows, err := s.read.QueryContext(ctx, `SELECT `+codingColumns+` FROM codings c
			WHERE c.questionnaire_id = ? AND c.response_id IN (?`+strings.Repeat(", ?", len(ids)-1)+`)`, args...)
		if err != nil {
			return nil, fail(err, "%s", what)
		}
		for rows.Next() {
			c, err := scanCoding(rows)
			if err != nil {
				rows.Close()
				return nil, fail(err, "%s", what)
			}
			out = append(out, c)
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, fail(err, "%s", what)
		}
	}
	return out, nil
}

// SaveCoding creates the coding (expectedVersion 0) or replaces it with
// one conditional UPDATE on its version; ErrConflict when another
// coding exists, or the stored version differs, or none is stored.
func (s *Store) SaveCoding(ctx context.Context, c *engine.Coding, expectedVersion int) error {
	what := fmt.Sprintf("code the answer of response %q to %s", c.ResponseID, c.QuestionID)
	codes, err := joinCodes(c.Codes)
	if err != nil {
		return fmt.Errorf("sqlite: %s: %w", what, err)
	}
	if expectedVersion == 0 {
		_, err := s.write.ExecContext(ctx, `INSERT INTO codings
		(questionnaire_id, response_id, question_id, codes, version, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			c.QuestionnaireID, c.ResponseID, c.QuestionID, codes, c.Version, toMillis(c.UpdatedAt), c.UpdatedBy)
		if isConstraint(err) {
			return fmt.Errorf("sqlite: %s: coded meanwhile: %w", what, engine.ErrConflict)
		}
		return fail(err, "%s", what)
	}
	res, err := s.write.ExecContext(ctx, `UPDATE codings SET codes = ?, version = ?, updated_at = ?, updated_by = ?
	WHERE questionnaire_id = ? AND response_id = ? AND question_id = ? AND version = ?`,
		codes, c.Version, toMillis(c.UpdatedAt), c.UpdatedBy, c.QuestionnaireID, c.ResponseID, c.QuestionID, expectedVersion)
	if err != nil {
		return fail(err, "%s", what)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fail(err, "%s", what)
	} else if n == 0 {
		return fmt.Errorf("sqlite: %s: version %d is not stored: %w", what, expectedVersion, engine.ErrConflict)
	}
	return nil
}

// WalkCodings reads the codings of q.Questionnaire with their responses'
// codes, and keeps those whose response holds every filter code and one
// code of each set of q.AnyOf.
func (s *Store) WalkCodings(ctx context.Context, q engine.CountQuery, fn func(c *engine.Coding, segment string) error) error {
	what := fmt.Sprintf("walk the codings of %q", q.Questionnaire)
	cond, args := codesFilter(q.Filters)
	anyCond, anyArgs := codesAnyFilter(q.AnyOf)
	cond, args = cond+anyCond, append(args, anyArgs...)
	rows, err := s.read.QueryContext(ctx, `SELECT `+codingColumns+`, r.codes FROM codings c
		JOIN responses r ON r.id = c.response_id WHERE c.questionnaire_id = ?`+cond+
		` ORDER BY c.response_id, c.question_id`, append([]any{q.Questionnaire}, args...)...)
	if err != nil {
		return fail(err, "%s", what)
	}
	defer rows.Close()
	for rows.Next() {
		var responseCodes string
		c, err := scanCoding(rows, &responseCodes)
		if err != nil {
			return fail(err, "%s", what)
		}
		if err := fn(c, segmentValue(responseCodes, q.Segment)); err != nil {
			return err
		}
	}
	return fail(rows.Err(), "%s", what)
}

// segmentValue returns the value of the code segment+"=value" in a codes
// column, or "".
func segmentValue(codes, segment string) string {
	if segment == "" {
		return ""
	}
	prefix := segment + "="
	for _, code := range splitCodes(codes) {
		if v, ok := strings.CutPrefix(code, prefix); ok {
			return v
		}
	}
	return ""
}

// walkQuery reads a batch of a questionnaire's responses after an id, in
// id order along the index responses_listing; cond adds filters.
func walkQuery(cond string) string {
	return `SELECT ` + responseColumnsOf("r") + ` FROM responses r
	WHERE r.questionnaire_id = ? AND r.id > ?` + cond + ` ORDER BY r.id LIMIT ?`
}

// WalkResponses reads the questionnaire's responses in id order, a batch
// per query after the last id of the previous one, so that no read stays
// open while fn runs.
func (s *Store) WalkResponses(ctx context.Context, questionnaire string, filters []string, batchSize int, fn func([]*engine.Response) error) error {
	what := fmt.Sprintf("walk the responses of %q", questionnaire)
	if batchSize < 1 {
		return fmt.Errorf("sqlite: %s: batch size %d", what, batchSize)
	}
	cond, cargs := codesFilter(filters)
	after := ""
	for {
		args := append(append([]any{questionnaire, after}, cargs...), batchSize)
		batch, err := list(ctx, s, scanResponse, what, walkQuery(cond), args...)
		if err != nil {
			return err
		}
		if len(batch) == 0 {
			return nil
		}
		if err := fn(batch); err != nil {
			return err
		}
		if len(batch) < batchSize {
			return nil
		}
		after = batch[len(batch)-1].ID
	}
}
