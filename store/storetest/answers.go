package storetest

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/triada-kpss/triada/engine"
)

// answersData is a survey of generated responses (and another
// questionnaire's, never to be mixed in), with random codings of the
// text answers of the survey: codings made by seed, independent of any
// store.
type answersData struct {
	survey  string
	rs      []*engine.Response
	codings []*engine.Coding
}

var genCodes = []string{"doprava", "chybí stacionář", "Pečovatelky", "informace", "děkuje"}

func (s *suite) loadAnswers(t *testing.T, st engine.Store) *answersData {
	t.Helper()
	d := &answersData{survey: "survey"}
	for _, id := range []string{"survey", "other"} {
		q := &engine.Questionnaire{ID: id, Definition: genDefinition(id, 7), CreatedAt: at(1, 9), CreatedBy: "u-admin"}
		noErr(t, "CreateQuestionnaire", st.CreateQuestionnaire(ctx, q))
	}
	d.rs = append(generate("survey", 1200, 7, 44), generate("other", 200, 7, 45)...)
	load(t, st, d.rs)
	rng := rand.New(rand.NewPCG(46, 0xc0de))
	for _, r := range d.rs {
		if r.Folded == nil || rng.Float64() < 0.6 {
			continue
		}
		var codes []string
		for _, c := range genCodes {
			if rng.Float64() < 0.35 {
				codes = append(codes, c)
			}
		}
		slices.Sort(codes)
		c := &engine.Coding{QuestionnaireID: r.QuestionnaireID, ResponseID: r.ID, QuestionID: "poznamka",
			Codes: orEmptyStrings(codes), Version: 1, UpdatedAt: at(20, 10), UpdatedBy: "u-coder"}
		noErr(t, "SaveCoding", st.SaveCoding(ctx, c, 0))
		d.codings = append(d.codings, c)
	}
	return d
}

func orEmptyStrings(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func (s *suite) answers(t *testing.T) {
	t.Run("ListTextAnswers", func(t *testing.T) {
		s.skipIfAsked(t)
		st := s.newStore(t)
		d := s.loadAnswers(t, st)
		cases := []struct {
			name string
			q    engine.TextAnswerQuery
		}{
			{"FirstPage", engine.TextAnswerQuery{Limit: 20}},
			{"LaterPage", engine.TextAnswerQuery{Offset: 140, Limit: 30}},
			{"PastTheEnd", engine.TextAnswerQuery{Offset: 5000, Limit: 30}},
			{"SearchIgnoresCaseAndAccents", engine.TextAnswerQuery{Search: engine.Fold("DOPRAVA"), Limit: 500}},
			{"SearchInside", engine.TextAnswerQuery{Search: engine.Fold("stacionar"), Limit: 500}},
			{"SearchQuotesAndPercent", engine.TextAnswerQuery{Search: engine.Fold(`50% slevy; "víc"`), Limit: 500}},
			{"SearchRegexpCharacters", engine.TextAnswerQuery{Search: ".*", Limit: 50}},
			{"Filter", engine.TextAnswerQuery{Filters: []string{"vek=66-80"}, Limit: 500}},
			{"FilterAndSearchPaged", engine.TextAnswerQuery{Filters: []string{"sluzby=s1"}, Search: "text", Offset: 10, Limit: 25}},
			{"FilterMatchingNothing", engine.TextAnswerQuery{Filters: []string{"vek=200"}, Limit: 10}},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				s.skipIfAsked(t)
				c.q.Questionnaire, c.q.Question = d.survey, "poznamka"
				want := expectTextAnswers(d.rs, c.q)
				if want.Total == 0 && !strings.Contains(c.name, "Nothing") && !strings.Contains(c.name, "Regexp") {
					t.Fatal("the generated data match nothing: fix the case")
				}
				got, err := st.ListTextAnswers(ctx, c.q)
				noErr(t, "ListTextAnswers", err)
				wantEqual(t, "page", got, want)
			})
		}
		t.Run("OtherQuestion", func(t *testing.T) {
			got, err := st.ListTextAnswers(ctx, engine.TextAnswerQuery{Questionnaire: d.survey, Question: "nic", Limit: 10})
			noErr(t, "ListTextAnswers", err)
			wantEqual(t, "page", got, &engine.TextAnswerPage{Answers: []engine.TextAnswer{}})
		})
	})

	t.Run("Codings", func(t *testing.T) {
		s.test(t, "SaveAndFind", func(t *testing.T, st engine.Store) {
			mustCreateQuestionnaire(t, st, "q1")
			noErr(t, "CreateResponse", st.CreateResponse(ctx, response("r1", "q1")))
			c := &engine.Coding{QuestionnaireID: "q1", ResponseID: "r1", QuestionID: "poznamka", Codes: []string{"doprava", "stacionář"},
				Version: 1, UpdatedAt: at(3, 9), UpdatedBy: "u1"}
			noErr(t, "SaveCoding", st.SaveCoding(ctx, c, 0))
			got, err := st.FindCodings(ctx, "q1", []string{"r1", "r-none"})
			noErr(t, "FindCodings", err)
			wantEqual(t, "codings", got, []*engine.Coding{c})

			again := *c
			wantErr(t, "SaveCoding creating twice", st.SaveCoding(ctx, &again, 0), engine.ErrConflict)
			next := *c
			next.Codes, next.Version, next.UpdatedBy = []string{}, 2, "u2"
			noErr(t, "SaveCoding at version 1", st.SaveCoding(ctx, &next, 1))
			stale := *c
			stale.Version = 2
			wantErr(t, "SaveCoding at a stale version", st.SaveCoding(ctx, &stale, 1), engine.ErrConflict)
			got, err = st.FindCodings(ctx, "q1", []string{"r1"})
			noErr(t, "FindCodings", err)
			wantEqual(t, "codings", got, []*engine.Coding{&next})

			missing := *c
			missing.ResponseID, missing.Version = "r-none", 5
			wantErr(t, "SaveCoding of nothing stored", st.SaveCoding(ctx, &missing, 4), engine.ErrConflict)
			got, err = st.FindCodings(ctx, "other", []string{"r1"})
			noErr(t, "FindCodings of another questionnaire", err)
			wantEqual(t, "codings", got, []*engine.Coding{})
		})

		s.test(t, "Concurrent", func(t *testing.T, st engine.Store) {
			mustCreateQuestionnaire(t, st, "q1")
			noErr(t, "CreateResponse", st.CreateResponse(ctx, response("r1", "q1")))
			c := &engine.Coding{QuestionnaireID: "q1", ResponseID: "r1", QuestionID: "poznamka", Codes: []string{}, Version: 1, UpdatedAt: at(3, 9)}
			noErr(t, "SaveCoding", st.SaveCoding(ctx, c, 0))
			const n = 8
			var wg sync.WaitGroup
			errs := make([]error, n)
			for i := range n {
				wg.Go(func() {
					mine := *c
					mine.Codes, mine.Version = []string{fmt.Sprintf("code-%d", i)}, 2
					errs[i] = st.SaveCoding(ctx, &mine, 1)
				})
			}
			wg.Wait()
			won := 0
			for _, err := range errs {
				switch {
				case err == nil:
					won++
				case !errors.Is(err, engine.ErrConflict):
					t.Fatalf("SaveCoding: %v", err)
				}
			}
			if won != 1 {
				t.Fatalf("%d of %d concurrent changes of version 1 won, want 1", won, n)
			}
		})

		t.Run("FindManyCodings", func(t *testing.T) {
			s.skipIfAsked(t)
			st := s.newStore(t)
			d := s.loadAnswers(t, st)
			var ids []string
			var want []*engine.Coding
			for i, c := range d.codings {
				if c.QuestionnaireID == d.survey && i%2 == 0 {
					ids, want = append(ids, c.ResponseID), append(want, c)
				}
			}
			ids = append(ids, "nope")
			got, err := st.FindCodings(ctx, d.survey, ids)
			noErr(t, "FindCodings", err)
			sortCodings(got)
			wantEqual(t, "codings", got, want)
		})

		t.Run("WalkCodings", func(t *testing.T) {
			s.skipIfAsked(t)
			st := s.newStore(t)
			d := s.loadAnswers(t, st)
			for _, q := range []engine.CountQuery{
				{},
				{Filters: []string{"vek=66-80"}},
				{Filters: []string{"sluzby=s2", "spokojenost=4"}},
				{Segment: "obec"},
				{Segment: "obec", Filters: []string{"sluzby=s1"}},
				{AnyOf: [][]string{{"vek=66-80", "vek=nad-80"}}},
				{Segment: "obec", Filters: []string{"sluzby=s1"}, AnyOf: [][]string{{"vek=do-25", "vek=26-45"}, {"spokojenost=4", "spokojenost=5"}}},
			} {
				q.Questionnaire = d.survey
				t.Run(fmt.Sprintf("%s/%v/%v", q.Segment, q.Filters, q.AnyOf), func(t *testing.T) {
					want := expectCodingTally(d, q)
					if len(want) == 0 {
						t.Fatal("the generated data match nothing: fix the case")
					}
					got := map[string]int{}
					err := st.WalkCodings(ctx, q, func(c *engine.Coding, segment string) error {
						tallyCoding(got, c, segment)
						return nil
					})
					noErr(t, "WalkCodings", err)
					wantEqual(t, "tally", got, want)
				})
			}
			stop := errors.New("stop")
			calls := 0
			err := st.WalkCodings(ctx, engine.CountQuery{Questionnaire: d.survey}, func(*engine.Coding, string) error { calls++; return stop })
			if !errors.Is(err, stop) || calls != 1 {
				t.Fatalf("WalkCodings after fn failed: %d calls, error %v", calls, err)
			}
		})
	})

	t.Run("WalkResponses", func(t *testing.T) {
		s.skipIfAsked(t)
		st := s.newStore(t)
		d := s.loadAnswers(t, st)
		for _, c := range []struct {
			filters []string
			batch   int
		}{{nil, 100}, {nil, 1000}, {[]string{"vek=66-80"}, 50}, {[]string{"sluzby=s1", "poznamka"}, 33}, {[]string{"vek=200"}, 10}} {
			t.Run(fmt.Sprintf("%v/%d", c.filters, c.batch), func(t *testing.T) {
				var want []*engine.Response
				for _, r := range d.rs {
					if r.QuestionnaireID == d.survey && containsAll(r.Codes, c.filters) {
						w := *r
						w.Folded = nil // not read back
						want = append(want, &w)
					}
				}
				var got []*engine.Response
				err := st.WalkResponses(ctx, d.survey, c.filters, c.batch, func(batch []*engine.Response) error {
					if len(batch) == 0 || len(batch) > c.batch {
						t.Fatalf("a batch of %d responses, want 1 to %d", len(batch), c.batch)
					}
					// The store may be called meanwhile.
					if _, err := st.FindResponse(ctx, batch[0].ID); err != nil {
						return err
					}
					got = append(got, batch...)
					return nil
				})
				noErr(t, "WalkResponses", err)
				if len(got) != len(want) {
					t.Fatalf("walked %d responses, want %d", len(got), len(want))
				}
				wantEqual(t, "responses", got, want)
			})
		}
	})

	s.test(t, "ReplaceResponseTextAnswer", func(t *testing.T, st engine.Store) {
		mustCreateQuestionnaire(t, st, "q1")
		r := response("r1", "q1")
		r.Folded = map[string]string{"poznamka": engine.Fold(r.Answers["poznamka"].(string))}
		noErr(t, "CreateResponse", st.CreateResponse(ctx, r))
		edit := *r
		edit.Answers = map[string]any{"obec": "slany", "poznamka": "Nová poznámka"}
		edit.Codes = []string{"obec", "obec=slany", "poznamka"}
		edit.Folded = map[string]string{"poznamka": "nova poznamka"}
		noErr(t, "ReplaceResponse", st.ReplaceResponse(ctx, &edit))
		for search, want := range map[string]int{"odlehcovaci": 0, "nova": 1} {
			got, err := st.ListTextAnswers(ctx, engine.TextAnswerQuery{Questionnaire: "q1", Question: "poznamka", Search: search, Limit: 10})
			noErr(t, "ListTextAnswers", err)
			if got.Total != want || len(got.Answers) != want {
				t.Fatalf("search %q after the replacement: %+v, want %d", search, got, want)
			}
		}
	})
}

// expectTextAnswers lists the answers q asks for the plain way.
func expectTextAnswers(rs []*engine.Response, q engine.TextAnswerQuery) *engine.TextAnswerPage {
	var all []engine.TextAnswer
	for _, r := range rs {
		text, ok := r.Answers[q.Question].(string)
		if r.QuestionnaireID != q.Questionnaire || !ok || !containsAll(r.Codes, q.Filters) ||
			!strings.Contains(engine.Fold(text), q.Search) {
			continue
		}
		all = append(all, engine.TextAnswer{ResponseID: r.ID, Text: text, CreatedAt: r.CreatedAt})
	}
	slices.SortFunc(all, func(a, b engine.TextAnswer) int { return strings.Compare(a.ResponseID, b.ResponseID) })
	page := &engine.TextAnswerPage{Total: len(all), Answers: []engine.TextAnswer{}}
	if q.Offset < len(all) {
		page.Answers = append(page.Answers, all[q.Offset:min(len(all), q.Offset+q.Limit)]...)
	}
	return page
}

// expectCodingTally counts the generated codings as WalkCodings should
// give them for q.
func expectCodingTally(d *answersData, q engine.CountQuery) map[string]int {
	byID := map[string]*engine.Response{}
	for _, r := range d.rs {
		byID[r.ID] = r
	}
	out := map[string]int{}
	for _, c := range d.codings {
		r := byID[c.ResponseID]
		if c.QuestionnaireID != q.Questionnaire || !containsAll(r.Codes, q.Filters) || !holdsOneOfEach(r.Codes, q.AnyOf) {
			continue
		}
		segment := ""
		if q.Segment != "" {
			for _, code := range r.Codes {
				if v, ok := strings.CutPrefix(code, q.Segment+"="); ok {
					segment = v
				}
			}
		}
		tallyCoding(out, c, segment)
	}
	return out
}

// tallyCoding counts a coding under "question/segment/code" for each of
// its codes, and under "question/segment/#" once.
func tallyCoding(m map[string]int, c *engine.Coding, segment string) {
	m[c.QuestionID+"/"+segment+"/#"]++
	for _, code := range c.Codes {
		m[c.QuestionID+"/"+segment+"/"+code]++
	}
}

func sortCodings(cs []*engine.Coding) {
	slices.SortFunc(cs, func(a, b *engine.Coding) int {
		return strings.Compare(a.ResponseID+"/"+a.QuestionID, b.ResponseID+"/"+b.QuestionID)
	})
}
