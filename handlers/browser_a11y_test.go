package handlers

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// axeEnv names the file axe.min.js of the npm package axe-core; .ci/run
// installs the package into a temporary folder and sets it.
const axeEnv = "TRIADA_AXE_JS"

// mustAxe returns axe-core's script, skipping the test (with the reason)
// when TRIADA_AXE_JS is not set; .ci/run sets it and fails if a browser
// test was skipped.
func mustAxe(tb testing.TB) []byte {
	tb.Helper()
	path := os.Getenv(axeEnv)
	if path == "" {
		tb.Skip(axeEnv + " is not set: it names axe.min.js of the npm package axe-core (npm install axe-core; .ci/run does), which the audit injects")
	}
	axe, err := os.ReadFile(path)
	if err != nil {
		tb.Fatalf("%s: %v", axeEnv, err)
	}
	return axe
}

// phone makes the tab a 375 px wide phone screen.
func (b *tab) phone() {
	b.tb.Helper()
	if _, err := chromedp.Call(b.ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
		Width: 375, Height: 812, DeviceScaleFactor: 2, Mobile: true,
	}); err != nil {
		b.tb.Fatal(err)
	}
}

// fits fails unless the page shown fits the phone's width: nothing to
// scroll sideways.
func (b *tab) fits(name string) {
	b.tb.Helper()
	var m struct{ Scroll, Client, Inner int }
	b.eval(`({scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth, inner: window.innerWidth})`, &m)
	if m.Inner != 375 || m.Scroll > m.Client {
		b.tb.Errorf("%s (%s): %d px wide content in a %d px window (inner %d)", name, b.path(), m.Scroll, m.Client, m.Inner)
	}
}

// violation is one rule axe-core found broken, with the elements at fault.
type violation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"`
}

// audit runs axe-core on the page shown, against WCAG 2.1 A and AA and
// axe's best practices, and fails for every violation.
// check audits the page shown and checks that it fits the window.
func (b *tab) check(axe []byte, name string) {
	b.tb.Helper()
	b.audit(axe, name)
	b.fits(name)
}

func (b *tab) audit(axe []byte, name string) {
	b.tb.Helper()
	b.do(chromedp.Evaluate[chromedp.Void](string(axe)))
	raw, err := chromedp.Run(b.ctx, chromedp.Evaluate[[]byte](`axe.run(document, {
		runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
		resultTypes: ["violations"]
	}).then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
		nodes: v.nodes.map(n => n.target.join(" "))})))`, chromedp.EvalAwaitPromise))
	if err != nil {
		b.tb.Fatalf("%s: axe: %v", name, err)
	}
	var vs []violation
	if err := json.Unmarshal(raw, &vs); err != nil {
		b.tb.Fatalf("%s: axe: %v", name, err)
	}
	for _, v := range vs {
		b.tb.Errorf("%s (%s): %s [%s] at %s", name, b.path(), v.Help, v.ID, strings.Join(v.Nodes, ", "))
	}
}

// TestBrowser_Accessibility audits the pages a resident sees with
// axe-core: zero violations on the form, error, saved and thank-you
// pages, in Czech and English.
func TestBrowser_Accessibility(t *testing.T) {
	axe := mustAxe(t)
	f := MustServePages(t, PageOptions{})
	for _, lang := range []string{"cs", "en"} {
		b := newTab(t, f, true)
		b.open("/?lang=" + lang)
		b.audit(axe, "home")
		b.open("/q/needs-survey")
		b.audit(axe, "start")
		b.submit("a.button--start")
		b.audit(axe, "form page 1")
		b.submit(`button[value="next"]`)
		b.audit(axe, "error page")
		b.click(option("municipality", "zalesi"))
		b.click(option("age_band", "30_44"))
		b.submit(`button[value="next"]`)
		b.click(option("uses_services", "yes"))
		b.click(option("satisfaction", "1"))
		b.audit(axe, "form page 2 with questions shown")
		b.submit(`button[value="next"]`)
		b.submit(`button[value="next"]`)
		b.audit(axe, "form page 4")
		b.submit(`button[value="save"]`)
		b.audit(axe, "saved")
		b.submit(`.button`)
		b.submit(`button[value="submit"]`)
		b.wantPath("/q/needs-survey/thanks")
		b.audit(axe, "thank-you page")
		b.open("/q/nothing")
		b.audit(axe, "not found")
		b.open("/accessibility")
		b.audit(axe, "accessibility statement")
		b.open("/privacy")
		b.audit(axe, "privacy")
	}
}

// TestBrowser_NarrowScreen opens every page on a 375 px wide phone and
// checks that none scrolls sideways.
func TestBrowser_NarrowScreen(t *testing.T) {
	f := MustServePages(t, PageOptions{})
	b := newTab(t, f, true)
	b.phone()
	fits := b.fits
	for _, lang := range []string{"cs", "sk", "en"} {
		b.open("/?lang=" + lang)
		fits("home")
		b.open("/q/needs-survey")
		fits("start")
		b.open("/q/needs-survey/page/1")
		b.submit(`button[value="next"]`)
		fits("error page")
		b.click(option("municipality", "studena_voda"))
		b.click(option("age_band", "45_64"))
		b.submit(`button[value="next"]`)
		b.click(option("uses_services", "yes"))
		fits("page 2")
		b.submit(`button[value="next"]`)
		fits("page 3")
		b.submit(`button[value="next"]`)
		fits("page 4")
		b.submit(`button[value="save"]`)
		fits("saved")
		b.submit(".button")
		b.submit(`button[value="submit"]`)
		fits("thank-you page")
		b.submit(`.inline-form button`)
	}
}
