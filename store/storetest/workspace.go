package storetest

import (
	"fmt"
	"testing"
	"time"

	"github.com/triada-kpss/triada/engine"
)

func auditEntry(n int, email, action string, at time.Time) *engine.AuditEntry {
	return &engine.AuditEntry{ID: fmt.Sprintf("a%03d", n), At: at, UserID: "u-" + email, Email: email,
		Action: action, Targets: []string{"id=needs-2027"}, Status: 303}
}

func (s *suite) workspace(t *testing.T) {
	t.Run("AuditLog", func(t *testing.T) {
		s.test(t, "RoundTrip", func(t *testing.T, st engine.Store) {
			want := auditEntry(1, "koordinator@slany.cz", "POST /work/questionnaires/:id/open", at(3, 9))
			want.Targets = []string{"id=needs-2027", "qid=obec"}
			noErr(t, "CreateAuditEntry", st.CreateAuditEntry(ctx, want))
			failed := &engine.AuditEntry{ID: "a002", At: at(3, 10), Email: "who@x.cz", Action: engine.AuditSignInFailed, Status: 401}
			noErr(t, "CreateAuditEntry", st.CreateAuditEntry(ctx, failed))
			got, err := st.ListAuditEntries(ctx, engine.AuditFilter{})
			noErr(t, "ListAuditEntries", err)
			wantEqual(t, "audit log", got, []*engine.AuditEntry{failed, want})
		})
		s.test(t, "ErrDuplicate", func(t *testing.T, st engine.Store) {
			noErr(t, "CreateAuditEntry", st.CreateAuditEntry(ctx, auditEntry(1, "a@x.cz", "signin", at(3, 9))))
			wantErr(t, "CreateAuditEntry twice", st.CreateAuditEntry(ctx, auditEntry(1, "b@x.cz", "signin", at(3, 10))), engine.ErrDuplicate)
		})
		s.test(t, "FiltersAndPaging", func(t *testing.T, st engine.Store) {
			var all []*engine.AuditEntry
			for i := range 12 {
				email, action := "a@x.cz", "signin"
				if i%3 == 0 {
					email = "b@x.cz"
				}
				if i%2 == 0 {
					action = "POST /work/questionnaires"
				}
				e := auditEntry(i, email, action, at(1+i, 8))
				noErr(t, "CreateAuditEntry", st.CreateAuditEntry(ctx, e))
				all = append(all, e)
			}
			// Two entries of one moment sort by id, the latest first.
			same := auditEntry(99, "a@x.cz", "signin", at(12, 8))
			noErr(t, "CreateAuditEntry", st.CreateAuditEntry(ctx, same))
			newest := func(keep func(*engine.AuditEntry) bool) []*engine.AuditEntry {
				out := []*engine.AuditEntry{}
				if keep(same) {
					out = append(out, same)
				}
				for i := len(all) - 1; i >= 0; i-- {
					if keep(all[i]) {
						out = append(out, all[i])
					}
				}
				return out
			}
			cases := []struct {
				name string
				f    engine.AuditFilter
				want []*engine.AuditEntry
			}{
				{"Email", engine.AuditFilter{Email: "b@x.cz"}, newest(func(e *engine.AuditEntry) bool { return e.Email == "b@x.cz" })},
				{"Action", engine.AuditFilter{Action: "signin"}, newest(func(e *engine.AuditEntry) bool { return e.Action == "signin" })},
				{"Range", engine.AuditFilter{From: at(3, 8), To: at(6, 8)}, []*engine.AuditEntry{all[4], all[3], all[2]}},
				{"All", engine.AuditFilter{Email: "b@x.cz", Action: "POST /work/questionnaires", From: at(2, 0)},
					[]*engine.AuditEntry{all[6]}},
				{"FirstPage", engine.AuditFilter{Limit: 3}, []*engine.AuditEntry{same, all[11], all[10]}},
				{"SecondPage", engine.AuditFilter{Limit: 3, Offset: 3}, []*engine.AuditEntry{all[9], all[8], all[7]}},
				{"OffsetOnly", engine.AuditFilter{Offset: 11}, []*engine.AuditEntry{all[1], all[0]}},
				{"PastTheEnd", engine.AuditFilter{Limit: 5, Offset: 20}, []*engine.AuditEntry{}},
				{"NoMatch", engine.AuditFilter{Email: "nobody@x.cz"}, []*engine.AuditEntry{}},
			}
			for _, c := range cases {
				got, err := st.ListAuditEntries(ctx, c.f)
				noErr(t, "ListAuditEntries "+c.name, err)
				if len(got) != len(c.want) {
					t.Fatalf("%s: got %d entries, want %d", c.name, len(got), len(c.want))
				}
				wantEqual(t, c.name, got, c.want)
			}
		})
	})

	t.Run("UpdateQuestionnaire", func(t *testing.T) {
		s.test(t, "RoundTrip", func(t *testing.T, st engine.Store) {
			q := questionnaire("needs-2027")
			q.Version, q.Source = 1, "id: needs-2027\n# the first text\n"
			noErr(t, "CreateQuestionnaire", st.CreateQuestionnaire(ctx, q))
			changed := questionnaire("needs-2027")
			changed.Definition.Title = map[string]string{"cs": "Nový název"}
			changed.Version, changed.Source = 2, "id: needs-2027\n# edited\n"
			noErr(t, "UpdateQuestionnaire", st.UpdateQuestionnaire(ctx, changed, 1))
			got, err := st.FindQuestionnaire(ctx, "needs-2027")
			noErr(t, "FindQuestionnaire", err)
			wantEqual(t, "questionnaire", got, changed)
			v, err := st.QuestionnaireVersion(ctx, "needs-2027")
			noErr(t, "QuestionnaireVersion", err)
			if v != 2 {
				t.Fatalf("QuestionnaireVersion = %d, want 2", v)
			}
		})
		s.test(t, "FromVersionZero", func(t *testing.T, st engine.Store) {
			// Questionnaires stored before versions were kept have 0.
			mustCreateQuestionnaire(t, st, "needs-2027")
			changed := questionnaire("needs-2027")
			changed.Version = 1
			noErr(t, "UpdateQuestionnaire", st.UpdateQuestionnaire(ctx, changed, 0))
		})
		s.test(t, "ErrConflict", func(t *testing.T, st engine.Store) {
			q := questionnaire("needs-2027")
			q.Version = 3
			noErr(t, "CreateQuestionnaire", st.CreateQuestionnaire(ctx, q))
			stale := questionnaire("needs-2027")
			stale.Definition.Title = map[string]string{"cs": "Starší"}
			stale.Version = 3
			wantErr(t, "UpdateQuestionnaire with an old version", st.UpdateQuestionnaire(ctx, stale, 2), engine.ErrConflict)
			got, err := st.FindQuestionnaire(ctx, "needs-2027")
			noErr(t, "FindQuestionnaire", err)
			wantEqual(t, "questionnaire", got, q)
		})
		s.test(t, "ErrNotFound", func(t *testing.T, st engine.Store) {
			q := questionnaire("needs-2027")
			q.Version = 2
			wantErr(t, "UpdateQuestionnaire", st.UpdateQuestionnaire(ctx, q, 1), engine.ErrNotFound)
			_, err := st.QuestionnaireVersion(ctx, "needs-2027")
			wantErr(t, "QuestionnaireVersion", err, engine.ErrNotFound)
		})
	})

	t.Run("CountResponsesByDay", func(t *testing.T) {
		s.test(t, "PerUTCDay", func(t *testing.T, st engine.Store) {
			mustCreateQuestionnaire(t, st, "needs-2027")
			mustCreateQuestionnaire(t, st, "other")
			times := []time.Time{
				time.Date(2027, 3, 1, 23, 59, 59, 0, time.UTC), // before the range
				time.Date(2027, 3, 2, 0, 0, 0, 0, time.UTC),
				time.Date(2027, 3, 2, 23, 59, 59, 999e6, time.UTC),
				time.Date(2027, 3, 4, 12, 0, 0, 0, time.UTC),
				time.Date(2027, 3, 4, 13, 0, 0, 0, time.UTC),
				time.Date(2027, 3, 4, 14, 0, 0, 0, time.UTC),
				time.Date(2027, 3, 6, 0, 0, 0, 0, time.UTC), // the range's end: out
			}
			for i, tm := range times {
				r := response(fmt.Sprintf("r%d", i), "needs-2027")
				r.CreatedAt = tm
				noErr(t, "CreateResponse", st.CreateResponse(ctx, r))
			}
			other := response("o1", "other")
			other.CreatedAt = times[3]
			noErr(t, "CreateResponse", st.CreateResponse(ctx, other))
			got, err := st.CountResponsesByDay(ctx, "needs-2027",
				time.Date(2027, 3, 2, 0, 0, 0, 0, time.UTC), time.Date(2027, 3, 6, 0, 0, 0, 0, time.UTC))
			noErr(t, "CountResponsesByDay", err)
			wantEqual(t, "counts", got, []engine.DayCount{
				{Day: time.Date(2027, 3, 2, 0, 0, 0, 0, time.UTC), Count: 2},
				{Day: time.Date(2027, 3, 4, 0, 0, 0, 0, time.UTC), Count: 3},
			})
			none, err := st.CountResponsesByDay(ctx, "unknown", times[0], times[6])
			noErr(t, "CountResponsesByDay of an unknown questionnaire", err)
			if len(none) != 0 {
				t.Fatalf("an unknown questionnaire has counts %v", none)
			}
		})
	})
}
