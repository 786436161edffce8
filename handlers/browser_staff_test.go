package handlers

import (
	"os"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/triada-kpss/triada/engine"
)

// A coordinator signs in on a phone after one mistyped password; every page passes the accessibility audit and none
// scrolls sideways.
func TestBrowser_SignIn(t *testing.T) {
	path := os.Getenv(axeEnv)
	if path == "" {
		t.Skip(axeEnv + " is not set: it names axe.min.js of the npm package axe-core (npm install axe-core; .ci/run does), which the audit injects")
	}
	axe, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%s: %v", axeEnv, err)
	}
	f := MustServePages(t, PageOptions{})
	f.mustUser(t, "koordinatorka@obec.cz", engine.RoleCoordinator)
	b := newTab(t, f, true)
	if _, err := chromedp.Call(b.ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
		Width: 375, Height: 812, DeviceScaleFactor: 2, Mobile: true,
	}); err != nil {
		t.Fatal(err)
	}
	fits := func(name string) {
		t.Helper()
		var m struct{ Scroll, Client int }
		b.eval(`({scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth})`, &m)
		if m.Scroll > m.Client {
			t.Errorf("%s: %d px wide content in a %d px window", name, m.Scroll, m.Client)
		}
	}
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
