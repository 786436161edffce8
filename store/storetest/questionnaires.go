package storetest

import (
	"testing"

	"github.com/triada-kpss/triada/engine"
)

func (s *suite) questionnaires(t *testing.T) {
	t.Run("CreateQuestionnaire", func(t *testing.T) {
		s.test(t, "RoundTrip", func(t *testing.T, st engine.Store) {
			want := questionnaire("needs-2027")
			noErr(t, "CreateQuestionnaire", st.CreateQuestionnaire(ctx, want))
			got, err := st.FindQuestionnaire(ctx, want.ID)
			noErr(t, "FindQuestionnaire", err)
			wantEqual(t, "questionnaire", got, want)
		})
		s.test(t, "ErrDuplicate", func(t *testing.T, st engine.Store) {
			mustCreateQuestionnaire(t, st, "needs-2027")
			other := questionnaire("needs-2027")
			other.CreatedBy = "someone-else"
			wantErr(t, "CreateQuestionnaire twice", st.CreateQuestionnaire(ctx, other), engine.ErrDuplicate)
			got, err := st.FindQuestionnaire(ctx, "needs-2027")
			noErr(t, "FindQuestionnaire", err)
			if got.CreatedBy != "u-admin" {
				t.Fatalf("the duplicate replaced the first: CreatedBy %q", got.CreatedBy)
			}
		})
	})

	t.Run("FindQuestionnaire", func(t *testing.T) {
		s.test(t, "ErrNotFound", func(t *testing.T, st engine.Store) {
			mustCreateQuestionnaire(t, st, "needs-2027")
			_, err := st.FindQuestionnaire(ctx, "needs-2028")
			wantErr(t, "FindQuestionnaire", err, engine.ErrNotFound)
		})
	})

	t.Run("ListQuestionnaires", func(t *testing.T) {
		s.test(t, "Empty", func(t *testing.T, st engine.Store) {
			got, err := st.ListQuestionnaires(ctx)
			noErr(t, "ListQuestionnaires", err)
			if len(got) != 0 {
				t.Fatalf("got %d questionnaires in an empty store", len(got))
			}
		})
		s.test(t, "OrderedByID", func(t *testing.T, st engine.Store) {
			var want []*engine.Questionnaire
			for _, id := range []string{"c-providers", "a-needs", "b-needs"} {
				q := mustCreateQuestionnaire(t, st, id)
				want = append(want, q)
			}
			want[0], want[1], want[2] = want[1], want[2], want[0]
			got, err := st.ListQuestionnaires(ctx)
			noErr(t, "ListQuestionnaires", err)
			wantEqual(t, "questionnaires", got, want)
		})
	})
}
