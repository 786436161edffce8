package handlers

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/triada-kpss/triada/engine"
)

func auditEntries(t *testing.T, eng *engine.Engine, f engine.AuditFilter) []*engine.AuditEntry {
	t.Helper()
	got, err := eng.ListAudit(context.Background(), engine.Operator(), f)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func TestAudit_RecordsStaffChanges(t *testing.T) {
	f := MustServePages(t, PageOptions{})
	f.MustCreate(t, []byte(goodYAML))
	anon := f.visitor(t)
	anon.signIn("koordinator@slany.cz", "wrong password").want(t, http.StatusUnauthorized)
	v := f.signedIn(t, "koordinator@slany.cz", engine.RoleCoordinator)
	v.post("/work/questionnaires/ws-2027/open", url.Values{"version": {"1"}, "confirm": {"yes"}}).redirects(t, "/work/questionnaires/ws-2027?saved=1")
	// A resident's response is no staff change.
	anon.post("/q/ws-2027/page/1", url.Values{"obec": {"slany"}, "action": {"next"}})

	// The API: a coordinator's token, and an anonymous response.
	token := MustCreateToken(t, f.eng)
	h := f.srv.Config.Handler
	w := do(h, "POST", "/api/v1/groups", `{"id":"seniori","name":"Senioři","tags":["seniors"]}`, "Authorization", "Bearer "+token)
	if w.Code != http.StatusCreated {
		t.Fatalf("create group: %d %s", w.Code, w.Body)
	}
	w = do(h, "POST", "/api/v1/questionnaires/ws-2027/responses", `{"answers":{"obec":"slany"}}`)
	if w.Code != http.StatusCreated {
		t.Fatalf("anonymous response: %d %s", w.Code, w.Body)
	}
	v.post("/signout", nil).redirects(t, "/signin?signed_out=1")

	got := auditEntries(t, f.eng, engine.AuditFilter{})
	var lines []string
	for _, e := range got {
		lines = append(lines, e.Email+" "+e.Action+" "+strings.Join(e.Targets, ",")+" "+strconv.Itoa(e.Status))
	}
	want := []string{
		"koordinator@slany.cz signout  303",
		"koordinatorka@znojmo.cz POST /api/v1/groups  201",
		"koordinator@slany.cz POST /work/questionnaires/:id/open id=ws-2027 303",
		"koordinator@slany.cz signin  303",
		"koordinator@slany.cz signin_failed  401",
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Fatalf("audit log:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
}

func TestAudit_Page(t *testing.T) {
	f := MustServePages(t, PageOptions{})
	ctx := context.Background()
	start := time.Date(2027, 1, 1, 9, 0, 0, 0, time.UTC)
	for i := range 60 {
		email := "a@slany.cz"
		if i%2 == 1 {
			email = "b@slany.cz"
		}
		err := f.eng.RecordAudit(ctx, &engine.AuditEntry{At: start.Add(time.Duration(i) * time.Hour), UserID: "u", Email: email,
			Action: "POST /work/questionnaires/:id", Targets: []string{"id=q" + strconv.Itoa(i)}, Status: 303})
		if err != nil {
			t.Fatal(err)
		}
	}
	// A formula typed as an e-mail must not run in a spreadsheet.
	if err := f.eng.RecordAudit(ctx, &engine.AuditEntry{At: start, Email: "=cmd@x.cz", Action: engine.AuditSignInFailed, Status: 401}); err != nil {
		t.Fatal(err)
	}
	member := f.signedIn(t, "clen@slany.cz", engine.RoleMember)
	member.get("/work/audit").want(t, http.StatusForbidden)
	member.get("/work/audit.csv").want(t, http.StatusForbidden)

	v := f.signedIn(t, "koordinator@slany.cz", engine.RoleCoordinator)
	first := v.get("/work/audit").want(t, http.StatusOK, "koordinator@slany.cz", "Přihlášení", "id=q59", `rel="next"`)
	first.lacks(t, "id=q9<", `rel="prev"`)
	v.get("/work/audit?page=2").want(t, http.StatusOK, "id=q9<", `rel="prev"`)
	v.get("/work/audit?email=b@slany.cz&action=POST+/work/questionnaires/:id").
		want(t, http.StatusOK, "id=q59", `value="POST /work/questionnaires/:id" selected`).lacks(t, "id=q58<", "koordinator@slany.cz</td>")
	v.get("/work/audit?from=2027-01-02&to=2027-01-02").want(t, http.StatusOK, "id=q14<", "id=q37<").lacks(t, "id=q13<", "id=q38<") // days in Prague time
	v.get("/work/audit?from=2027-02-30").want(t, http.StatusUnprocessableEntity, `href="#audit-from"`, `value="2027-02-30"`)
	v.get("/work/audit?from=2027-01-03&to=2027-01-02").want(t, http.StatusUnprocessableEntity, `href="#audit-to"`)

	csv := v.get("/work/audit.csv?email=a@slany.cz")
	csv.want(t, http.StatusOK, "time,email,user_id,action,targets,status", "a@slany.cz", "id=q58")
	if ct := csv.header.Get("Content-Type"); !strings.HasPrefix(ct, "text/csv") {
		t.Errorf("Content-Type %q", ct)
	}
	if n := strings.Count(csv.body, "\n"); n != 31 {
		t.Errorf("the CSV has %d lines, want the header and 30", n)
	}
	all := v.get("/work/audit.csv").want(t, http.StatusOK, "'=cmd@x.cz")
	if strings.Contains(all.body, staffPassword) {
		t.Error("the audit log holds a password")
	}
}

// fakeOutbox reports fixed counts, as the mail outbox will.
type fakeOutbox struct{ failed, waiting int }

func (o fakeOutbox) OutboxSummary(context.Context) (int, int, error) { return o.failed, o.waiting, nil }

func TestDashboard(t *testing.T) {
	f := MustServePages(t, PageOptions{})
	ctx := context.Background()
	op := engine.Operator()
	f.MustCreate(t, []byte(goodYAML))
	for _, obec := range []string{"slany", "kvilice", "slany"} {
		if _, err := f.eng.SubmitResponse(ctx, "ws-2027", map[string]json.RawMessage{"obec": json.RawMessage(`"` + obec + `"`)}, ""); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := f.eng.CreateGroup(ctx, op, engine.GroupInput{ID: "seniori", Name: "Senioři", Tags: []string{"seniors"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.eng.CreateGroup(ctx, op, engine.GroupInput{ID: "rodiny", Name: "Rodiny s dětmi", Tags: []string{"families"}}); err != nil {
		t.Fatal(err)
	}
	now := f.clock.Now()
	_, err := f.eng.CreateConsultation(ctx, op, engine.ConsultationInput{ID: "plan-2027", Title: "Plán 2027–2030",
		Sections: []engine.SectionInput{{ID: "a", Title: "Úvod", Text: "Text"}}, OpensAt: now.Add(-time.Hour), ClosesAt: now.Add(30 * 24 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, text := range []string{"Chybí denní stacionář.", "Více autobusů.", "Nesouvisí."} {
		cm, err := f.eng.SubmitComment(ctx, "plan-2027", engine.CommentInput{Section: "a", Text: text,
			Author: engine.AuthorInput{Name: "Jana", Email: "jana@example.cz"}})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, cm.ID)
	}
	if _, err := f.eng.TriageComment(ctx, op, ids[0], engine.TriageInput{Relevance: engine.Relevant, Groups: []string{"seniori"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.eng.TriageComment(ctx, op, ids[2], engine.TriageInput{Relevance: engine.NotRelevant, Response: "Netýká se plánu."}); err != nil {
		t.Fatal(err)
	}

	t.Run("Coordinator", func(t *testing.T) {
		v := f.signedIn(t, "koordinator@slany.cz", engine.RoleCoordinator)
		p := v.get("/work").want(t, http.StatusOK, "Průzkum ve Slaném", "Za posledních 30 dní 3 odpovědi", "<svg", `class="chart__bar"`,
			"Plán 2027–2030", "3 připomínky", "Žádný záznam nečeká na kontrolu.",
			// The engine's own outbox: the three receipts wait, none failed.
			"0 zpráv se nepodařilo odeslat", "3 zprávy čekají na odeslání")
		// The table alternative holds today's count.
		if !strings.Contains(p.body, "<tr><td>15. 1. 2027</td><td>3</td></tr>") {
			t.Errorf("the table lacks today's 3 responses: %.3000s", p.body)
		}
	})
	t.Run("CoordinatorWithOutbox", func(t *testing.T) {
		g := *f
		g.srv = httptest.NewServer(New(f.eng, Options{Logger: quietLogger(), Outbox: fakeOutbox{failed: 2, waiting: 5}}))
		t.Cleanup(g.srv.Close)
		v := g.signedIn(t, "koordinatorka@slany.cz", engine.RoleCoordinator)
		v.get("/work").want(t, http.StatusOK, "2 zprávy se nepodařilo odeslat", "5 zpráv čeká na odeslání", `href="/work/outbox?state=failed"`)
	})
	t.Run("Member", func(t *testing.T) {
		u := f.mustUser(t, "clen@slany.cz", engine.RoleMember)
		if _, err := f.eng.AddGroupMember(ctx, op, "seniori", u.Email); err != nil {
			t.Fatal(err)
		}
		v := f.visitor(t)
		v.signIn(u.Email, staffPassword).redirects(t, "/work")
		v.get("/work").want(t, http.StatusOK, "Senioři", "1 připomínka přidělená vašim skupinám").
			lacks(t, "Rodiny s dětmi", "Problémy s odesíláním", "Záznamy poskytovatelů", `href="/work/questionnaires/ws-2027"`, `href="/work/audit"`)
	})
}
