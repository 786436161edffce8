package storetest

import (
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/triada-kpss/triada/engine"
	"github.com/triada-kpss/triada/forms"
)

func (s *suite) responses(t *testing.T) {
	t.Run("CreateResponse", func(t *testing.T) {
		s.test(t, "RoundTrip", func(t *testing.T, st engine.Store) {
			mustCreateQuestionnaire(t, st, "q1")
			want := response("r1", "q1")
			want.SubmissionKey = "sk-1"
			noErr(t, "CreateResponse", st.CreateResponse(ctx, want))
			got, err := st.FindResponse(ctx, "r1")
			noErr(t, "FindResponse", err)
			wantEqual(t, "response", got, want)
		})
		s.test(t, "NoAnswers", func(t *testing.T, st engine.Store) {
			mustCreateQuestionnaire(t, st, "q1")
			want := &engine.Response{ID: "r1", QuestionnaireID: "q1", Answers: forms.Answers{}, CreatedAt: at(2, 10)}
			noErr(t, "CreateResponse", st.CreateResponse(ctx, want))
			got, err := st.FindResponse(ctx, "r1")
			noErr(t, "FindResponse", err)
			wantEqual(t, "response", got, want)
		})
		s.test(t, "ErrDuplicate", func(t *testing.T, st engine.Store) {
			mustCreateQuestionnaire(t, st, "q1")
			first := response("r1", "q1")
			first.SubmissionKey = "sk-1"
			noErr(t, "CreateResponse", st.CreateResponse(ctx, first))
			again := response("r2", "q1")
			again.SubmissionKey = "sk-1"
			wantErr(t, "CreateResponse with the same key", st.CreateResponse(ctx, again), engine.ErrDuplicate)
			_, err := st.FindResponse(ctx, "r2")
			wantErr(t, "FindResponse of the duplicate", err, engine.ErrNotFound)
		})
		s.test(t, "SameKeyOtherQuestionnaire", func(t *testing.T, st engine.Store) {
			mustCreateQuestionnaire(t, st, "q1")
			mustCreateQuestionnaire(t, st, "q2")
			for i, q := range []string{"q1", "q2"} {
				r := response(fmt.Sprint("r", i), q)
				r.SubmissionKey = "sk-1"
				noErr(t, "CreateResponse "+q, st.CreateResponse(ctx, r))
			}
		})
		s.test(t, "EmptyKeysAreNotDuplicates", func(t *testing.T, st engine.Store) {
			mustCreateQuestionnaire(t, st, "q1")
			for i := range 3 {
				noErr(t, "CreateResponse", st.CreateResponse(ctx, response(fmt.Sprint("r", i), "q1")))
			}
		})
		s.test(t, "Concurrent", func(t *testing.T, st engine.Store) {
			mustCreateQuestionnaire(t, st, "q1")
			const writers, each = 16, 25
			var wg sync.WaitGroup
			for w := range writers {
				wg.Go(func() {
					for i := range each {
						r := response(fmt.Sprintf("r-%d-%d", w, i), "q1")
						r.SubmissionKey = fmt.Sprintf("sk-%d-%d", w, i)
						if err := st.CreateResponse(ctx, r); err != nil {
							t.Errorf("CreateResponse %s: %v", r.ID, err)
						}
					}
				})
			}
			wg.Wait()
			if t.Failed() {
				return
			}
			for w := range writers {
				for i := range each {
					id := fmt.Sprintf("r-%d-%d", w, i)
					got, err := st.FindResponseBySubmissionKey(ctx, "q1", fmt.Sprintf("sk-%d-%d", w, i))
					noErr(t, "FindResponseBySubmissionKey", err)
					if got.ID != id {
						t.Fatalf("key of %s found %s", id, got.ID)
					}
				}
			}
			c, err := st.CountAnswers(ctx, engine.CountQuery{Questionnaire: "q1"})
			noErr(t, "CountAnswers", err)
			if c.Total != writers*each || c.Codes["obec=slany"] != writers*each {
				t.Fatalf("counted %d responses, %d obec=slany; want %d", c.Total, c.Codes["obec=slany"], writers*each)
			}
		})
		s.test(t, "ConcurrentSameKey", func(t *testing.T, st engine.Store) {
			mustCreateQuestionnaire(t, st, "q1")
			const n = 8
			errs := make([]error, n)
			var wg sync.WaitGroup
			for i := range n {
				wg.Go(func() {
					r := response(fmt.Sprint("r", i), "q1")
					r.SubmissionKey = "double-click"
					errs[i] = st.CreateResponse(ctx, r)
				})
			}
			wg.Wait()
			ok := 0
			for i, err := range errs {
				switch {
				case err == nil:
					ok++
				case !errors.Is(err, engine.ErrDuplicate):
					t.Errorf("writer %d: got %v, want nil or ErrDuplicate", i, err)
				}
			}
			if ok != 1 {
				t.Fatalf("%d writers stored the same submission key, want 1", ok)
			}
			c, err := st.CountAnswers(ctx, engine.CountQuery{Questionnaire: "q1"})
			noErr(t, "CountAnswers", err)
			if c.Total != 1 {
				t.Fatalf("counted %d responses, want 1", c.Total)
			}
		})
	})

	t.Run("FindResponse", func(t *testing.T) {
		s.test(t, "ErrNotFound", func(t *testing.T, st engine.Store) {
			mustCreateQuestionnaire(t, st, "q1")
			noErr(t, "CreateResponse", st.CreateResponse(ctx, response("r1", "q1")))
			_, err := st.FindResponse(ctx, "r2")
			wantErr(t, "FindResponse", err, engine.ErrNotFound)
		})
	})

	t.Run("FindResponseBySubmissionKey", func(t *testing.T) {
		s.test(t, "OK", func(t *testing.T, st engine.Store) {
			mustCreateQuestionnaire(t, st, "q1")
			want := response("r1", "q1")
			want.SubmissionKey = "sk-1"
			noErr(t, "CreateResponse", st.CreateResponse(ctx, want))
			got, err := st.FindResponseBySubmissionKey(ctx, "q1", "sk-1")
			noErr(t, "FindResponseBySubmissionKey", err)
			wantEqual(t, "response", got, want)
		})
		s.test(t, "ErrNotFound", func(t *testing.T, st engine.Store) {
			mustCreateQuestionnaire(t, st, "q1")
			mustCreateQuestionnaire(t, st, "q2")
			r := response("r1", "q1")
			r.SubmissionKey = "sk-1"
			noErr(t, "CreateResponse", st.CreateResponse(ctx, r))
			noErr(t, "CreateResponse", st.CreateResponse(ctx, response("r2", "q1")))
			for _, c := range []struct{ q, key string }{{"q1", "sk-2"}, {"q2", "sk-1"}, {"q1", ""}, {"q9", "sk-1"}} {
				_, err := st.FindResponseBySubmissionKey(ctx, c.q, c.key)
				wantErr(t, fmt.Sprintf("FindResponseBySubmissionKey(%q, %q)", c.q, c.key), err, engine.ErrNotFound)
			}
		})
	})
}
