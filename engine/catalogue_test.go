package engine_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/triada-kpss/triada/engine"
	"github.com/triada-kpss/triada/forms/builtin"
)

// mustCapacityQuestionnaire stores the built-in capacity questionnaire,
// which feeds the catalogue, and returns an invitation token to it.
func (f *fixture) mustCapacityQuestionnaire(tb testing.TB) {
	tb.Helper()
	_, _, err := f.CreateQuestionnaire(context.Background(), f.coordinator, builtin.Files()["capacity-questionnaire.yaml"], "yaml")
	mustNil(tb, err)
}

func (f *fixture) mustCapacityInvite(tb testing.TB, email string) string {
	tb.Helper()
	token, _, err := f.CreateInvite(context.Background(), f.coordinator, "capacity-questionnaire", email, "")
	mustNil(tb, err)
	return token
}

// capacityAnswers are a whole response describing one home care service
// of Charita Slaný (IČO 00234915); change overrides answers (a nil value
// leaves the answer out).
func capacityAnswers(change map[string]any) map[string]json.RawMessage {
	a := map[string]any{
		"org_name": "Charita Slaný", "ico": "00234915", "legal_form": "church_entity",
		"seat_municipality": "Slaný", "address": "Husova 12, 274 01 Slaný", "contact_person": "Jana Nováková, vedoucí",
		"email": "reditel@charita-slany.cz", "phone": "+420 312 000 111", "web": "https://charita-slany.cz",
		"service_name": "Pečovatelská služba Charity Slaný", "service_type": "pecovatelska_sluzba", "service_form": "field",
		"target_groups":       []string{"seniori", "osoby_se_zdravotnim_postizenim"},
		"service_description": "Dovoz obědů, nákupy, pomoc s hygienou.", "area_served": "Slaný a okolní obce",
		"capacity": 40, "waiting_list": "yes", "waiting_days": 14, "publish_consent": "yes",
	}
	for k, v := range change {
		if v == nil {
			delete(a, k)
		} else {
			a[k] = v
		}
	}
	out := map[string]json.RawMessage{}
	for k, v := range a {
		b, _ := json.Marshal(v)
		out[k] = b
	}
	return out
}

func TestEngine_CatalogueFromQuestionnaire(t *testing.T) {
	ctx := context.Background()
	f := mustOpen(t)
	f.mustCapacityQuestionnaire(t)

	t.Run("DraftNotPublished", func(t *testing.T) {
		token := f.mustCapacityInvite(t, "a@charita-slany.cz")
		_, created, err := f.SubmitInviteResponse(ctx, token, capacityAnswers(nil))
		mustNil(t, err)
		if !created {
			t.Fatal("the first submission did not create the response")
		}
		d, err := f.CompareCatalogueDraft(ctx, f.coordinator, "00234915")
		mustNil(t, err)
		rec := d.Draft.Record
		if d.Published != nil || d.Draft.State != engine.DraftPending || rec.Name != "Charita Slaný" || rec.Municipality != "Slaný" ||
			rec.Contact.Person != "Jana Nováková, vedoucí" || rec.Contact.Web != "https://charita-slany.cz" || len(rec.Services) != 1 {
			t.Fatalf("draft %+v, published %+v", d.Draft, d.Published)
		}
		s := rec.Services[0]
		if s.Name != "Pečovatelská služba Charity Slaný" || s.Type != "pecovatelska_sluzba" || s.Form != "field" || s.Capacity != 40 ||
			s.WaitingDays != 14 || s.Area != "Slaný a okolní obce" || strings.Join(s.TargetGroups, ",") != "osoby_se_zdravotnim_postizenim,seniori" {
			t.Errorf("service %+v", s)
		}
		list, err := f.ListProviders(ctx, engine.ProviderQuery{Q: "pecovatelska"})
		mustNil(t, err)
		if len(list) != 0 {
			t.Errorf("the catalogue lists a draft: %+v", list)
		}
	})

	t.Run("SecondServiceThenUpdate", func(t *testing.T) {
		// A second link of the same provider adds a second service to the
		// same draft; changing the first response replaces its service.
		token := f.mustCapacityInvite(t, "b@charita-slany.cz")
		_, _, err := f.SubmitInviteResponse(ctx, token, capacityAnswers(map[string]any{
			"service_name": "Odlehčovací služba", "service_type": "odlehcovaci_sluzby", "service_form": "outpatient",
			"capacity": 6, "waiting_list": "no", "waiting_days": nil}))
		mustNil(t, err)
		first := f.mustCapacityInvite(t, "c@charita-slany.cz")
		_, _, err = f.SubmitInviteResponse(ctx, first, capacityAnswers(map[string]any{"service_type": "osobni_asistence", "capacity": 10}))
		mustNil(t, err)
		_, _, err = f.SubmitInviteResponse(ctx, first, capacityAnswers(map[string]any{"service_type": "osobni_asistence", "capacity": 12}))
		mustNil(t, err)
		d, err := f.CompareCatalogueDraft(ctx, f.coordinator, "00234915")
		mustNil(t, err)
		var got []string
		for _, s := range d.Draft.Record.Services {
			got = append(got, fmt.Sprintf("%s/%s/%d", s.Type, s.Form, s.Capacity))
		}
		if want := "pecovatelska_sluzba/field/40 odlehcovaci_sluzby/outpatient/6 osobni_asistence/field/12"; strings.Join(got, " ") != want {
			t.Errorf("services %v, want %s", got, want)
		}
	})

	t.Run("ErrOnQuestions", func(t *testing.T) {
		token := f.mustCapacityInvite(t, "d@example.cz")
		_, _, err := f.SubmitInviteResponse(ctx, token, capacityAnswers(map[string]any{
			"ico": "12345678", "web": "charita.cz", "service_type": "domovy_pro_seniory"}))
		wantCode(t, err, engine.EINVALID)
		fields := map[string]bool{}
		for _, fe := range err.(*engine.Error).Fields {
			fields[fe.Field] = true
		}
		// The kind "domovy_pro_seniory" is residential only, not field.
		for _, q := range []string{"ico", "web", "service_form"} {
			if !fields[q] {
				t.Errorf("no error on the question %s: %+v", q, err.(*engine.Error).Fields)
			}
		}
		inv, err := f.FindInvite(ctx, token)
		mustNil(t, err)
		if inv.Response != nil {
			t.Error("a response whose record is not valid was stored")
		}
	})

	t.Run("NoConsent", func(t *testing.T) {
		token := f.mustCapacityInvite(t, "e@example.cz")
		_, _, err := f.SubmitInviteResponse(ctx, token, capacityAnswers(map[string]any{"ico": "25755277", "publish_consent": "no"}))
		mustNil(t, err)
		_, err = f.CompareCatalogueDraft(ctx, f.coordinator, "25755277")
		wantCode(t, err, engine.ENOTFOUND)
	})
}

func TestEngine_DecideCatalogueDraft(t *testing.T) {
	ctx := context.Background()
	f := mustOpen(t)
	f.mustCapacityQuestionnaire(t)
	token := f.mustCapacityInvite(t, "a@charita-slany.cz")
	_, _, err := f.SubmitInviteResponse(ctx, token, capacityAnswers(nil))
	mustNil(t, err)

	t.Run("ErrRoles", func(t *testing.T) {
		_, err := f.ApproveCatalogueDraft(ctx, nil, "00234915", 0)
		wantCode(t, err, engine.EUNAUTHORIZED)
		_, err = f.ApproveCatalogueDraft(ctx, f.member, "00234915", 0)
		wantCode(t, err, engine.EFORBIDDEN)
		_, err = f.ListCatalogueDrafts(ctx, f.member, "")
		wantCode(t, err, engine.EFORBIDDEN)
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		_, err := f.ApproveCatalogueDraft(ctx, f.coordinator, "25755277", 0)
		wantCode(t, err, engine.ENOTFOUND)
	})
	t.Run("ErrState", func(t *testing.T) {
		_, err := f.ListCatalogueDrafts(ctx, f.coordinator, "lost")
		wantCode(t, err, engine.EINVALID)
	})
	t.Run("ReturnNeedsNote", func(t *testing.T) {
		_, err := f.ReturnCatalogueDraft(ctx, f.coordinator, "00234915", 1, "  ")
		wantCode(t, err, engine.EINVALID)
	})
	t.Run("ReturnThenUpdateThenApprove", func(t *testing.T) {
		d, err := f.ReturnCatalogueDraft(ctx, f.coordinator, "00234915", 1, "Doplňte prosím čekací dobu.")
		mustNil(t, err)
		if d.State != engine.DraftReturned || d.Version != 2 {
			t.Fatalf("draft %+v", d)
		}
		inv, err := f.FindInvite(ctx, token)
		mustNil(t, err)
		if inv.CatalogueDraft == nil || inv.CatalogueDraft.Note != "Doplňte prosím čekací dobu." {
			t.Fatalf("the link does not show the note: %+v", inv.CatalogueDraft)
		}
		_, err = f.ApproveCatalogueDraft(ctx, f.coordinator, "00234915", 0)
		wantCode(t, err, engine.ECONFLICT) // returned: waits for the provider
		_, _, err = f.SubmitInviteResponse(ctx, token, capacityAnswers(map[string]any{"waiting_days": 30}))
		mustNil(t, err)
		_, err = f.ApproveCatalogueDraft(ctx, f.coordinator, "00234915", 2)
		wantCode(t, err, engine.ECONFLICT) // the version the coordinator saw is old
		p, err := f.ApproveCatalogueDraft(ctx, f.coordinator, "00234915", 3)
		mustNil(t, err)
		if p.Status != engine.ProviderPublished || p.Services[0].WaitingDays != 30 {
			t.Fatalf("published %+v", p)
		}
		list, err := f.ListProviders(ctx, engine.ProviderQuery{Q: "PECOVATELSKA", Form: "field", TargetGroup: "seniori", Municipality: "slany"})
		mustNil(t, err)
		if len(list) != 1 || list[0].ID != p.ID {
			t.Fatalf("the catalogue finds %+v", list)
		}
		_, err = f.ApproveCatalogueDraft(ctx, f.coordinator, "00234915", 0)
		wantCode(t, err, engine.ECONFLICT) // approved already
	})
	t.Run("UpdateKeepsID", func(t *testing.T) {
		before, err := f.ListProviders(ctx, engine.ProviderQuery{})
		mustNil(t, err)
		_, _, err = f.SubmitInviteResponse(ctx, token, capacityAnswers(map[string]any{"capacity": 50}))
		mustNil(t, err)
		pub, err := f.FindProvider(ctx, before[0].ID)
		mustNil(t, err)
		if pub.Services[0].Capacity != 40 {
			t.Errorf("an update was published before approval: %+v", pub.Services)
		}
		p, err := f.ApproveCatalogueDraft(ctx, f.admin, "00234915", 0)
		mustNil(t, err)
		if p.ID != before[0].ID || p.Services[0].Capacity != 50 || !p.CreatedAt.Equal(before[0].CreatedAt) {
			t.Errorf("published %+v, before %+v", p, before[0])
		}
	})
}

func TestEngine_ApproveCatalogueDraft_Concurrent(t *testing.T) {
	ctx := context.Background()
	f := mustOpen(t)
	f.mustCapacityQuestionnaire(t)
	_, _, err := f.SubmitInviteResponse(ctx, f.mustCapacityInvite(t, "a@example.cz"), capacityAnswers(nil))
	mustNil(t, err)
	second := f.mustUser(t, "second@example.cz", engine.RoleCoordinator)
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i, u := range []*engine.User{f.coordinator, second} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = f.ApproveCatalogueDraft(ctx, u, "00234915", 1)
		}()
	}
	wg.Wait()
	won := 0
	for _, err := range errs {
		if err == nil {
			won++
		} else {
			wantCode(t, err, engine.ECONFLICT)
		}
	}
	if won != 1 {
		t.Fatalf("%d approvals won: %v", won, errs)
	}
	list, err := f.ListProviders(ctx, engine.ProviderQuery{})
	mustNil(t, err)
	if len(list) != 1 {
		t.Fatalf("%d records published", len(list))
	}
}

func TestEngine_GroupSupply(t *testing.T) {
	ctx := context.Background()
	f := mustOpen(t)
	seven, twenty := 7, 20
	add := func(name, ico, municipality string, services ...engine.ServiceInput) {
		_, err := f.CreateProvider(ctx, f.coordinator, engine.ProviderInput{Name: name, ICO: ico, Municipality: municipality, Services: services})
		mustNil(t, err)
	}
	svc := func(typ, form string, capacity int, waiting *int, groups ...string) engine.ServiceInput {
		return engine.ServiceInput{Type: typ, Form: form, TargetGroups: groups, Capacity: &capacity, WaitingDays: waiting}
	}
	add("Pečovatelská služba Slaný", "00234915", "Slaný", svc("pecovatelska_sluzba", "field", 40, &twenty, "seniori"),
		svc("osobni_asistence", "field", 5, nil, "osoby_se_zdravotnim_postizenim"))
	add("Domov Zlonice", "70891095", "Zlonice", svc("domovy_pro_seniory", "residential", 80, &seven, "seniori"))
	add("Azylový dům", "25755277", "Slaný", svc("azylove_domy", "residential", 24, nil, "osoby_bez_pristresi"))
	_, err := f.CreateGroup(ctx, f.coordinator, engine.GroupInput{ID: "seniori", Name: "Senioři", TargetGroups: []string{"seniori"}})
	mustNil(t, err)
	_, err = f.CreateGroup(ctx, f.coordinator, engine.GroupInput{ID: "bez", Name: "Bez cílových skupin"})
	mustNil(t, err)

	t.Run("ByMunicipality", func(t *testing.T) {
		s, err := f.GroupSupply(ctx, f.coordinator, "seniori")
		mustNil(t, err)
		if s.Providers != 2 || s.Services != 2 || s.Capacity != 120 || *s.MedianWaitingDays != 13.5 || *s.MaxWaitingDays != 20 {
			t.Errorf("totals %+v", s.SupplyTotals)
		}
		if len(s.Municipalities) != 2 || s.Municipalities[0].Municipality != "Slaný" || s.Municipalities[0].Capacity != 40 ||
			s.Municipalities[1].Municipality != "Zlonice" || s.Municipalities[1].Capacity != 80 || *s.Municipalities[1].MaxWaitingDays != 7 {
			t.Errorf("municipalities %+v", s.Municipalities)
		}
	})
	t.Run("NoTargetGroups", func(t *testing.T) {
		s, err := f.GroupSupply(ctx, f.coordinator, "bez")
		mustNil(t, err)
		if s.Services != 0 || s.MaxWaitingDays != nil || len(s.Municipalities) != 0 {
			t.Errorf("supply %+v", s)
		}
	})
	t.Run("ErrForbidden", func(t *testing.T) {
		_, err := f.GroupSupply(ctx, f.member, "seniori")
		wantCode(t, err, engine.EFORBIDDEN)
	})
	t.Run("Member", func(t *testing.T) {
		_, err := f.AddGroupMember(ctx, f.coordinator, "seniori", f.member.Email)
		mustNil(t, err)
		_, err = f.GroupSupply(ctx, f.member, "seniori")
		mustNil(t, err)
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		_, err := f.GroupSupply(ctx, f.coordinator, "nikdo")
		wantCode(t, err, engine.ENOTFOUND)
	})
	t.Run("ErrUnknownTargetGroup", func(t *testing.T) {
		_, err := f.CreateGroup(ctx, f.coordinator, engine.GroupInput{ID: "x", Name: "X", TargetGroups: []string{"seniori", "martians"}})
		wantCode(t, err, engine.EINVALID)
		if fe := err.(*engine.Error).Fields; len(fe) != 1 || fe[0].Field != "target_groups[1]" {
			t.Errorf("fields %+v", fe)
		}
	})
}

// A process that died between approving a draft and publishing its
// record left the draft approved and the catalogue without it: approving
// it again a minute later publishes it; at once, it is refused as a
// concurrent approval would be.
func TestEngine_ApproveCatalogueDraft_Stranded(t *testing.T) {
	ctx := context.Background()
	f := mustOpen(t)
	f.mustCapacityQuestionnaire(t)
	token := f.mustCapacityInvite(t, "a@charita-slany.cz")
	_, _, err := f.SubmitInviteResponse(ctx, token, capacityAnswers(nil))
	mustNil(t, err)
	st := f.Store()
	d, err := st.FindCatalogueDraft(ctx, "00234915")
	mustNil(t, err)
	now := f.Now()
	stranded := *d
	stranded.State, stranded.ReviewedBy, stranded.ReviewedAt, stranded.Version = engine.DraftApproved, f.coordinator.ID, &now, d.Version+1
	mustNil(t, st.UpdateCatalogueDraft(ctx, &stranded, d.Version))

	_, err = f.ApproveCatalogueDraft(ctx, f.coordinator, "00234915", 0)
	wantCode(t, err, engine.ECONFLICT)
	f.clock.Set(now.Add(2 * time.Minute))
	p, err := f.ApproveCatalogueDraft(ctx, f.coordinator, "00234915", 0)
	mustNil(t, err)
	if p.Status != engine.ProviderPublished || p.ICO != "00234915" {
		t.Fatalf("published %+v", p)
	}
	list, err := f.ListProviders(ctx, engine.ProviderQuery{Q: "charita"})
	mustNil(t, err)
	if len(list) != 1 {
		t.Fatalf("the catalogue lists %d providers, want the repaired one", len(list))
	}
	_, err = f.ApproveCatalogueDraft(ctx, f.coordinator, "00234915", 0)
	wantCode(t, err, engine.ECONFLICT) // published now: approved already
}
