package mongo

import (
	"context"
	"fmt"
	"time"

	"github.com/triada-kpss/triada/engine"
	"github.com/triada-kpss/triada/forms"
	"go.mongodb.org/mongo-driver/v2/bson"
)

// responseDoc is a document of "responses". Answers are a sub-document
// keyed by question id (query answers.<id>); codes an array of strings,
// indexed with the questionnaire id (multikey).
type responseDoc struct {
	ID              string         `bson:"_id"`
	QuestionnaireID string         `bson:"questionnaire_id"`
	Answers         map[string]any `bson:"answers"`
	Codes           []string       `bson:"codes"`
	// Folded holds the folded copies of the text answers that their
	// search matches (folded.<id>); absent without text answers.
	Folded map[string]string `bson:"folded,omitempty"`
	// Submission is set only when the response has a submission key; its
	// unique sparse index makes the key unique per questionnaire.
	Submission *submissionDoc `bson:"submission,omitempty"`
	CreatedAt  time.Time      `bson:"created_at"`
}

// submissionDoc identifies a submission; its field order is fixed, as a
// query on a whole sub-document compares the fields in order.
type submissionDoc struct {
	QuestionnaireID string `bson:"questionnaire_id"`
	Key             string `bson:"key"`
}

func newResponseDoc(r *engine.Response) *responseDoc {
	d := &responseDoc{
		ID: r.ID, QuestionnaireID: r.QuestionnaireID, Answers: r.Answers,
		Codes: orEmpty(r.Codes), Folded: r.Folded, CreatedAt: r.CreatedAt,
	}
	if d.Answers == nil {
		d.Answers = map[string]any{}
	}
	if r.SubmissionKey != "" {
		d.Submission = &submissionDoc{QuestionnaireID: r.QuestionnaireID, Key: r.SubmissionKey}
	}
	return d
}

func (d *responseDoc) response() (*engine.Response, error) {
	r := &engine.Response{
		ID: d.ID, QuestionnaireID: d.QuestionnaireID, Answers: answersFromBSON(d.Answers),
		Codes: d.Codes, CreatedAt: d.CreatedAt,
	}
	if d.Submission != nil {
		r.SubmissionKey = d.Submission.Key
	}
	return r, nil
}

// answersFromBSON returns answers as the engine keeps them: strings,
// float64 numbers and, for multi questions, []string.
func answersFromBSON(m map[string]any) forms.Answers {
	a := make(forms.Answers, len(m))
	for k, v := range m {
		a[k] = answerValue(v)
	}
	return a
}

func answerValue(v any) any {
	switch x := v.(type) {
	case int32:
		return float64(x)
	case int64:
		return float64(x)
	case bson.A:
		return answerList(x)
	case []any:
		return answerList(x)
	}
	return v
}

// answerList returns a []string when every item is a string.
func answerList(items []any) any {
	ss := make([]string, 0, len(items))
	for _, it := range items {
		s, ok := it.(string)
		if !ok {
			out := make([]any, len(items))
			for i, it := range items {
				out[i] = answerValue(it)
			}
			return out
		}
		ss = append(ss, s)
	}
	return ss
}

// CreateResponse stores r with one insert; ErrDuplicate if r.SubmissionKey
// is not empty and a response of the same questionnaire has it already
// (or if the id exists).
func (s *Store) CreateResponse(ctx context.Context, r *engine.Response) error {
	return s.insert(ctx, s.responses, newResponseDoc(r), "create response %q of %q", r.ID, r.QuestionnaireID)
}

// FindResponse returns the response or ErrNotFound.
func (s *Store) FindResponse(ctx context.Context, id string) (*engine.Response, error) {
	return findOne(ctx, s, s.responses, byID(id), (*responseDoc).response, "find response %q", id)
}

// FindResponseBySubmissionKey returns the response of questionnaire with
// that submission key, or ErrNotFound (always for an empty key).
func (s *Store) FindResponseBySubmissionKey(ctx context.Context, questionnaire, key string) (*engine.Response, error) {
	what := fmt.Sprintf("find the response of %q by its submission key", questionnaire)
	if key == "" {
		return nil, fmt.Errorf("mongo: %s: no key: %w", what, engine.ErrNotFound)
	}
	filter := bson.D{{Key: "submission", Value: submissionDoc{QuestionnaireID: questionnaire, Key: key}}}
	return findOne(ctx, s, s.responses, filter, (*responseDoc).response, "%s", what)
}
