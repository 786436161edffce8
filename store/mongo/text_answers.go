package mongo

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"sync"
	"time"

	"github.com/triada-kpss/triada/engine"
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// textAnswerDoc is the projection of a response that a page of text
// answers reads.
type textAnswerDoc struct {
	ID        string         `bson:"_id"`
	Answers   map[string]any `bson:"answers"`
	CreatedAt time.Time      `bson:"created_at"`
}

// ListTextAnswers returns one page of the answers to a text question in
// response id order. The responses that answered it hold its marker code,
// so the query runs on the index (questionnaire_id, codes):
//
//	{questionnaire_id, codes: {$all: [question, filters...]}, "folded.<question>": {$regex: quoted search}}
//
// and countDocuments of the same filter gives Total.
func (s *Store) ListTextAnswers(ctx context.Context, q engine.TextAnswerQuery) (*engine.TextAnswerPage, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	what := fmt.Sprintf("list the answers to %s of %q", q.Question, q.Questionnaire)
	filter := countFilter(q.Questionnaire, append([]string{q.Question}, q.Filters...))
	if q.Search != "" {
		filter = append(filter, bson.E{Key: "folded." + q.Question, Value: bson.D{{Key: "$regex", Value: regexp.QuoteMeta(q.Search)}}})
	}
	var (
		total      int64
		docs       []textAnswerDoc
		errT, errF error
		wg         sync.WaitGroup
	)
	wg.Go(func() { total, errT = s.responses.CountDocuments(ctx, filter) })
	wg.Go(func() {
		opts := options.Find().SetSort(bson.D{{Key: "_id", Value: 1}}).SetSkip(int64(q.Offset)).SetLimit(int64(q.Limit)).
			SetProjection(bson.D{{Key: "answers." + q.Question, Value: 1}, {Key: "created_at", Value: 1}})
		cur, err := s.responses.Find(ctx, filter, opts)
		if err != nil {
			errF = err
			return
		}
		errF = cur.All(ctx, &docs)
	})
	wg.Wait()
	if errT != nil {
		return nil, fail(errT, "%s", what)
	}
	if errF != nil {
		return nil, fail(errF, "%s", what)
	}
	page := &engine.TextAnswerPage{Total: int(total), Answers: make([]engine.TextAnswer, 0, len(docs))}
	for _, d := range docs {
		text, _ := d.Answers[q.Question].(string)
		page.Answers = append(page.Answers, engine.TextAnswer{ResponseID: d.ID, Text: text, CreatedAt: d.CreatedAt})
	}
	return page, nil
}

// WalkResponses reads the questionnaire's responses in id order, a batch
// per query after the last id of the previous one (on the _id index), so
// that no cursor stays open while fn runs.
func (s *Store) WalkResponses(ctx context.Context, questionnaire string, filters []string, batchSize int, fn func([]*engine.Response) error) error {
	what := fmt.Sprintf("walk the responses of %q", questionnaire)
	if batchSize < 1 {
		return fmt.Errorf("mongo: %s: batch size %d", what, batchSize)
	}
	after := ""
	for {
		filter := append(countFilter(questionnaire, filters), bson.E{Key: "_id", Value: bson.D{{Key: "$gt", Value: after}}})
		batch, err := s.responseBatch(ctx, filter, batchSize, what)
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

func (s *Store) responseBatch(ctx context.Context, filter bson.D, n int, what string) ([]*engine.Response, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	opts := options.Find().SetSort(bson.D{{Key: "_id", Value: 1}}).SetLimit(int64(n)).
		SetProjection(bson.D{{Key: "folded", Value: 0}})
	cur, err := s.responses.Find(ctx, filter, opts)
	if err != nil {
		return nil, fail(err, "%s", what)
	}
	var docs []*responseDoc
	if err := cur.All(ctx, &docs); err != nil {
		return nil, fail(err, "%s", what)
	}
	out := make([]*engine.Response, 0, len(docs))
	for _, d := range docs {
		r, err := d.response()
		if err != nil {
			return nil, fail(err, "%s", what)
		}
		out = append(out, r)
	}
	return out, nil
}

// sortedCodes returns codes sorted, never nil.
func sortedCodes(codes []string) []string {
	out := slices.Clone(orEmpty(codes))
	slices.Sort(out)
	return out
}
