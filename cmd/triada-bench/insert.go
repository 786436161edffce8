package main

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/triada-kpss/triada/engine"
	"github.com/triada-kpss/triada/forms"
	"github.com/triada-kpss/triada/internal/loadgen"
)

// createSurvey stores the load survey through the engine and returns its
// definition as stored.
func createSurvey(ctx context.Context, eng *engine.Engine, actor *engine.User, id string, municipalities int) (*forms.Definition, error) {
	q, _, err := eng.CreateQuestionnaire(ctx, actor, loadgen.SurveyJSON(id, municipalities), "json")
	if err != nil {
		return nil, fmt.Errorf("create the questionnaire: %w", err)
	}
	return q.Definition, nil
}

// newResponsePool generates n responses the way SubmitResponse makes them:
// random answers, validated against the definition (ValidateAnswers) and
// turned into codes (Definition.Codes). Bulk insertion stores them in turn
// under new ids, so that the rate measured is the store's.
func newResponsePool(def *forms.Definition, seed uint64, n int) ([]engine.Response, error) {
	g := loadgen.NewGenerator(def, seed)
	pool := make([]engine.Response, n)
	for i := range pool {
		raw, err := g.Raw()
		if err != nil {
			return nil, err
		}
		answers, errs := def.ValidateAnswers(raw)
		if len(errs) > 0 {
			return nil, fmt.Errorf("generated answers are invalid: %v", errs)
		}
		pool[i] = engine.Response{QuestionnaireID: def.ID, Answers: answers, Codes: def.Codes(answers), Folded: engine.FoldTexts(def, answers)}
	}
	return pool, nil
}

// insertion is how one bulk insertion went.
type insertion struct {
	n    int
	took time.Duration
}

func (in insertion) rate() float64 {
	if in.took <= 0 {
		return 0
	}
	return float64(in.n) / in.took.Seconds()
}

// insert stores count responses from the pool (from position offset on)
// with CreateResponse called by writers goroutines at once, as concurrent
// submissions call it.
func insert(ctx context.Context, st engine.Store, pool []engine.Response, questionnaire string, offset, count, writers int) (insertion, error) {
	base := time.Date(2027, 1, 10, 8, 0, 0, 0, time.UTC)
	var next atomic.Int64
	var wg sync.WaitGroup
	var once sync.Once
	var firstErr error
	start := time.Now()
	for range writers {
		wg.Go(func() {
			for ctx.Err() == nil {
				i := int(next.Add(1)) - 1
				if i >= count {
					return
				}
				r := pool[(offset+i)%len(pool)]
				r.ID = engine.NewResponseID() // time-ordered, as every submission gets one
				r.QuestionnaireID = questionnaire
				r.CreatedAt = base.Add(time.Duration(offset+i) * time.Second)
				if err := st.CreateResponse(ctx, &r); err != nil {
					once.Do(func() { firstErr = err })
					return
				}
			}
		})
	}
	wg.Wait()
	in := insertion{n: count, took: time.Since(start)}
	if firstErr == nil {
		firstErr = ctx.Err()
	}
	return in, firstErr
}
