package demo_test

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/triada-kpss/triada/demo"
	"github.com/triada-kpss/triada/engine"
	"github.com/triada-kpss/triada/forms/builtin"
	"github.com/triada-kpss/triada/store/sqlite"
)

var ctx = context.Background()

func mustEngine(tb testing.TB) *engine.Engine {
	tb.Helper()
	st, err := sqlite.Open(ctx, filepath.Join(tb.TempDir(), "triada.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	return engine.New(st, engine.Options{})
}

func mustLoad(tb testing.TB, eng *engine.Engine, opts demo.Options) *demo.Report {
	tb.Helper()
	rep, err := demo.Load(ctx, eng, opts)
	if err != nil {
		tb.Fatal(err)
	}
	return rep
}

func counts(tb testing.TB, eng *engine.Engine, q engine.CountQuery) *engine.Counts {
	tb.Helper()
	c, err := eng.Store().CountAnswers(ctx, q)
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

func TestLoad(t *testing.T) {
	eng := mustEngine(t)
	rep := mustLoad(t, eng, demo.Options{Seed: 7})
	want := demo.Report{
		Coordinator: demo.CoordinatorEmail, Password: rep.Password, Consultation: demo.ConsultationID,
		Questionnaires: demo.Tally{Created: 2}, Groups: demo.Tally{Created: 6}, Providers: demo.Tally{Created: 15},
		ProviderResponses: demo.Tally{Created: 20}, Residents: demo.Tally{Created: demo.DefaultResidents}, Comments: demo.Tally{Created: 7},
	}
	if !reflect.DeepEqual(*rep, want) {
		t.Fatalf("report %+v\nwant   %+v", *rep, want)
	}

	t.Run("Coordinator", func(t *testing.T) {
		u, err := eng.Store().FindUserByEmail(ctx, demo.CoordinatorEmail)
		if err != nil || u.Role != engine.RoleCoordinator || !engine.CheckPassword(u.PasswordHash, rep.Password) || len(rep.Password) < engine.MinPasswordLength {
			t.Fatalf("coordinator %+v, %v: the printed password does not sign in", u, err)
		}
	})
	t.Run("Residents", func(t *testing.T) {
		c := counts(t, eng, engine.CountQuery{Questionnaire: builtin.NeedsSurveyID})
		if c.Total != demo.DefaultResidents || c.Codes["municipality"] != c.Total || c.Codes["age_band"] != c.Total {
			t.Fatalf("total %d, municipality %d, age_band %d", c.Total, c.Codes["municipality"], c.Codes["age_band"])
		}
		if c.Codes["satisfaction"] > c.Codes["uses_services=yes"] || c.Codes["services_used"] > c.Codes["uses_services=yes"] {
			t.Errorf("show_if not respected: %d satisfied, %d services used, %d users", c.Codes["satisfaction"], c.Codes["services_used"], c.Codes["uses_services=yes"])
		}
	})
	t.Run("OlderPeopleUseHomeCareMore", func(t *testing.T) {
		share := func(age string) float64 {
			c := counts(t, eng, engine.CountQuery{Questionnaire: builtin.NeedsSurveyID, Filters: []string{"age_band=" + age}})
			return float64(c.Codes["services_used=pecovatelska_sluzba"]) / float64(c.Total)
		}
		if old, mid := share("80_plus"), share("30_44"); old < 3*mid || old < 0.15 {
			t.Errorf("home care: %.2f of the over-80s, %.2f of the 30–44s", old, mid)
		}
		remote := counts(t, eng, engine.CountQuery{Questionnaire: builtin.NeedsSurveyID, Filters: []string{"municipality=mlynec"}})
		town := counts(t, eng, engine.CountQuery{Questionnaire: builtin.NeedsSurveyID, Filters: []string{"municipality=kamenice_pod_hurkou"}})
		if r, k := float64(remote.Codes["barriers=transport"])/float64(remote.Total), float64(town.Codes["barriers=transport"])/float64(town.Total); r < 2*k {
			t.Errorf("transport barrier: %.2f in Mlýnec, %.2f in Kamenice", r, k)
		}
	})
	t.Run("Providers", func(t *testing.T) {
		ps, err := eng.ListProviders(ctx, engine.ProviderQuery{})
		if err != nil || len(ps) != 15 {
			t.Fatalf("%d providers in the catalogue, %v", len(ps), err)
		}
		for _, p := range ps {
			if !engine.ValidICO(p.ICO) {
				t.Errorf("%s: IČO %s", p.Name, p.ICO)
			}
		}
		coord, _ := eng.Store().FindUserByEmail(ctx, demo.CoordinatorEmail)
		invites, err := eng.ListInvites(ctx, coord, builtin.CapacityQuestionnaireID)
		if err != nil || len(invites) != 20 {
			t.Fatalf("%d invitations, %v", len(invites), err)
		}
		for _, inv := range invites {
			if inv.ResponseID == "" {
				t.Errorf("invitation %s is not answered", inv.Name)
			}
		}
		c := counts(t, eng, engine.CountQuery{Questionnaire: builtin.CapacityQuestionnaireID, Segment: "service_form"})
		if c.Total != 20 || c.Codes["publish_consent=yes"] != 20 || c.Segments["residential"].Total != 5 {
			t.Errorf("capacity responses: total %d, segments %v", c.Total, c.Segments)
		}
	})
	t.Run("GroupsAndConsultation", func(t *testing.T) {
		coord, _ := eng.Store().FindUserByEmail(ctx, demo.CoordinatorEmail)
		gs, err := eng.ListGroups(ctx, coord)
		if err != nil || len(gs) != 6 {
			t.Fatalf("%d groups, %v", len(gs), err)
		}
		cs, err := eng.ListComments(ctx, coord, demo.ConsultationID)
		if err != nil {
			t.Fatal(err)
		}
		states := map[string]int{}
		for _, cm := range cs {
			states[cm.State+" "+cm.Relevance+" "+cm.Outcome]++
		}
		want := map[string]int{"received  ": 1, "triaged not_relevant ": 1, "triaged relevant ": 1, "decided relevant accepted": 1,
			"decided relevant partially_accepted": 1, "decided relevant rejected": 1, "decided relevant noted": 1}
		if !reflect.DeepEqual(states, want) {
			t.Errorf("comment states %v, want %v", states, want)
		}
	})
	t.Run("Idempotent", func(t *testing.T) {
		again := mustLoad(t, eng, demo.Options{Seed: 7})
		want := demo.Report{
			Coordinator: demo.CoordinatorEmail, Consultation: demo.ConsultationID,
			Questionnaires: demo.Tally{Existing: 2}, Groups: demo.Tally{Existing: 6}, Providers: demo.Tally{Existing: 15},
			ProviderResponses: demo.Tally{Existing: 20}, Residents: demo.Tally{Existing: demo.DefaultResidents}, Comments: demo.Tally{Existing: 7},
		}
		if !reflect.DeepEqual(*again, want) {
			t.Fatalf("second run %+v\nwant       %+v", *again, want)
		}
		if c := counts(t, eng, engine.CountQuery{Questionnaire: builtin.NeedsSurveyID}); c.Total != demo.DefaultResidents {
			t.Errorf("%d responses after a second run", c.Total)
		}
	})
}

// The same seed gives the same answers; another seed other answers.
func TestLoad_Seed(t *testing.T) {
	load := func(seed uint64) *engine.Counts {
		eng := mustEngine(t)
		mustLoad(t, eng, demo.Options{Seed: seed, Residents: 150})
		c := counts(t, eng, engine.CountQuery{Questionnaire: builtin.NeedsSurveyID, Segment: "municipality"})
		p := counts(t, eng, engine.CountQuery{Questionnaire: builtin.CapacityQuestionnaireID})
		c.Codes["providers' codes"] = len(p.Codes)
		for code, n := range p.Codes {
			c.Codes["capacity "+code] = n
		}
		return c
	}
	a, b, other := load(3), load(3), load(4)
	if !reflect.DeepEqual(a, b) {
		t.Error("two runs with seed 3 differ")
	}
	if reflect.DeepEqual(a, other) {
		t.Error("seeds 3 and 4 give the same answers")
	}
	if a.Total != 150 {
		t.Errorf("total %d, want 150", a.Total)
	}
}
