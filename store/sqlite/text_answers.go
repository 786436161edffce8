package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"

	"github.com/triada-kpss/triada/engine"
)

// textAnswerRow is one row of text_answers for a response being stored.
type textAnswerRow struct {
	question, text, folded string
}

const insertTextAnswer = `INSERT INTO text_answers (questionnaire_id, question_id, response_id, text, folded)
VALUES (?, ?, ?, ?, ?)`

// textAnswerRows returns the rows of r's text answers: those r.Folded names.
func textAnswerRows(r *engine.Response) []textAnswerRow {
	var out []textAnswerRow
	for qid, folded := range r.Folded {
		if text, ok := r.Answers[qid].(string); ok {
			out = append(out, textAnswerRow{question: qid, text: text, folded: folded})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].question < out[j].question })
	return out
}

// codesFilter returns the SQL condition that the response r holds every
// code of filters, and its arguments: the codes column has every code
// followed by a newline, so a code is held when "\n"+code+"\n" occurs in
// the column framed by a leading newline.
func codesFilter(filters []string) (string, []any) {
	var b strings.Builder
	args := make([]any, 0, len(filters))
	for _, f := range filters {
		b.WriteString(` AND instr(char(10) || r.codes, ?) > 0`)
		args = append(args, "\n"+f+"\n")
	}
	return b.String(), args
}

// ListTextAnswers returns one page of the answers to a text question in
// response id order, read from text_answers by its primary key, and how
// many match in all.
func (s *Store) ListTextAnswers(ctx context.Context, q engine.TextAnswerQuery) (*engine.TextAnswerPage, error) {
	what := fmt.Sprintf("list the answers to %s of %q", q.Question, q.Questionnaire)
	where := ` FROM text_answers t JOIN responses r ON r.id = t.response_id
	WHERE t.questionnaire_id = ? AND t.question_id = ?`
	args := []any{q.Questionnaire, q.Question}
	if q.Search != "" {
		where += ` AND instr(t.folded, ?) > 0`
		args = append(args, q.Search)
	}
	cond, cargs := codesFilter(q.Filters)
	where += cond
	args = append(args, cargs...)

	page := &engine.TextAnswerPage{Answers: []engine.TextAnswer{}}
	if err := s.read.QueryRowContext(ctx, `SELECT count(*)`+where, args...).Scan(&page.Total); err != nil {
		return nil, fail(err, "%s", what)
	}
	rows, err := s.read.QueryContext(ctx, `SELECT t.response_id, t.text, r.created_at`+where+
		` ORDER BY t.response_id LIMIT ? OFFSET ?`, append(args, q.Limit, q.Offset)...)
	if err != nil {
		return nil, fail(err, "%s", what)
	}
	defer rows.Close()
	for rows.Next() {
		var a engine.TextAnswer
		var created int64
		if err := rows.Scan(&a.ResponseID, &a.Text, &created); err != nil {
			return nil, fail(err, "%s", what)
		}
		a.CreatedAt = fromMillis(created)
		page.Answers = append(page.Answers, a)
	}
	return page, fail(rows.Err(), "%s", what)
}

// replaceTextAnswers writes r's text answers in place of the stored ones,
// in tx.
func replaceTextAnswers(ctx context.Context, tx *sql.Tx, r *engine.Response) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM text_answers WHERE response_id = ?`, r.ID); err != nil {
		return err
	}
	for _, t := range textAnswerRows(r) {
		if _, err := tx.ExecContext(ctx, insertTextAnswer, r.QuestionnaireID, t.question, r.ID, t.text, t.folded); err != nil {
			return err
		}
	}
	return nil
}
