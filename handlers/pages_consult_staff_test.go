package handlers

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/triada-kpss/triada/engine"
)

// commentIDs returns the ids of the consultation's comments by reference.
func (f *pageFixture) commentIDs(tb testing.TB, consultation string) map[string]string {
	tb.Helper()
	cs, err := f.eng.ListComments(context.Background(), engine.Operator(), consultation)
	if err != nil {
		tb.Fatal(err)
	}
	ids := map[string]string{}
	for _, cm := range cs {
		ids[cm.Reference] = cm.ID
	}
	return ids
}

var commentVersion = regexp.MustCompile(`name="version" value="(\d+)"`)

// The comment period through the staff's pages: the lists and filters,
// triage of several at once, the detail with its history, decisions by a
// member of the assigned group, conflicts, publication and the public
// settlement with its files.
func TestPages_CommentPeriodStaff(t *testing.T) {
	f := MustServePages(t, PageOptions{})
	f.mustConsultation(t, "kp-2027", janOpens, janCloses)
	ctx := context.Background()
	if _, err := f.eng.CreateGroup(ctx, engine.Operator(), engine.GroupInput{ID: "seniori", Name: "Senioři", Tags: []string{"seniors"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.eng.CreateGroup(ctx, engine.Operator(), engine.GroupInput{ID: "rodiny", Name: "Rodiny", Tags: []string{"families"}}); err != nil {
		t.Fatal(err)
	}
	resident := f.visitor(t)
	first := aComment()
	first.Set("text", "=HYPERLINK(\"http://evil.example\") více odlehčovací služby")
	resident.post("/c/kp-2027/s/seniori/comment", first).want(t, http.StatusSeeOther)
	second := aComment()
	second.Set("publish_name", "")
	second.Set("name", "Marie Tajná")
	second.Set("email", "marie@example.cz")
	resident.post("/c/kp-2027/comment", second).want(t, http.StatusSeeOther)
	resident.post("/c/kp-2027/s/uvod/comment", aComment()).want(t, http.StatusSeeOther)
	ids := f.commentIDs(t, "kp-2027")

	coord := f.signedIn(t, "koordinator@znojmo.cz", engine.RoleCoordinator)
	member := f.signedIn(t, "clen@znojmo.cz", engine.RoleMember)
	if _, err := f.eng.AddGroupMember(ctx, engine.Operator(), "seniori", "clen@znojmo.cz"); err != nil {
		t.Fatal(err)
	}

	t.Run("Navigation", func(t *testing.T) {
		coord.get("/work").want(t, http.StatusOK, `href="/work/consultations"`, `href="/work/comments"`)
		member.get("/work").want(t, http.StatusOK, `href="/work/comments"`).lacks(t, `href="/work/consultations"`)
	})
	t.Run("Signed out", func(t *testing.T) {
		resident.get("/work/consultations").redirects(t, "/signin?next=%2Fwork%2Fconsultations")
		resident.get("/work/comments/"+ids["P-2027-001"]).want(t, http.StatusSeeOther)
		resident.post("/work/consultations/kp-2027/triage", url.Values{"ids": {ids["P-2027-001"]}}).want(t, http.StatusUnauthorized)
	})
	t.Run("Consultations", func(t *testing.T) {
		coord.get("/work/consultations").want(t, http.StatusOK, "Komunitní plán Znojmo 2027–2030",
			`href="/work/consultations/kp-2027/comments"`, `data-label="Přijato">3</td>`, `data-label="Neposouzeno">3</td>`, "otevřeno",
			`href="/work/consultations/new"`, `href="/work/consultations/kp-2027/edit"`)
		member.get("/work/consultations").want(t, http.StatusForbidden)
		member.get("/work/comments").want(t, http.StatusOK, `data-label="Přijato">0</td>`).
			lacks(t, `href="/work/consultations/new"`, `/edit"`)
	})
	t.Run("List and filters", func(t *testing.T) {
		coord.get("/work/consultations/kp-2027/comments").want(t, http.StatusOK, "Zobrazeny 3 připomínky z 3.",
			"P-2027-001", "P-2027-002", "P-2027-003", `name="ids"`, `id="relevance-relevant"`, `id="group-seniori"`).
			lacks(t, "jan.novak@example.cz")
		coord.get("/work/consultations/kp-2027/comments?section=seniori").want(t, http.StatusOK, "Zobrazena 1 připomínka z 3.", "P-2027-001").lacks(t, ">P-2027-002<")
		coord.get("/work/consultations/kp-2027/comments?section=-").want(t, http.StatusOK, "Zobrazena 1 připomínka z 3.", ">P-2027-002<")
		coord.get("/work/consultations/kp-2027/comments?state=decided").want(t, http.StatusOK, "Žádná připomínka neodpovídá filtru.")
		coord.get("/work/consultations/nope/comments").want(t, http.StatusNotFound)
	})
	t.Run("Triage several: errors", func(t *testing.T) {
		coord.post("/work/consultations/kp-2027/triage", url.Values{"relevance": {"relevant"}}).
			want(t, http.StatusUnprocessableEntity, "Vyberte alespoň jednu připomínku.", `href="#select-`+ids["P-2027-001"]+`"`)
		p := coord.post("/work/consultations/kp-2027/triage", url.Values{"ids": {ids["P-2027-001"], ids["P-2027-002"]},
			"relevance": {"not_relevant"}, "groups": {"rodiny"}, "response": {"  "}})
		p.want(t, http.StatusUnprocessableEntity, "Napište veřejné zdůvodnění", `href="#reason"`,
			`id="select-`+ids["P-2027-001"]+`" name="ids" value="`+ids["P-2027-001"]+`" checked`,
			`id="relevance-not_relevant" name="relevance" value="not_relevant" checked`, `id="group-rodiny" name="groups" value="rodiny" checked`)
		coord.post("/work/consultations/kp-2027/triage", url.Values{"ids": {ids["P-2027-001"]}}).
			want(t, http.StatusUnprocessableEntity, "Vyberte, zda je připomínka relevantní.",
				`<fieldset class="fieldset" aria-describedby="relevance-error">`, `<p class="error-message" id="relevance-error">`)
		coord.post("/work/consultations/kp-2027/triage", url.Values{"ids": {ids["P-2027-001"]}, "relevance": {"relevant"}, "groups": {"lost"}}).
			want(t, http.StatusUnprocessableEntity, "Vyberte jen existující pracovní skupiny.",
				`<fieldset class="fieldset" aria-describedby="groups-hint groups-error">`, `<div class="hint" id="groups-hint">`,
				`<p class="error-message" id="groups-error">`, `type="checkbox" id="group-rodiny" name="groups" value="rodiny">`)
		coord.post("/work/consultations/kp-2027/triage", url.Values{"ids": {"someone-elses"}, "relevance": {"relevant"}}).
			want(t, http.StatusNotFound)
		coord.get("/work/consultations").want(t, http.StatusOK, `data-label="Neposouzeno">3</td>`)
	})
	t.Run("Triage several", func(t *testing.T) {
		coord.post("/work/consultations/kp-2027/triage", url.Values{"ids": {ids["P-2027-001"], ids["P-2027-002"]},
			"version-" + ids["P-2027-001"]: {"1"}, "version-" + ids["P-2027-002"]: {"1"},
			"relevance": {"relevant"}, "groups": {"seniori"}, "filter_section": {""}}).
			redirects(t, "/work/consultations/kp-2027/comments?triaged=2")
		coord.get("/work/consultations/kp-2027/comments?triaged=2").want(t, http.StatusOK, "Posouzeny 2 připomínky.")
		coord.get("/work/consultations/kp-2027/comments?group=seniori").want(t, http.StatusOK, "Zobrazeny 2 připomínky z 3.")
	})
	t.Run("Triage several: conflict", func(t *testing.T) {
		// A form opened before the triage above still shows version 1.
		p := coord.post("/work/consultations/kp-2027/triage", url.Values{"ids": {ids["P-2027-001"], ids["P-2027-003"]},
			"version-" + ids["P-2027-001"]: {"1"}, "version-" + ids["P-2027-003"]: {"1"},
			"relevance": {"not_relevant"}, "response": {"Netýká se plánu."}})
		p.want(t, http.StatusConflict, "Tyto připomínky mezitím změnil někdo jiný a nebyly změněny: P-2027-001.",
			"Posouzena 1 připomínka.", "Netýká se plánu.", `<strong class="tag">změněno</strong>`)
		cm, _ := f.eng.FindComment(ctx, engine.Operator(), ids["P-2027-001"])
		if cm.Relevance != engine.Relevant {
			t.Errorf("the conflicting triage changed P-2027-001 to %q", cm.Relevance)
		}
	})
	t.Run("Member sees assigned comments only", func(t *testing.T) {
		member.get("/work/consultations/kp-2027/comments").want(t, http.StatusOK, "P-2027-001", "P-2027-002").
			lacks(t, ">P-2027-003<", `name="ids"`, `id="relevance-relevant"`)
		member.get("/work/comments/"+ids["P-2027-003"]).want(t, http.StatusForbidden).lacks(t, "Moravský Krumlov")
		member.get("/work/comments/"+ids["P-2027-001"]).want(t, http.StatusOK, "Rozhodnutí", `id="outcome-accepted"`).
			lacks(t, "jan.novak@example.cz", `action="/work/comments/`+ids["P-2027-001"]+`/triage"`)
		member.post("/work/comments/"+ids["P-2027-001"]+"/triage", url.Values{"relevance": {"relevant"}}).want(t, http.StatusForbidden)
		member.post("/work/consultations/kp-2027/triage", url.Values{"ids": {ids["P-2027-001"]}, "relevance": {"relevant"}}).
			want(t, http.StatusForbidden)
	})
	t.Run("Detail", func(t *testing.T) {
		p := coord.get("/work/comments/"+ids["P-2027-001"]).want(t, http.StatusOK, "Připomínka P-2027-001", "jan.novak@example.cz",
			"veřejnost (formulář)", "koordinator@znojmo.cz", "relevantní", "Senioři", `action="/work/comments/`+ids["P-2027-001"]+`/triage"`)
		if m := commentVersion.FindStringSubmatch(p.body); m == nil || m[1] != "2" {
			t.Fatalf("version in the form: %v", m)
		}
		coord.get("/work/comments/nope").want(t, http.StatusNotFound)
	})
	t.Run("Decide: errors and conflicts", func(t *testing.T) {
		path := "/work/comments/" + ids["P-2027-001"] + "/decision"
		member.post(path, url.Values{"version": {"2"}, "response": {"Doplníme do plánu."}}).
			want(t, http.StatusUnprocessableEntity, "Vyberte výsledek.", `href="#outcome-accepted"`, "Doplníme do plánu.",
				`<fieldset class="fieldset" aria-describedby="outcome-error">`, `<p class="error-message" id="outcome-error">`,
				`type="radio" id="outcome-accepted" name="outcome" value="accepted">`)
		member.post(path, url.Values{"version": {"2"}, "outcome": {"accepted"}}).
			want(t, http.StatusUnprocessableEntity, "Napište odpověď.", `id="outcome-accepted" name="outcome" value="accepted" checked`)
		member.post(path, url.Values{"version": {"1"}, "outcome": {"rejected"}, "response": {"Starý formulář."}}).
			want(t, http.StatusConflict, "Připomínku mezitím změnil někdo jiný", "Starý formulář.",
				`id="outcome-rejected" name="outcome" value="rejected" checked`)
		coord.post("/work/comments/"+ids["P-2027-003"]+"/decision", url.Values{"outcome": {"accepted"}, "response": {"x"}}).
			want(t, http.StatusConflict)
	})
	t.Run("Decide", func(t *testing.T) {
		member.post("/work/comments/"+ids["P-2027-001"]+"/decision", url.Values{"version": {"2"}, "outcome": {"partially_accepted"},
			"response": {"Odlehčovací službu doplníme do priority 1."}}).redirects(t, "/work/comments/"+ids["P-2027-001"]+"?saved=decision")
		member.get("/work/comments/"+ids["P-2027-001"]+"?saved=decision").want(t, http.StatusOK, "Uloženo.",
			"akceptována částečně", "clen@znojmo.cz")
	})
	t.Run("Outcomes before publication", func(t *testing.T) {
		resident.get("/c/kp-2027/outcomes").want(t, http.StatusNotFound)
		resident.get("/c/kp-2027/outcomes.csv").want(t, http.StatusNotFound)
	})
	t.Run("Publish", func(t *testing.T) {
		coord.get("/work/consultations/kp-2027/publish").want(t, http.StatusOK, "až po skončení připomínkového řízení (31. 1. 2027)").
			lacks(t, `name="confirm"`)
		coord.post("/work/consultations/kp-2027/publish", url.Values{"confirm": {"yes"}}).want(t, http.StatusConflict)
		f.clock.Add(20 * 24 * time.Hour) // the sessions expire meanwhile
		coord.signIn("koordinator@znojmo.cz", staffPassword).redirects(t, "/work")
		member.signIn("clen@znojmo.cz", staffPassword).redirects(t, "/work")
		coord.get("/work/consultations/kp-2027/publish").want(t, http.StatusOK, "Vypořádání zatím nelze zveřejnit",
			"1 relevantní připomínka čeká na rozhodnutí", ">P-2027-002</a>").lacks(t, `name="confirm"`)
		coord.post("/work/consultations/kp-2027/publish", url.Values{"confirm": {"yes"}}).want(t, http.StatusConflict, "Vypořádání zatím nelze zveřejnit")
		coord.post("/work/comments/"+ids["P-2027-002"]+"/triage", url.Values{"relevance": {"not_relevant"}, "response": {"Netýká se plánu."}}).
			redirects(t, "/work/comments/"+ids["P-2027-002"]+"?saved=triage")
		coord.get("/work/consultations/kp-2027/publish").want(t, http.StatusOK, `name="confirm"`)
		member.get("/work/consultations/kp-2027/publish").want(t, http.StatusForbidden)
		member.post("/work/consultations/kp-2027/publish", url.Values{"confirm": {"yes"}}).want(t, http.StatusForbidden)
		coord.post("/work/consultations/kp-2027/publish", url.Values{}).
			want(t, http.StatusUnprocessableEntity, "Potvrďte, že chcete vypořádání zveřejnit.", `href="#confirm"`)
		coord.post("/work/consultations/kp-2027/publish", url.Values{"confirm": {"yes"}}).redirects(t, "/work/consultations/kp-2027/publish")
		coord.get("/work/consultations/kp-2027/publish").want(t, http.StatusOK, "Vypořádání bylo zveřejněno 4. 2. 2027.", `href="/c/kp-2027/outcomes"`)
		coord.post("/work/comments/"+ids["P-2027-002"]+"/triage", url.Values{"relevance": {"relevant"}}).want(t, http.StatusConflict)
		coord.get("/work/comments/"+ids["P-2027-002"]).want(t, http.StatusOK, "Vypořádání je zveřejněno").lacks(t, `id="relevance-relevant"`)
	})
	t.Run("Outcomes", func(t *testing.T) {
		p := resident.get("/c/kp-2027/outcomes").want(t, http.StatusOK, "Vypořádání připomínek",
			`<dt>Přijato</dt><dd>3</dd>`, `<dt>Relevantní</dt><dd>1</dd>`, `<dt>Akceptováno částečně</dt><dd>1</dd>`,
			"P-2027-001", "Odlehčovací službu doplníme do priority 1.", "Netýká se plánu.", "Jan Novák")
		p.lacks(t, "@example.cz", "Marie Tajná")
		resident.get("/c/kp-2027").want(t, http.StatusOK, `href="/c/kp-2027/outcomes"`)
		csv := resident.get("/c/kp-2027/outcomes.csv").want(t, http.StatusOK, "\uFEFFČíslo,Část,Autor", "'=HYPERLINK", "Netýká se plánu.")
		csv.lacks(t, "@example.cz", "Marie Tajná")
		if ct := csv.header.Get("Content-Type"); ct != "text/csv; charset=utf-8" {
			t.Errorf("Content-Type %q", ct)
		}
		x := resident.get("/c/kp-2027/outcomes.xlsx").want(t, http.StatusOK)
		wb, err := excelize.OpenReader(bytes.NewReader([]byte(x.body)))
		if err != nil {
			t.Fatal(err)
		}
		rows, _ := wb.GetRows("settlement")
		if len(rows) != 4 || rows[1][0] != "P-2027-001" || rows[1][5] != "akceptována částečně" {
			t.Fatalf("rows %q", rows)
		}
		if strings.Contains(x.body, "@example.cz") {
			t.Error("the workbook holds an e-mail")
		}
	})
}
