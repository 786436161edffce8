package handlers_test

import (
	"encoding/json"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/triada-kpss/triada/engine"
	"github.com/triada-kpss/triada/forms/builtin"
)

// submitInvite sends a capacity questionnaire response through the
// personal link's token and returns the status and the decoded body.
func (c *client) submitInvite(token string, answers map[string]any) (int, any) {
	c.tb.Helper()
	body, _ := json.Marshal(map[string]any{"answers": answers})
	req, _ := http.NewRequest(http.MethodPost, c.base+"/questionnaires/capacity-questionnaire/responses", strings.NewReader(string(body)))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Invite-Token", token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		c.tb.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		c.tb.Fatalf("not JSON: %s", b)
	}
	return resp.StatusCode, v
}

// at returns the client failing t, for a subtest.
func (c *client) at(t *testing.T) *client {
	cc := *c
	cc.tb = t
	return &cc
}

// homeCareAnswers describe the home care service of Charita Slaný.
func homeCareAnswers(change map[string]any) map[string]any {
	a := map[string]any{
		"org_name": "Charita Slaný", "ico": "00234915", "legal_form": "church_entity",
		"seat_municipality": "Slaný", "address": "Husova 12, 274 01 Slaný", "contact_person": "Jana Nováková",
		"email": "reditel@charita-slany.cz", "phone": "+420 312 000 111",
		"service_name": "Pečovatelská služba Charity Slaný", "service_type": "pecovatelska_sluzba", "service_form": "field",
		"target_groups": []string{"seniori"}, "service_description": "Dovoz obědů a pomoc v domácnosti.",
		"area_served": "Slaný a okolí", "capacity": 40, "waiting_list": "yes", "waiting_days": 14, "publish_consent": "yes",
	}
	for k, v := range change {
		a[k] = v
	}
	return a
}

// mustCapacityInvite stores the built-in capacity questionnaire (once)
// and returns a new invitation token to it.
func (c *client) mustCapacityInvite(coord, email string) string {
	c.tb.Helper()
	if status, _ := c.call("GET", "/questionnaires/capacity-questionnaire", "", "", ""); status == http.StatusNotFound {
		c.want(201, "POST", "/questionnaires", coord, "# capacity\n"+string(builtin.Files()["capacity-questionnaire.yaml"]))
	}
	v := c.want(201, "POST", "/questionnaires/capacity-questionnaire/invites", coord, `{"email":"`+email+`"}`)
	return field(v, "token").(string)
}

func TestAPI_CatalogueDrafts(t *testing.T) {
	c := mustServe(t)
	coord := c.token("koordinatorka@example.cz", engine.RoleCoordinator)
	admin := c.token("spravce@example.cz", engine.RoleAdmin)
	member := c.token("clen@example.cz", engine.RoleMember)
	token := c.mustCapacityInvite(coord, "reditel@charita-slany.cz")

	t.Run("ErrRecordOnQuestions", func(t *testing.T) {
		c := c.at(t)
		status, v := c.submitInvite(token, homeCareAnswers(map[string]any{"ico": "00234916", "service_form": "residential"}))
		if status != 422 || !slices.Equal(errorFields(v), []string{"ico", "service_form"}) {
			t.Fatalf("status %d, %v", status, v)
		}
		drafts := c.want(200, "GET", "/catalogue/drafts", coord, "")
		if len(drafts.([]any)) != 0 {
			t.Fatalf("a refused response made a draft: %v", drafts)
		}
	})

	status, _ := c.submitInvite(token, homeCareAnswers(nil))
	if status != 201 {
		t.Fatalf("submit: %d", status)
	}

	t.Run("List", func(t *testing.T) {
		c := c.at(t)
		c.want(401, "GET", "/catalogue/drafts", "", "")
		c.want(403, "GET", "/catalogue/drafts", member, "")
		bad := c.want(422, "GET", "/catalogue/drafts?state=lost", coord, "")
		if !slices.Equal(errorFields(bad), []string{"state"}) {
			t.Errorf("%v", bad)
		}
		v := c.want(200, "GET", "/catalogue/drafts?state=pending", admin, "")
		if len(v.([]any)) != 1 || field(v, 0, "ico") != "00234915" || field(v, 0, "record", "services", 0, "name") != "Pečovatelská služba Charity Slaný" {
			t.Fatalf("drafts %v", v)
		}
		if field(v, 0, "record", "services", 0, "source") != nil {
			t.Errorf("the service's source shows: %v", v)
		}
		if v := c.want(200, "GET", "/catalogue/drafts?state=approved", coord, ""); len(v.([]any)) != 0 {
			t.Errorf("approved drafts %v", v)
		}
	})
	t.Run("Get", func(t *testing.T) {
		c := c.at(t)
		v := c.want(200, "GET", "/catalogue/drafts/00234915", coord, "")
		if field(v, "state") != "pending" || field(v, "version") != float64(1) || field(v, "published") != nil {
			t.Errorf("draft %v", v)
		}
		c.want(404, "GET", "/catalogue/drafts/12345678", coord, "")
		c.want(403, "GET", "/catalogue/drafts/00234915", member, "")
	})
	t.Run("ReturnErrors", func(t *testing.T) {
		c := c.at(t)
		c.want(401, "POST", "/catalogue/drafts/00234915/return", "", `{"note":"x"}`)
		c.want(403, "POST", "/catalogue/drafts/00234915/return", member, `{"note":"x"}`)
		c.want(404, "POST", "/catalogue/drafts/12345678/return", coord, `{"note":"x"}`)
		c.want(400, "POST", "/catalogue/drafts/00234915/return", coord, `{"note":`)
		c.want(422, "POST", "/catalogue/drafts/00234915/return", coord, `{"note":"x","colour":"red"}`)
		c.want(422, "POST", "/catalogue/drafts/00234915/return", coord, `{"version":"one","note":"x"}`)
		v := c.want(422, "POST", "/catalogue/drafts/00234915/return", coord, `{"version":1,"note":"  "}`)
		if !slices.Equal(errorFields(v), []string{"note"}) {
			t.Errorf("%v", v)
		}
		v = c.want(422, "POST", "/catalogue/drafts/00234915/return", coord, `{"version":-1,"note":"x"}`)
		if !slices.Equal(errorFields(v), []string{"version"}) {
			t.Errorf("%v", v)
		}
		c.want(409, "POST", "/catalogue/drafts/00234915/return", coord, `{"version":7,"note":"x"}`)
		if v := c.want(200, "GET", "/catalogue/drafts/00234915", coord, ""); field(v, "state") != "pending" || field(v, "version") != float64(1) {
			t.Errorf("a refused return changed the draft: %v", v)
		}
	})
	t.Run("ReturnShowsNoteOnLink", func(t *testing.T) {
		c := c.at(t)
		v := c.want(200, "POST", "/catalogue/drafts/00234915/return", coord, `{"version":1,"note":"Uveďte prosím web."}`)
		if field(v, "state") != "returned" || field(v, "version") != float64(2) {
			t.Fatalf("%v", v)
		}
		c.want(409, "POST", "/catalogue/drafts/00234915/approve", coord, `{"version":2}`)
		req, _ := http.NewRequest("GET", c.base+"/invite", nil)
		req.Header.Set("X-Invite-Token", token)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var inv any
		_ = json.NewDecoder(resp.Body).Decode(&inv)
		if field(inv, "catalogue", "state") != "returned" || field(inv, "catalogue", "note") != "Uveďte prosím web." {
			t.Errorf("invitation %v", inv)
		}
	})
	t.Run("UpdateThenApprove", func(t *testing.T) {
		c := c.at(t)
		if status, _ := c.submitInvite(token, homeCareAnswers(map[string]any{"web": "https://charita-slany.cz"})); status != 200 {
			t.Fatalf("update: %d", status)
		}
		c.want(403, "POST", "/catalogue/drafts/00234915/approve", member, "")
		c.want(409, "POST", "/catalogue/drafts/00234915/approve", coord, `{"version":2}`)
		p := c.want(200, "POST", "/catalogue/drafts/00234915/approve", coord, `{"version":3}`)
		if field(p, "status") != "published" || field(p, "contact", "web") != "https://charita-slany.cz" {
			t.Fatalf("published %v", p)
		}
		c.want(409, "POST", "/catalogue/drafts/00234915/approve", admin, "")
		found := c.want(200, "GET", "/providers?q=pecovatelska&form=field&target_group=seniori&municipality=slany", "", "")
		if len(found.([]any)) != 1 || field(found, 0, "services", 0, "area") != "Slaný a okolí" {
			t.Errorf("found %v", found)
		}
		if none := c.want(200, "GET", "/providers?q=pecovatelska&form=residential", "", ""); len(none.([]any)) != 0 {
			t.Errorf("the form filter let through %v", none)
		}
	})
}

func TestAPI_GroupSupply(t *testing.T) {
	c := mustServe(t)
	coord := c.token("koordinatorka@example.cz", engine.RoleCoordinator)
	member := c.token("clen@example.cz", engine.RoleMember)
	c.want(201, "POST", "/providers", coord, `{"name":"Pečovatelská služba Slaný","ico":"00234915","municipality":"Slaný",
		"services":[{"type":"pecovatelska_sluzba","form":"field","target_groups":["seniori"],"capacity":40,"waiting_days":14}]}`)
	c.want(201, "POST", "/providers", coord, `{"name":"Azylový dům","ico":"25755277","municipality":"Kladno",
		"services":[{"type":"azylove_domy","form":"residential","target_groups":["osoby_bez_pristresi"],"capacity":24}]}`)
	bad := c.want(422, "POST", "/groups", coord, `{"id":"seniori","name":"Senioři","tags":["seniors"],"target_groups":["seniori","lide"]}`)
	if !slices.Equal(errorFields(bad), []string{"target_groups[1]"}) {
		t.Errorf("%v", bad)
	}
	c.want(422, "POST", "/groups", coord, `{"id":"seniori","name":"Senioři","target_groups":"seniori"}`)
	g := c.want(201, "POST", "/groups", coord, `{"id":"seniori","name":"Senioři","tags":["seniors"],"target_groups":["seniori"]}`)
	if tg := field(g, "target_groups", 0); tg != "seniori" {
		t.Errorf("group %v", g)
	}
	c.want(201, "POST", "/groups", coord, `{"id":"rodiny","name":"Rodiny","tags":["families"]}`)

	v := c.want(200, "GET", "/groups/seniori/supply", coord, "")
	if field(v, "providers") != float64(1) || field(v, "capacity") != float64(40) || field(v, "max_waiting_days") != float64(14) ||
		field(v, "municipalities", 0, "municipality") != "Slaný" || field(v, "list", 0, "type") != "pecovatelska_sluzba" {
		t.Errorf("supply %v", v)
	}
	c.want(401, "GET", "/groups/seniori/supply", "", "")
	c.want(403, "GET", "/groups/seniori/supply", member, "")
	c.want(404, "GET", "/groups/nikdo/supply", coord, "")
	if v := c.want(200, "GET", "/groups/rodiny/supply", coord, ""); field(v, "services") != float64(0) || field(v, "median_waiting_days") != nil {
		t.Errorf("a group without target groups: %v", v)
	}
}

func TestAPI_CodeLists(t *testing.T) {
	c := mustServe(t)
	v := c.want(200, "GET", "/codelists", "", "")
	var types []string
	for _, e := range field(v, "service_types").([]any) {
		types = append(types, field(e, "code").(string))
	}
	if !slices.Contains(types, "pecovatelska_sluzba") || !slices.Contains(types, "opatrovatelska_sluzba") ||
		field(v, "forms", 0, "label", "en") == nil || len(field(v, "target_groups").([]any)) < 20 {
		t.Errorf("code lists: %d types, %v", len(types), field(v, "forms"))
	}
}
