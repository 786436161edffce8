package handlers

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/triada-kpss/triada/engine"
	"github.com/triada-kpss/triada/forms/builtin"
)

// api sends a request to the fixture's JSON API with the headers given
// in pairs and returns the status and the decoded body.
func (f *pageFixture) api(tb testing.TB, method, path, body string, header ...string) (int, map[string]any) {
	tb.Helper()
	req, err := http.NewRequest(method, f.srv.URL+"/api/v1"+path, strings.NewReader(body))
	if err != nil {
		tb.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	var v map[string]any
	_ = json.Unmarshal(b, &v)
	return res.StatusCode, v
}

var versionInput = regexp.MustCompile(`name="version" value="(\d+)"`)

// The "done when", through HTTP only: a provider answers the
// capacity questionnaire through their invitation, a coordinator signs
// in and approves the draft, a resident finds the service by typing
// without accents, and the seniors' working group sees the supply.
func TestCatalogue_EndToEnd(t *testing.T) {
	f := MustServePages(t, PageOptions{})
	bearer := "Bearer " + MustCreateToken(t, f.eng)
	yaml := string(builtin.Files()["capacity-questionnaire.yaml"])
	if status, v := f.api(t, "POST", "/questionnaires", yaml, "Content-Type", "application/yaml", "Authorization", bearer); status != 201 {
		t.Fatalf("questionnaire: %d %v", status, v)
	}
	status, inv := f.api(t, "POST", "/questionnaires/capacity-questionnaire/invites", `{"email":"reditel@charita-slany.cz"}`,
		"Content-Type", "application/json", "Authorization", bearer)
	if status != 201 {
		t.Fatalf("invite: %d %v", status, inv)
	}
	token := inv["token"].(string)

	// The provider answers through their personal link.
	answers, _ := json.Marshal(map[string]any{"answers": map[string]any{
		"org_name": "Charita Slaný", "ico": "00234915", "legal_form": "church_entity", "seat_municipality": "Slaný",
		"address": "Husova 12, 274 01 Slaný", "contact_person": "Jana Nováková", "email": "reditel@charita-slany.cz",
		"service_name": "Pečovatelská služba Charity Slaný", "service_type": "pecovatelska_sluzba", "service_form": "field",
		"target_groups": []string{"seniori"}, "area_served": "Slaný a okolní obce", "capacity": 40,
		"waiting_list": "yes", "waiting_days": 21, "publish_consent": "yes"}})
	if status, v := f.api(t, "POST", "/questionnaires/capacity-questionnaire/responses", string(answers),
		"Content-Type", "application/json", "X-Invite-Token", token); status != 201 {
		t.Fatalf("response: %d %v", status, v)
	}
	resident := f.visitor(t)
	resident.get("/providers?q=pecovatelska").want(t, http.StatusOK, "Nalezeno 0 poskytovatelů")

	// The coordinator compares the draft and approves it.
	coord := f.signedIn(t, "koordinator@example.cz", engine.RoleCoordinator)
	coord.get("/work/providers/drafts").want(t, http.StatusOK, "Charita Slaný", `href="/work/providers/drafts/00234915"`,
		`<a class="tabs__link" href="/work/providers/drafts?state=pending" aria-current="page">`,
		`<a class="tabs__link" href="/work/providers/drafts?state=returned">`)
	cmp := coord.get("/work/providers/drafts/00234915").want(t, http.StatusOK, "Pečovatelská služba Charity Slaný",
		"Poskytovatel zatím v katalogu není", "Schválit a zveřejnit")
	m := versionInput.FindStringSubmatch(cmp.body)
	if m == nil {
		t.Fatal("no version in the approval form")
	}
	coord.post("/work/providers/drafts/00234915/approve", url.Values{"version": {m[1]}}).redirects(t, "/work/providers/drafts/00234915")
	coord.get("/work/providers/drafts/00234915").want(t, http.StatusOK, "Záznam je schválen a zveřejněn.").lacks(t, "Schválit a zveřejnit")

	// A resident finds the service without accents and opens it.
	list := resident.get("/providers?q=pecovatelska&target_group=seniori&form=field").want(t, http.StatusOK,
		"Nalezen 1 poskytovatel", "Pečovatelská služba Charity Slaný")
	link := regexp.MustCompile(`href="(/providers/[a-z2-7]{26})"`).FindStringSubmatch(list.body)
	if link == nil {
		t.Fatalf("no link to the provider: %.2000s", list.body)
	}
	resident.get(link[1]).want(t, http.StatusOK, "Charita Slaný", "21 dní", "Slaný a okolní obce")

	// The seniors' working group sees the supply.
	if status, v := f.api(t, "POST", "/groups", `{"id":"seniori","name":"Senioři","tags":["seniors"],"target_groups":["seniori"]}`,
		"Content-Type", "application/json", "Authorization", bearer); status != 201 {
		t.Fatalf("group: %d %v", status, v)
	}
	status, supply := f.api(t, "GET", "/groups/seniori/supply", "", "Authorization", bearer)
	if status != 200 || supply["capacity"] != float64(40) || supply["max_waiting_days"] != float64(21) {
		t.Fatalf("supply: %d %v", status, supply)
	}
}

func TestPages_Drafts(t *testing.T) {
	f := MustServePages(t, PageOptions{})
	f.mustCatalogue(t)
	bearer := "Bearer " + MustCreateToken(t, f.eng)
	f.api(t, "POST", "/questionnaires", string(builtin.Files()["capacity-questionnaire.yaml"]), "Content-Type", "application/yaml", "Authorization", bearer)
	_, inv := f.api(t, "POST", "/questionnaires/capacity-questionnaire/invites", `{"email":"a@charita-slany.cz"}`,
		"Content-Type", "application/json", "Authorization", bearer)
	answers, _ := json.Marshal(map[string]any{"answers": map[string]any{
		"org_name": "Charita Slaný", "ico": "00234915", "legal_form": "church_entity", "seat_municipality": "Slaný",
		"address": "Husova 12", "contact_person": "Jana Nováková", "email": "info@charita-slany.cz",
		"service_name": "Pečovatelská služba Charity Slaný", "service_type": "pecovatelska_sluzba", "service_form": "field",
		"target_groups": []string{"seniori"}, "area_served": "Slaný", "capacity": 55, "waiting_list": "no", "publish_consent": "yes"}})
	if status, v := f.api(t, "POST", "/questionnaires/capacity-questionnaire/responses", string(answers),
		"Content-Type", "application/json", "X-Invite-Token", inv["token"].(string)); status != 201 {
		t.Fatalf("response: %d %v", status, v)
	}

	t.Run("Signed out", func(t *testing.T) {
		f.visitor(t).get("/work/providers/drafts").redirects(t, "/signin?next=%2Fwork%2Fproviders%2Fdrafts")
	})
	t.Run("Member", func(t *testing.T) {
		m := f.signedIn(t, "clen@example.cz", engine.RoleMember)
		m.get("/work/providers/drafts").want(t, http.StatusForbidden)
		m.post("/work/providers/drafts/00234915/approve", url.Values{"version": {"1"}}).want(t, http.StatusForbidden)
	})
	coord := f.signedIn(t, "koordinator@example.cz", engine.RoleCoordinator)
	t.Run("Compare", func(t *testing.T) {
		coord.get("/work/providers/drafts/00234915").want(t, http.StatusOK,
			// The published record has capacity 40 and waiting 14 days; the draft 55 and none.
			`class="table__row--changed"`, "Kapacita: 40", "Kapacita: 55", `<strong class="tag">změna</strong>`)
		coord.get("/work/providers/drafts/12345678").want(t, http.StatusNotFound)
		coord.get("/work/providers/drafts?state=lost").want(t, http.StatusUnprocessableEntity)
	})
	t.Run("Return needs a note", func(t *testing.T) {
		p := coord.post("/work/providers/drafts/00234915/return", url.Values{"version": {"1"}, "note": {"   "}})
		p.want(t, http.StatusUnprocessableEntity, `class="error-summary"`, `href="#note"`, "Napište poznámku", `aria-invalid="true"`)
		long := strings.Repeat("á", 2001)
		coord.post("/work/providers/drafts/00234915/return", url.Values{"version": {"1"}, "note": {long}}).
			want(t, http.StatusUnprocessableEntity, "nejvýše 2000 znaků", long)
	})
	t.Run("Stale version", func(t *testing.T) {
		coord.post("/work/providers/drafts/00234915/approve", url.Values{"version": {"9"}}).want(t, http.StatusConflict, "se od chvíle, kdy jste jej otevřeli, změnil")
	})
	t.Run("Without CSRF", func(t *testing.T) {
		p := coord.do(http.MethodPost, "/work/providers/drafts/00234915/approve", strings.NewReader("version=1"))
		p.want(t, http.StatusForbidden)
	})
	t.Run("Return", func(t *testing.T) {
		coord.post("/work/providers/drafts/00234915/return", url.Values{"version": {"1"}, "note": {"Doplňte čekací dobu."}}).
			redirects(t, "/work/providers/drafts/00234915")
		coord.get("/work/providers/drafts/00234915").want(t, http.StatusOK, "Vráceno poskytovateli", "Doplňte čekací dobu.").lacks(t, "Schválit a zveřejnit")
		coord.get("/work/providers/drafts?state=returned").want(t, http.StatusOK, "Charita Slaný")
		coord.get("/work/providers/drafts").want(t, http.StatusOK, "Žádný záznam v tomto stavu.")
	})
}
