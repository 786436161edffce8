package handlers

import (
	"strings"
	"testing"
	"time"

	"github.com/triada-kpss/triada/engine"
)

// clearField empties a field.
func (b *tab) clearField(css string) {
	b.tb.Helper()
	var done bool
	b.eval(`(() => { document.querySelector(`+jsString(css)+`).value = ""; return true })()`, &done)
}

// The comment period in a real browser on a phone: a resident comments
// on a section (the HTTP tests show the forms need no script), a coordinator triages the comment
// with the list's checkboxes, a member of the assigned group decides it,
// the coordinator publishes, and the public settlement shows the outcome
// and no e-mail. Every page passes the accessibility audit and fits the
// screen.
func TestBrowser_CommentPeriod(t *testing.T) {
	axe := mustAxe(t)
	f := MustServePages(t, PageOptions{})
	f.mustConsultation(t, "kp-2027", janOpens, janCloses)
	if _, err := f.eng.CreateGroup(t.Context(), engine.Operator(), engine.GroupInput{ID: "seniori", Name: "Senioři", Tags: []string{"seniors"}}); err != nil {
		t.Fatal(err)
	}
	f.mustUser(t, "koordinator@znojmo.cz", engine.RoleCoordinator)
	f.mustUser(t, "clen@znojmo.cz", engine.RoleMember)
	if _, err := f.eng.AddGroupMember(t.Context(), engine.Operator(), "seniori", "clen@znojmo.cz"); err != nil {
		t.Fatal(err)
	}

	// A resident comments on the section about seniors.
	r := newTab(t, f, true)
	r.phone()
	r.open("/")
	r.submit(`a[href="/c/kp-2027"]`)
	r.audit(axe, "draft")
	r.fits("draft")
	r.submit(`a[href="/c/kp-2027/s/seniori/comment"]`)
	r.wantPath("/c/kp-2027/s/seniori/comment")
	r.audit(axe, "comment form")
	r.fits("comment form")
	r.typeIn("#name", "Jana Dvořáková")
	r.typeIn("#email", "jana@")
	r.submit(`main button[type="submit"]`)
	r.audit(axe, "comment form with errors")
	r.fits("comment form with errors")
	if !r.shown(".error-summary") || r.value("#name") != "Jana Dvořáková" || r.value("#email") != "jana@" {
		t.Fatalf("no error summary, or the typed values are lost: %q %q", r.value("#name"), r.value("#email"))
	}
	r.clearField("#email")
	r.typeIn("#email", "jana.dvorakova@example.cz")
	r.typeIn("#text", "Chybí denní stacionář v Moravském Krumlově.")
	r.typeIn("#municipality", "Moravský Krumlov")
	r.click("#publish_name")
	r.submit(`main button[type="submit"]`)
	if p := r.path(); !sentPath.MatchString(p) {
		t.Fatalf("after sending on %s", p)
	}
	r.audit(axe, "comment sent")
	r.fits("comment sent")
	if ref := r.str(`document.querySelector(".reference").textContent`); ref != "P-2027-001" {
		t.Fatalf("reference %q", ref)
	}

	// The coordinator triages it from the list.
	c := newTab(t, f, true)
	c.phone()
	c.signInAs("koordinator@znojmo.cz")
	c.submit(`.staff-nav a[href="/work/consultations"]`)
	c.audit(axe, "consultations")
	c.fits("consultations")
	c.submit(`a[href="/work/consultations/kp-2027/comments"]`)
	c.audit(axe, "comments")
	c.fits("comments")
	c.click(`input[name="ids"]`)
	c.click("#relevance-relevant")
	c.click("#group-seniori")
	c.submit(`main form[method="post"] button[type="submit"]`)
	c.wantPath("/work/consultations/kp-2027/comments?triaged=1")
	c.audit(axe, "comments triaged")

	// The member of the seniors' group decides it.
	m := newTab(t, f, true)
	m.phone()
	m.signInAs("clen@znojmo.cz")
	m.submit(`.staff-nav a[href="/work/comments"]`)
	m.submit(`a[href="/work/consultations/kp-2027/comments"]`)
	m.submit(`main table a[href^="/work/comments/"]`)
	m.audit(axe, "comment")
	m.fits("comment")
	m.click("#outcome-accepted")
	m.typeIn("#answer", "Denní stacionář doplníme do priority 2.")
	m.submit(`form[action$="/decision"] button[type="submit"]`)
	m.audit(axe, "comment decided")
	if !strings.Contains(m.str(`document.body.innerText`), "akceptována") {
		t.Fatal("the decision does not show")
	}

	// After the period the coordinator publishes the settlement.
	f.clock.Add(20 * 24 * time.Hour)
	c.signInAs("koordinator@znojmo.cz") // the session expired meanwhile
	c.open("/work/consultations/kp-2027/publish")
	c.audit(axe, "publish")
	c.fits("publish")
	c.click("#confirm")
	c.submit(`main button[type="submit"]`)
	c.wantPath("/work/consultations/kp-2027/publish")
	c.submit(`main a[href="/c/kp-2027/outcomes"]`)

	// The public settlement shows the outcome, without any e-mail.
	r.open("/c/kp-2027/outcomes")
	r.audit(axe, "settlement")
	r.fits("settlement")
	text := r.str(`document.body.innerText`)
	for _, want := range []string{"P-2027-001", "Jana Dvořáková", "akceptována", "Denní stacionář doplníme do priority 2."} {
		if !strings.Contains(text, want) {
			t.Errorf("the settlement lacks %q", want)
		}
	}
	if html := r.str(`document.documentElement.outerHTML`); strings.Contains(html, "@example.cz") || strings.Contains(html, "jana@") {
		t.Error("the settlement shows an e-mail")
	}
}

// A resident whose browser runs no script comments on a section, after
// one mistake, and gets the confirmation.
func TestBrowser_CommentWithoutScript(t *testing.T) {
	f := MustServePages(t, PageOptions{})
	f.mustConsultation(t, "kp-2027", janOpens, janCloses)
	b := newTab(t, f, false)
	b.phone()
	b.open("/c/kp-2027")
	b.submit(`a[href="/c/kp-2027/s/uvod/comment"]`)
	b.typeIn("#text", "Doplňte dopravu ke službám.")
	b.submit(`main button[type="submit"]`)
	if !b.shown(".error-summary") || b.value("#text") != "Doplňte dopravu ke službám." {
		t.Fatalf("no error summary, or the comment typed is lost: %q", b.value("#text"))
	}
	b.fits("errors")
	b.typeIn("#name", "Petr Svoboda")
	b.typeIn("#email", "petr@example.cz")
	b.submit(`main button[type="submit"]`)
	if p := b.path(); !sentPath.MatchString(p) {
		t.Fatalf("after sending on %s: %.800s", p, b.str(`document.body.innerText`))
	}
	b.fits("sent")
	if text := b.str(`document.body.innerText`); !strings.Contains(text, "P-2027-001") || !strings.Contains(text, "Úvod") {
		t.Fatalf("confirmation: %.800s", text)
	}
}
