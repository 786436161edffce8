package engine

import (
	"context"
	"time"
)

// AnswerStore reads responses answer by answer: free-text answers page by
// page, the codes people attach to them, and every response in order for
// exports. None of its methods loads all responses at once.
type AnswerStore interface {
	// ListTextAnswers returns one page of the answers to a text question,
	// in response id order, and how many answers match q in all.
	ListTextAnswers(ctx context.Context, q TextAnswerQuery) (*TextAnswerPage, error)
	// FindCodings returns the codings of the answers of the given
	// responses of questionnaire (every question), in no set order.
	FindCodings(ctx context.Context, questionnaire string, responseIDs []string) ([]*Coding, error)
	// SaveCoding stores c. With expectedVersion 0 it creates the coding
	// (ErrConflict if one exists for the same answer); otherwise it
	// replaces the stored coding only if its Version equals
	// expectedVersion (ErrConflict if it differs or there is none). The
	// caller sets c.Version to expectedVersion+1.
	SaveCoding(ctx context.Context, c *Coding, expectedVersion int) error
	// WalkCodings calls fn for every coding of q.Questionnaire whose
	// response holds every code of q.Filters, with the value of the
	// response's q.Segment code ("" without a segment or such a code). fn
	// must not call the store. Codings are made by people, one answer at
	// a time, so there are far fewer of them than responses.
	WalkCodings(ctx context.Context, q CountQuery, fn func(c *Coding, segment string) error) error
	// WalkResponses calls fn with the responses of questionnaire that hold
	// every code of filters, in id order, in batches of at most batchSize
	// (each read in a query of its own, so that fn may call the store).
	// It stops at the first error fn returns and returns it.
	WalkResponses(ctx context.Context, questionnaire string, filters []string, batchSize int, fn func([]*Response) error) error
}

// TextAnswerQuery selects the answers to one text question.
type TextAnswerQuery struct {
	Questionnaire string
	Question      string
	// Filters are codes ("qid=value") that the response must all hold.
	Filters []string
	// Search, when set, is folded (Fold) and must be a substring of the
	// answer's folded text.
	Search string
	Offset int
	Limit  int // at least 1
}

// TextAnswerPage is one page of text answers.
type TextAnswerPage struct {
	Total   int // answers matching the query, over all pages
	Answers []TextAnswer
}

// TextAnswer is one response's answer to a text question.
type TextAnswer struct {
	ResponseID string
	Text       string
	CreatedAt  time.Time
}

// Coding is the codes (tags such as "transport") people attached to one
// answer: the answer of response ResponseID to question QuestionID. It is
// kept apart from the response, which never changes, and survives any
// number of exports.
type Coding struct {
	QuestionnaireID string
	ResponseID      string
	QuestionID      string
	Codes           []string // sorted, without duplicates; may be empty
	Version         int      // 1 when created, +1 on every change
	UpdatedAt       time.Time
	UpdatedBy       string // user id
}
