package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/triada-kpss/triada/engine"
)

// migrationResponseIndex replaces three indexes of responses, each kept up
// by every submission, with one that serves all three readers: counting
// (the codes), walking a questionnaire in id order (exports, coding) and
// counting per day (created_at), each reading this index alone. Ids begin
// with the time, so a new response appends to the questionnaire's end of
// it. Measured: the store alone stores a third more responses per second
// with it (docs/performance.md).
const migrationResponseIndex = `
CREATE INDEX responses_listing ON responses (questionnaire_id, id, created_at, codes);
DROP INDEX responses_codes;
DROP INDEX responses_questionnaire_id;
DROP INDEX responses_created;
`

// maxBatch bounds how many responses one group commit stores.
const maxBatch = 256

// pendingResponse is a response on its way to the group-commit writer.
type pendingResponse struct {
	id, questionnaire string
	key               sql.NullString
	answers, codes    string
	texts             []textAnswerRow
	createdAt         int64
	done              chan error // receives the outcome once
}

// CreateResponse stores r; ErrDuplicate if r.SubmissionKey is not empty
// and a response of the same questionnaire has it already (or r.ID is
// taken); ErrNotFound if the questionnaire does not exist.
//
// Responses are written by one goroutine that commits whatever arrived
// while the previous commit was syncing in one transaction (group
// commit): each caller returns only after the commit that holds its
// response reached the disk, so an acknowledged response is durable, yet
// concurrent submissions share the cost of a sync. If ctx ends first, the
// response may or may not be stored; a retry with the same submission key
// tells.
func (s *Store) CreateResponse(ctx context.Context, r *engine.Response) error {
	p, err := newPendingResponse(r)
	if err != nil {
		return err
	}
	s.mu.RLock()
	if s.closed {
		s.mu.RUnlock()
		return ErrClosed
	}
	select {
	case s.responses <- p:
		s.mu.RUnlock()
	case <-ctx.Done():
		s.mu.RUnlock()
		return fmt.Errorf("sqlite: create response %q: %w", r.ID, ctx.Err())
	}
	select {
	case err := <-p.done:
		return err
	case <-ctx.Done():
		return fmt.Errorf("sqlite: create response %q: %w (it may be stored)", r.ID, ctx.Err())
	}
}

func newPendingResponse(r *engine.Response) (*pendingResponse, error) {
	answers, err := marshal(r.Answers)
	if err != nil {
		return nil, err
	}
	codes, err := joinCodes(r.Codes)
	if err != nil {
		return nil, fmt.Errorf("sqlite: create response %q: %w", r.ID, err)
	}
	return &pendingResponse{
		id: r.ID, questionnaire: r.QuestionnaireID,
		key:     sql.NullString{String: r.SubmissionKey, Valid: r.SubmissionKey != ""},
		answers: answers, codes: codes, texts: textAnswerRows(r), createdAt: toMillis(r.CreatedAt),
		done: make(chan error, 1),
	}, nil
}

// joinCodes writes the codes column: every code followed by a newline.
func joinCodes(codes []string) (string, error) {
	var b strings.Builder
	for _, c := range codes {
		if strings.IndexByte(c, '\n') >= 0 {
			return "", fmt.Errorf("answer code %q holds a newline", c)
		}
		b.WriteString(c)
		b.WriteByte('\n')
	}
	return b.String(), nil
}

// writeResponses is the group-commit writer; it stops when Close closes
// s.responses, after storing what was sent.
func (s *Store) writeResponses() {
	defer close(s.done)
	batch := make([]*pendingResponse, 0, maxBatch)
	for p := range s.responses {
		batch = append(batch[:0], p)
	fill:
		for len(batch) < maxBatch {
			select {
			case p, ok := <-s.responses:
				if !ok {
					break fill
				}
				batch = append(batch, p)
			default:
				break fill
			}
		}
		s.storeBatch(batch)
	}
}

// storeBatch stores the batch in one transaction. A constraint violation
// fails its own response only; any other failure rolls the transaction
// back, and the responses are tried again one per transaction, so that a
// bad one cannot take the others down with it.
func (s *Store) storeBatch(batch []*pendingResponse) {
	errs, err := s.insertResponses(batch)
	if err != nil && len(batch) > 1 {
		for _, p := range batch {
			one, err := s.insertResponses([]*pendingResponse{p})
			if err != nil {
				one = []error{fail(err, "create response %q", p.id)}
			}
			p.done <- one[0]
		}
		return
	}
	for i, p := range batch {
		if err != nil {
			p.done <- fail(err, "create response %q", p.id)
		} else {
			p.done <- errs[i]
		}
	}
}

const insertResponse = `INSERT INTO responses (id, questionnaire_id, submission_key, answers, codes, created_at)
VALUES (?, ?, ?, ?, ?, ?)`

// prepareWriter prepares the statements of the group-commit writer.
func (s *Store) prepareWriter(ctx context.Context) (err error) {
	if s.insertResponse, err = s.write.PrepareContext(ctx, insertResponse); err != nil {
		return err
	}
	if s.insertText, err = s.write.PrepareContext(ctx, insertTextAnswer); err != nil {
		return errors.Join(err, s.insertResponse.Close())
	}
	return nil
}

// insertResponses inserts the batch in one transaction and returns each
// response's outcome, or an error when the transaction failed.
func (s *Store) insertResponses(batch []*pendingResponse) (errs []error, err error) {
	ctx := context.Background() // the batch serves several callers; BusyTimeout bounds it
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			_ = tx.Rollback()
		}
	}()
	stmt, texts := tx.StmtContext(ctx, s.insertResponse), tx.StmtContext(ctx, s.insertText)
	errs = make([]error, len(batch))
	for i, p := range batch {
		_, err := stmt.ExecContext(ctx, p.id, p.questionnaire, p.key, p.answers, p.codes, p.createdAt)
		if err != nil && !isConstraint(err) {
			return nil, err
		}
		errs[i] = fail(err, "create response %q", p.id)
		if err != nil {
			continue // not stored: neither are its text answers
		}
		for _, t := range p.texts {
			if _, err := texts.ExecContext(ctx, p.questionnaire, t.question, p.id, t.text, t.folded); err != nil {
				return nil, err
			}
		}
	}
	return errs, tx.Commit()
}

const responseColumns = `id, questionnaire_id, coalesce(submission_key, ''), answers, codes, created_at`

// responseColumnsOf is responseColumns of the table named alias.
func responseColumnsOf(alias string) string {
	a := alias + "."
	return a + "id, " + a + "questionnaire_id, coalesce(" + a + "submission_key, ''), " + a + "answers, " + a + "codes, " + a + "created_at"
}

func scanResponse(row scanner) (*engine.Response, error) {
	var r engine.Response
	var answers, codes string
	var created int64
	if err := row.Scan(&r.ID, &r.QuestionnaireID, &r.SubmissionKey, &answers, &codes, &created); err != nil {
		return nil, err
	}
	a, err := unmarshalAnswers(answers)
	if err != nil {
		return nil, err
	}
	r.Answers, r.Codes, r.CreatedAt = a, splitCodes(codes), fromMillis(created)
	return &r, nil
}

// splitCodes reads the codes column: every code followed by a newline.
func splitCodes(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(strings.TrimSuffix(s, "\n"), "\n")
}

// FindResponse returns the response or ErrNotFound.
func (s *Store) FindResponse(ctx context.Context, id string) (*engine.Response, error) {
	r, err := scanResponse(s.read.QueryRowContext(ctx, `SELECT `+responseColumns+` FROM responses WHERE id = ?`, id))
	return r, fail(err, "find response %q", id)
}

// FindResponseBySubmissionKey returns the response of questionnaire with
// that submission key, or ErrNotFound (always for an empty key).
func (s *Store) FindResponseBySubmissionKey(ctx context.Context, questionnaire, key string) (*engine.Response, error) {
	r, err := scanResponse(s.read.QueryRowContext(ctx,
		`SELECT `+responseColumns+` FROM responses WHERE questionnaire_id = ? AND submission_key = ?`, questionnaire, key))
	return r, fail(err, "find the response of questionnaire %q with submission key %q", questionnaire, key)
}
