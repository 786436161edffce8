package handlers_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/triada-kpss/triada/engine"
)

func TestAPI_CommentPeriod(t *testing.T) {
	c := mustServe(t)
	coord := c.token("koordinatorka@example.cz", engine.RoleCoordinator)
	member := c.token("clen@example.cz", engine.RoleMember)
	other := c.token("jiny@example.cz", engine.RoleMember)
	c.clock.Set(time.Date(2027, 9, 20, 0, 0, 0, 0, time.UTC))

	c.want(201, "POST", "/groups", coord, `{"id":"seniors","name":"Senioři","tags":["seniors"]}`)
	c.want(201, "POST", "/groups", coord, `{"id":"families","name":"Rodiny","tags":["families"]}`)
	c.want(200, "POST", "/groups/seniors/members", coord, `{"email":"clen@example.cz"}`)
	c.want(200, "POST", "/groups/families/members", coord, `{"email":"jiny@example.cz"}`)

	cons := `{"id":"kp-2028","title":"Komunitní plán 2028–2030","sections":[{"id":"seniors","title":"Senioři","text":"Opatření 1.1"}],` +
		`"opens_at":"2027-10-01T00:00:00Z","closes_at":"2027-11-01T00:00:00Z"}`
	c.want(403, "POST", "/consultations", member, cons)
	c.want(201, "POST", "/consultations", coord, cons)
	c.want(409, "POST", "/consultations", coord, cons)
	c.want(422, "POST", "/consultations", coord, `{"id":"x","title":"","sections":[],"opens_at":"2027-10-01T00:00:00Z","closes_at":"2027-09-01T00:00:00Z"}`)
	if v := c.want(200, "GET", "/consultations/kp-2028", "", ""); field(v, "state") != "scheduled" || field(v, "sections", 0, "id") != "seniors" {
		t.Errorf("consultation: %v", v)
	}
	c.want(404, "GET", "/consultations/nope", "", "")

	comment := func(text string) string {
		return fmt.Sprintf(`{"section":"seniors","text":%q,"author":{"name":"Jan Novák","email":"jan@example.cz","municipality":"Slaný"}}`, text)
	}
	c.want(409, "POST", "/consultations/kp-2028/comments", "", comment("early"))
	c.clock.Set(time.Date(2027, 10, 5, 0, 0, 0, 0, time.UTC))
	if v := c.want(200, "GET", "/consultations/kp-2028", "", ""); field(v, "state") != "open" {
		t.Errorf("state: %v", field(v, "state"))
	}
	var ids []string
	for i := 1; i <= 5; i++ {
		v := c.want(201, "POST", "/consultations/kp-2028/comments", "", comment(fmt.Sprintf("Připomínka %d", i)))
		if field(v, "reference") != fmt.Sprintf("P-2027-%03d", i) {
			t.Errorf("reference: %v", v)
		}
		ids = append(ids, field(v, "id").(string))
	}
	c.want(422, "POST", "/consultations/kp-2028/comments", "", `{"section":"seniors","text":"  ","author":{"name":"A","email":"a@example.cz"}}`)
	c.want(422, "POST", "/consultations/kp-2028/comments", "", `{"section":"nope","text":"x","author":{"name":"A","email":"a@example.cz"}}`)
	c.want(422, "POST", "/consultations/kp-2028/comments", "", `{"section":"seniors","text":"x","author":{"name":"A","email":"a@"}}`)
	c.want(404, "POST", "/consultations/nope/comments", "", comment("x"))

	for _, id := range ids[:3] {
		c.want(200, "POST", "/comments/"+id+"/triage", coord, `{"relevance":"not_relevant","groups":[],"response":"Netýká se plánu."}`)
	}
	for _, id := range ids[3:] {
		c.want(200, "POST", "/comments/"+id+"/triage", coord, `{"relevance":"relevant","groups":["seniors"]}`)
	}
	c.want(403, "POST", "/comments/"+ids[3]+"/triage", member, `{"relevance":"relevant","groups":["seniors"]}`)
	c.want(422, "POST", "/comments/"+ids[3]+"/triage", coord, `{"relevance":"maybe"}`)
	c.want(404, "POST", "/comments/nope/triage", coord, `{"relevance":"relevant"}`)

	mine := c.want(200, "GET", "/consultations/kp-2028/comments", member, "").([]any)
	if len(mine) != 2 || field(mine, 0, "relevance") != "relevant" || field(mine, 0, "author", "email") != nil {
		t.Errorf("the member's comments: %v", mine)
	}
	all := c.want(200, "GET", "/consultations/kp-2028/comments", coord, "").([]any)
	if len(all) != 5 || field(all, 0, "reference") != "P-2027-001" || field(all, 0, "response") != "Netýká se plánu." {
		t.Errorf("all comments: %v", all)
	}
	c.want(401, "GET", "/consultations/kp-2028/comments", "", "")

	c.want(409, "POST", "/consultations/kp-2028/publish", coord, "") // still open
	c.clock.Set(time.Date(2027, 11, 2, 0, 0, 0, 0, time.UTC))
	c.want(409, "POST", "/consultations/kp-2028/publish", coord, "") // undecided
	c.want(404, "GET", "/consultations/kp-2028/outcomes", "", "")
	c.want(409, "POST", "/comments/"+ids[0]+"/decision", coord, `{"outcome":"accepted","response":"x"}`)
	c.want(403, "POST", "/comments/"+ids[3]+"/decision", other, `{"outcome":"accepted","response":"x"}`)
	c.want(422, "POST", "/comments/"+ids[3]+"/decision", member, `{"outcome":"yes","response":"x"}`)
	c.want(200, "POST", "/comments/"+ids[3]+"/decision", member, `{"outcome":"accepted","response":"Doplněno do opatření 1.1."}`)
	c.want(200, "POST", "/comments/"+ids[4]+"/decision", coord, `{"outcome":"noted","response":"Bereme na vědomí."}`)
	c.want(403, "POST", "/consultations/kp-2028/publish", member, "")
	c.want(200, "POST", "/consultations/kp-2028/publish", coord, "")
	c.want(409, "POST", "/consultations/kp-2028/publish", coord, "")
	c.want(409, "POST", "/comments/"+ids[4]+"/decision", coord, `{"outcome":"rejected","response":"x"}`)
	c.want(409, "POST", "/comments/"+ids[0]+"/triage", coord, `{"relevance":"relevant"}`)

	out := c.want(200, "GET", "/consultations/kp-2028/outcomes", "", "")
	s := field(out, "summary")
	for k, n := range map[string]float64{"received": 5, "relevant": 2, "not_relevant": 3, "accepted": 1, "partially_accepted": 0, "rejected": 0, "noted": 1} {
		if field(s, k) != n {
			t.Errorf("summary %s: got %v, want %v", k, field(s, k), n)
		}
	}
	if field(out, "comments", 3, "outcome") != "accepted" || field(out, "comments", 0, "relevance") != "not_relevant" {
		t.Errorf("outcomes: %v", out)
	}
	if _, body := c.call("GET", "/consultations/kp-2028/outcomes", "", "", ""); strings.Contains(fmt.Sprint(body), "jan@example.cz") {
		t.Error("the published settlement shows an author's e-mail")
	}
}

func TestAPI_GroupsAndProviders(t *testing.T) {
	c := mustServe(t)
	coord := c.token("koordinatorka@example.cz", engine.RoleCoordinator)
	member := c.token("clen@example.cz", engine.RoleMember)
	c.want(201, "POST", "/questionnaires", coord, contractExample(t))
	c.want(201, "POST", "/questionnaires/needs-2027/responses", "", `{"answers":{"municipality":"znojmo","services_missing":["day_care"],"quality":4}}`)

	c.want(403, "POST", "/groups", member, `{"id":"seniors","name":"Senioři","tags":["seniors"]}`)
	c.want(201, "POST", "/groups", coord, `{"id":"seniors","name":"Senioři","tags":["seniors"]}`)
	c.want(201, "POST", "/groups", coord, `{"id":"disabled","name":"OZP","tags":["disabled"]}`)
	c.want(409, "POST", "/groups", coord, `{"id":"seniors","name":"Senioři","tags":["seniors"]}`)
	c.want(422, "POST", "/groups", coord, `{"id":"Bad Id","name":"","tags":["x y"]}`)
	c.want(404, "POST", "/groups/nope/members", coord, `{"email":"clen@example.cz"}`)
	c.want(404, "POST", "/groups/seniors/members", coord, `{"email":"nikdo@example.cz"}`)
	c.want(200, "POST", "/groups/seniors/members", coord, `{"email":"clen@example.cz"}`)

	gr := c.want(200, "GET", "/groups/seniors/results?questionnaire=needs-2027", member, "")
	if qs := field(gr, "questions").([]any); len(qs) != 1 || field(qs, 0, "id") != "services_missing" {
		t.Errorf("group results hold %v, want services_missing only", qs)
	}
	c.want(403, "GET", "/groups/disabled/results?questionnaire=needs-2027", member, "")
	c.want(200, "GET", "/groups/disabled/results?questionnaire=needs-2027", coord, "")

	provider := `{"name":"Pečovatelská služba Znojmo","ico":"00064581","municipality":"Znojmo","address":"Obroková 1",` +
		`"contact":{"email":"ps@znojmo.cz","phone":"+420 515 000 000","web":"https://ps.znojmo.cz"},` +
		`"services":[{"type":"pecovatelska_sluzba","form":"field","target_groups":["seniori"],"capacity":120,"waiting_days":14}]}`
	c.want(403, "POST", "/providers", member, provider)
	v := c.want(201, "POST", "/providers", coord, provider)
	id := field(v, "id").(string)
	c.want(409, "POST", "/providers", coord, provider)
	bad := c.want(422, "POST", "/providers", coord, strings.NewReplacer("00064581", "00064582", "pecovatelska_sluzba", "nope", "seniori", "aliens").Replace(provider))
	if got := strings.Join(errorFields(bad), ","); got != "ico,services[0].type,services[0].target_groups[0]" {
		t.Errorf("provider errors: %s", got)
	}
	c.want(200, "GET", "/providers/"+id, "", "")
	c.want(404, "GET", "/providers/nope", "", "")
	for query, n := range map[string]int{
		"":                                    1,
		"?q=PECOVATELSKA":                     1,
		"?q=pečovatelská&municipality=znojmo": 1,
		"?target_group=seniori&service_type=pecovatelska_sluzba": 1,
		"?target_group=osoby_bez_pristresi":                      0,
		"?municipality=Brno":                                     0,
	} {
		if list := c.want(200, "GET", "/providers"+query, "", "").([]any); len(list) != n {
			t.Errorf("GET /providers%s: %d providers, want %d", query, len(list), n)
		}
	}
	c.want(400, "GET", "/providers?q=%ff", "", "") // not UTF-8
}
