package handlers

import (
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/triada-kpss/triada/engine"
)

// A coordinator signs in on a phone after one mistyped password; every page passes the accessibility audit and none
// scrolls sideways.
func TestBrowser_SignIn(t *testing.T) {
	axe := mustAxe(t)
	f := MustServePages(t, PageOptions{})
	f.mustUser(t, "koordinatorka@obec.cz", engine.RoleCoordinator)
	b := newTab(t, f, true)
	b.phone()
	fits := b.fits
	b.open("/privacy")
	fits("privacy")
	b.open("/work")
	b.wantPath("/signin?next=%2Fwork")
	b.audit(axe, "sign-in")
	fits("sign-in")
	b.typeIn("#email", "koordinatorka@obec.cz")
	b.typeIn("#password", "not the password")
	b.submit(`button[type="submit"]`)
	b.audit(axe, "sign-in error")
	fits("sign-in error")
	if got := b.value("#email"); got != "koordinatorka@obec.cz" {
		t.Errorf("the e-mail typed came back as %q", got)
	}
	b.typeIn("#password", staffPassword)
	b.submit(`button[type="submit"]`)
	b.wantPath("/work")
	b.audit(axe, "workspace")
	fits("workspace")
	b.submit(`.staff-nav__signout button`)
	b.wantPath("/signin?signed_out=1")
}

// A coordinator answers a request about personal data on a phone: the
// look-up with a mistyped address, the result and the confirmation pass
// the accessibility audit and fit the screen.
func TestBrowser_PersonalData(t *testing.T) {
	axe := mustAxe(t)
	f := MustServePages(t, PageOptions{})
	f.mustConsultation(t, "kp-2027", janOpens, janCloses)
	f.mustUser(t, "koordinatorka@obec.cz", engine.RoleCoordinator)
	b := newTab(t, f, true)
	b.phone()
	b.open("/c/kp-2027/s/seniori/comment")
	b.typeIn("#text", "Chybí odlehčovací služba.")
	b.typeIn("#name", "Jan Novák")
	b.typeIn("#email", "jan.novak@example.cz")
	b.typeIn("#municipality", "Znojmo")
	b.submit(`form button[type="submit"]`)

	b.signInAs("koordinatorka@obec.cz")
	b.open("/work/personal-data")
	b.typeIn("#email", "jan.novak@")
	b.submit(`main button[type="submit"]`)
	b.audit(axe, "personal data, mistyped address")
	b.fits("personal data, mistyped address")
	if got := b.value("#email"); got != "jan.novak@" {
		t.Errorf("the address typed came back as %q", got)
	}
	b.do(chromedp.Focus(chromedp.CSS("#email")), chromedp.KeyEvent(kb.End))
	b.typeIn("#email", "example.cz")
	b.submit(`main button[type="submit"]`)
	if !b.is(`document.body.textContent.includes("P-2027-001")`) {
		t.Fatalf("the comment is not listed: %s", b.path())
	}
	b.audit(axe, "personal data")
	b.fits("personal data")
	b.submit(`a[href^="/work/personal-data/erase"]`)
	b.audit(axe, "erase confirmation")
	b.fits("erase confirmation")
	b.submit(`button.button--warning`)
	if got := b.str(`document.querySelector('[role="status"]').textContent`); got != "Hotovo. Připomínky, ze kterých byly odstraněny údaje autora: 1. Smazané e-maily: 1." {
		t.Errorf("after erasing: %q", got)
	}
	b.audit(axe, "after erasing")
}
