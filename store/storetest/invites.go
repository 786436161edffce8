package storetest

import (
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/triada-kpss/triada/engine"
	"github.com/triada-kpss/triada/forms"
)

func invite(hash, questionnaire, email string) *engine.Invite {
	return &engine.Invite{Hash: hash, QuestionnaireID: questionnaire, Email: email,
		Name: "Charita Slaný – pečovatelská služba", CreatedAt: at(3, 9)}
}

func mustCreateInvite(t *testing.T, st engine.Store, hash, questionnaire, email string) *engine.Invite {
	t.Helper()
	i := invite(hash, questionnaire, email)
	noErr(t, "CreateInvite", st.CreateInvite(ctx, i))
	return i
}

func (s *suite) invites(t *testing.T) {
	t.Run("CreateInvite", func(t *testing.T) {
		s.test(t, "RoundTrip", func(t *testing.T, st engine.Store) {
			mustCreateQuestionnaire(t, st, "q1")
			want := invite("h1", "q1", "reditel@charita.cz")
			noErr(t, "CreateInvite", st.CreateInvite(ctx, want))
			got, err := st.FindInvite(ctx, "h1")
			noErr(t, "FindInvite", err)
			wantEqual(t, "invite", got, want)
			if got.ResponseID != "" || got.AnsweredAt != nil {
				t.Fatalf("a new invite is answered: %+v", got)
			}
		})
		s.test(t, "ErrDuplicate", func(t *testing.T, st engine.Store) {
			mustCreateQuestionnaire(t, st, "q1")
			want := mustCreateInvite(t, st, "h1", "q1", "a@example.cz")
			err := st.CreateInvite(ctx, invite("h1", "q1", "b@example.cz"))
			wantErr(t, "CreateInvite with the same hash", err, engine.ErrDuplicate)
			got, err := st.FindInvite(ctx, "h1")
			noErr(t, "FindInvite", err)
			wantEqual(t, "the first invite", got, want)
		})
		// One address may be invited several times: a provider answers
		// once per service, each through its own link.
		s.test(t, "SameEmailTwice", func(t *testing.T, st engine.Store) {
			mustCreateQuestionnaire(t, st, "q1")
			mustCreateInvite(t, st, "h1", "q1", "a@example.cz")
			mustCreateInvite(t, st, "h2", "q1", "a@example.cz")
		})
	})

	t.Run("FindInvite", func(t *testing.T) {
		s.test(t, "ErrNotFound", func(t *testing.T, st engine.Store) {
			mustCreateQuestionnaire(t, st, "q1")
			mustCreateInvite(t, st, "h1", "q1", "a@example.cz")
			_, err := st.FindInvite(ctx, "h2")
			wantErr(t, "FindInvite", err, engine.ErrNotFound)
		})
	})

	t.Run("ListInvites", func(t *testing.T) {
		s.test(t, "OrderedByEmail", func(t *testing.T, st engine.Store) {
			mustCreateQuestionnaire(t, st, "q1")
			mustCreateQuestionnaire(t, st, "q2")
			c := mustCreateInvite(t, st, "h1", "q1", "cyril@example.cz")
			a := mustCreateInvite(t, st, "h2", "q1", "adam@example.cz")
			mustCreateInvite(t, st, "h3", "q2", "bara@example.cz")
			got, err := st.ListInvites(ctx, "q1")
			noErr(t, "ListInvites", err)
			wantEqual(t, "invites", got, []*engine.Invite{a, c})
		})
		s.test(t, "Empty", func(t *testing.T, st engine.Store) {
			mustCreateQuestionnaire(t, st, "q1")
			got, err := st.ListInvites(ctx, "q1")
			noErr(t, "ListInvites", err)
			if len(got) != 0 {
				t.Fatalf("got %d invites of a questionnaire without any", len(got))
			}
		})
	})

	t.Run("SetInviteResponse", func(t *testing.T) {
		s.test(t, "OnceThenErrConflict", func(t *testing.T, st engine.Store) {
			mustCreateQuestionnaire(t, st, "q1")
			want := mustCreateInvite(t, st, "h1", "q1", "a@example.cz")
			other := mustCreateInvite(t, st, "h2", "q1", "b@example.cz")
			noErr(t, "SetInviteResponse", st.SetInviteResponse(ctx, "h1", "r1", at(4, 10)))
			want.ResponseID, want.AnsweredAt = "r1", ptr(at(4, 10))
			got, err := st.FindInvite(ctx, "h1")
			noErr(t, "FindInvite", err)
			wantEqual(t, "the answered invite", got, want)
			err = st.SetInviteResponse(ctx, "h1", "r2", at(4, 11))
			wantErr(t, "SetInviteResponse a second time", err, engine.ErrConflict)
			got, err = st.FindInvite(ctx, "h1")
			noErr(t, "FindInvite", err)
			wantEqual(t, "the invite after the conflict", got, want)
			got, err = st.FindInvite(ctx, "h2")
			noErr(t, "FindInvite", err)
			wantEqual(t, "the other invite", got, other)
		})
		s.test(t, "ErrNotFound", func(t *testing.T, st engine.Store) {
			mustCreateQuestionnaire(t, st, "q1")
			mustCreateInvite(t, st, "h1", "q1", "a@example.cz")
			wantErr(t, "SetInviteResponse", st.SetInviteResponse(ctx, "h2", "r1", at(4, 10)), engine.ErrNotFound)
		})
		s.test(t, "Concurrent", func(t *testing.T, st engine.Store) {
			mustCreateQuestionnaire(t, st, "q1")
			mustCreateInvite(t, st, "h1", "q1", "a@example.cz")
			const n = 8
			errs := make([]error, n)
			var wg sync.WaitGroup
			for i := range n {
				wg.Go(func() { errs[i] = st.SetInviteResponse(ctx, "h1", fmt.Sprint("r", i), at(4, 10)) })
			}
			wg.Wait()
			winner := -1
			for i, err := range errs {
				switch {
				case err == nil && winner >= 0:
					t.Fatalf("writers %d and %d both recorded a response", winner, i)
				case err == nil:
					winner = i
				case !errors.Is(err, engine.ErrConflict):
					t.Fatalf("writer %d: got %v, want nil or ErrConflict", i, err)
				}
			}
			got, err := st.FindInvite(ctx, "h1")
			noErr(t, "FindInvite", err)
			if winner < 0 || got.ResponseID != fmt.Sprint("r", winner) {
				t.Fatalf("stored response %q, winner %d", got.ResponseID, winner)
			}
		})
	})

	t.Run("ReplaceResponse", func(t *testing.T) {
		s.test(t, "ChangesWhatIsCounted", func(t *testing.T, st engine.Store) {
			mustCreateQuestionnaire(t, st, "q1")
			first := response("r1", "q1")
			first.SubmissionKey = "invite:h1"
			noErr(t, "CreateResponse", st.CreateResponse(ctx, first))
			noErr(t, "CreateResponse", st.CreateResponse(ctx, response("r2", "q1")))
			want := &engine.Response{
				ID: "r1", QuestionnaireID: "q1", SubmissionKey: "invite:h1", CreatedAt: first.CreatedAt,
				Answers: forms.Answers{"obec": "zlonice", "sluzby": []string{"poradna"}},
				Codes:   []string{"obec", "obec=zlonice", "sluzby", "sluzby=poradna"},
			}
			edit := *want
			edit.CreatedAt = at(20, 10) // a store keeps the first time
			noErr(t, "ReplaceResponse", st.ReplaceResponse(ctx, &edit))
			got, err := st.FindResponse(ctx, "r1")
			noErr(t, "FindResponse", err)
			wantEqual(t, "the replaced response", got, want)
			got, err = st.FindResponseBySubmissionKey(ctx, "q1", "invite:h1")
			noErr(t, "FindResponseBySubmissionKey", err)
			wantEqual(t, "the replaced response by its key", got, want)

			c, err := st.CountAnswers(ctx, engine.CountQuery{Questionnaire: "q1"})
			noErr(t, "CountAnswers", err)
			wantCodes := map[string]int{
				"obec": 2, "obec=slany": 1, "obec=zlonice": 1, "vek": 1, "vek=67": 1,
				"sluzby": 2, "sluzby=pecovatelska": 1, "sluzby=poradna": 2,
				"spokojenost": 1, "spokojenost=4": 1, "poznamka": 1,
			}
			wantEqual(t, "counts", c, &engine.Counts{Total: 2, Codes: wantCodes})
			c, err = st.CountAnswers(ctx, engine.CountQuery{Questionnaire: "q1", Filters: []string{"obec=zlonice"}, Segment: "obec"})
			noErr(t, "CountAnswers with a filter and a segment", err)
			if c.Total != 1 || c.Segments["zlonice"] == nil || c.Segments["zlonice"].Codes["sluzby=poradna"] != 1 || c.Segments["slany"] != nil {
				t.Fatalf("counts after the replacement: %+v", c)
			}
		})
		s.test(t, "ErrNotFound", func(t *testing.T, st engine.Store) {
			mustCreateQuestionnaire(t, st, "q1")
			noErr(t, "CreateResponse", st.CreateResponse(ctx, response("r1", "q1")))
			wantErr(t, "ReplaceResponse", st.ReplaceResponse(ctx, response("r2", "q1")), engine.ErrNotFound)
		})
	})
}
