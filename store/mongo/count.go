package mongo

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/triada-kpss/triada/engine"
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// segmentWorkers is how many segment values CountAnswers counts at once.
const segmentWorkers = 8

// CountAnswers counts the codes of the responses of q.Questionnaire that
// hold every code of q.Filters and one code of each set of q.AnyOf, broken down by the value of q.Segment when
// it is set; an unknown questionnaire counts zero responses. Counting
// happens in the database, on the index (questionnaire_id, codes):
//
//	$match {questionnaire_id, codes: {$all: filters}}
//	$unwind "$codes"
//	$group {_id: "$codes", n: {$sum: 1}}
//
// and countDocuments of the same filter gives Total. The pipeline groups
// on a top-level string and uses only $sum, which every
// MongoDB-compatible server evaluates alike.
//
// With a segment, the values are those of the codes Segment+"=value"
// counted above (what a distinct of codes under the match would return);
// each value is counted by the same pipeline with its code added to the
// filters (segmentWorkers at a time, on the same index), and its Total is
// the count of its own code. That assumes, as forms.Definition.Codes
// ensures, that a response holds each code once. One pipeline per value
// is correct on every server; a single pipeline would need the segment
// value beside each code, which $addFields cannot copy on mongo-compat.
//
// The queries run one after another, not in one snapshot: a response
// stored meanwhile may be counted by some and not others.
func (s *Store) CountAnswers(ctx context.Context, q engine.CountQuery) (*engine.Counts, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	what := fmt.Sprintf("count the answers of %q", q.Questionnaire)

	var (
		total      int64
		codes      map[string]int
		errT, errC error
		wg         sync.WaitGroup
		filter     = queryFilter(q, q.Filters)
		segPrefix  = q.Segment + "="
	)
	wg.Go(func() { total, errT = s.responses.CountDocuments(ctx, filter) })
	wg.Go(func() { codes, errC = s.countCodes(ctx, filter) })
	wg.Wait()
	if errT != nil {
		return nil, fail(errT, "%s", what)
	}
	if errC != nil {
		return nil, fail(errC, "%s", what)
	}
	c := &engine.Counts{Total: int(total), Codes: codes}
	if q.Segment == "" {
		return c, nil
	}

	var values []string
	for code := range codes {
		if v, ok := strings.CutPrefix(code, segPrefix); ok {
			values = append(values, v)
		}
	}
	slices.Sort(values)
	segs := make([]*engine.SegmentCounts, len(values))
	errs := make([]error, len(values))
	next := make(chan int)
	segCtx, stop := context.WithCancel(ctx) // the first error stops the others
	defer stop()
	for range min(segmentWorkers, len(values)) {
		wg.Go(func() {
			for i := range next {
				segCode := segPrefix + values[i]
				f := queryFilter(q, append(slices.Clip(q.Filters), segCode))
				sc, err := s.countCodes(segCtx, f)
				if err != nil {
					errs[i] = err
					stop()
					continue
				}
				segs[i] = &engine.SegmentCounts{Total: sc[segCode], Codes: sc}
			}
		})
	}
	for i := range values {
		next <- i
	}
	close(next)
	wg.Wait()
	if err := firstCause(errs); err != nil {
		return nil, fail(err, "%s by %s", what, q.Segment)
	}
	c.Segments = make(map[string]*engine.SegmentCounts, len(values))
	for i, v := range values {
		// A response stored meanwhile cannot empty a segment, but keep
		// the contract (no empty segments) whatever happens.
		if segs[i].Total > 0 {
			c.Segments[v] = segs[i]
		}
	}
	return c, nil
}

// firstCause returns the first error of errs that is not a cancellation
// (the first error cancels the other workers), else the first error.
func firstCause(errs []error) error {
	var first error
	for _, err := range errs {
		switch {
		case err == nil:
		case !errors.Is(err, context.Canceled):
			return err
		case first == nil:
			first = err
		}
	}
	return first
}

// countFilter selects the responses of questionnaire holding every code
// of filters.
func countFilter(questionnaire string, filters []string) bson.D {
	f := bson.D{{Key: "questionnaire_id", Value: questionnaire}}
	if len(filters) > 0 {
		f = append(f, bson.E{Key: "codes", Value: bson.D{{Key: "$all", Value: filters}}})
	}
	return f
}

// codeCount is one row of the counting pipeline.
type codeCount struct {
	Code string `bson:"_id"`
	N    int    `bson:"n"`
}

// countCodes returns how many responses matching filter hold each code.
func (s *Store) countCodes(ctx context.Context, filter bson.D) (map[string]int, error) {
	pipeline := mongo.Pipeline{
		{{Key: "$match", Value: filter}},
		{{Key: "$unwind", Value: "$codes"}},
		{{Key: "$group", Value: bson.D{{Key: "_id", Value: "$codes"}, {Key: "n", Value: bson.D{{Key: "$sum", Value: 1}}}}}},
	}
	cur, err := s.responses.Aggregate(ctx, pipeline)
	if err != nil {
		return nil, err
	}
	defer cur.Close(ctx)
	out := map[string]int{}
	for cur.Next(ctx) {
		var row codeCount
		if err := cur.Decode(&row); err != nil {
			return nil, err
		}
		out[row.Code] = row.N
	}
	return out, cur.Err()
}
