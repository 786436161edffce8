package handlers

import (
	"testing"

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
