package handlers

import (
	"strings"
	"testing"

	"github.com/triada-kpss/triada/engine"
)

// A resident has the resume link e-mailed on a phone, mistyping the
// address first; then a coordinator opens the outbox and retries the
// failed message. Every page passes the audit and none scrolls sideways.
func TestBrowser_Mail(t *testing.T) {
	axe := mustAxe(t)
	f := MustServePages(t, PageOptions{})
	f.mustUser(t, "koordinatorka@obec.cz", engine.RoleCoordinator)
	f.mustFailedMail(t, engine.Mail{ID: "receipt:" + strings.Repeat("x", 60), To: "velmi.dlouha.adresa.obyvatelky@nektera-obec-na-morave.example.cz",
		Subject: "Potvrzení připomínky P-2027-001 – Komunitní plán sociálních služeb mikroregionu Podhůří 2027–2030",
		Text:    "Text", Cause: "comment:c1"})
	b := newTab(t, f, true)
	b.phone()
	b.open("/q/needs-survey/page/1")
	b.submit(`button[value="save"]`)
	b.wantPath("/q/needs-survey/saved")
	b.check(axe, "saved with the e-mail form")
	b.typeIn("#email", "jana@")
	b.submit(".saved-email button")
	b.check(axe, "e-mail error")
	if !b.shown(".error-summary") || b.value("#email") != "jana@" {
		t.Fatalf("no error summary, or the address typed is lost (%q)", b.value("#email"))
	}
	b.is(`(document.querySelector("#email").value = "", true)`)
	b.typeIn("#email", "jana@example.cz")
	b.submit(".saved-email button")
	if !strings.Contains(b.str(`document.body.innerText`), "jana@example.cz") {
		t.Fatalf("the page does not say where the link went: %s at %s", b.str(`document.body.innerText`), b.path())
	}
	b.audit(axe, "e-mail sent")

	b.open("/signin?next=%2Fwork%2Foutbox")
	b.typeIn("#email", "koordinatorka@obec.cz")
	b.typeIn("#password", staffPassword)
	b.submit(`button[type="submit"]`)
	b.wantPath("/work/outbox")
	b.check(axe, "outbox")
	b.submit(".outbox-message form button")
	b.wantPath("/work/outbox?state=failed")
	b.audit(axe, "outbox after a retry")
}
