package handlers

import (
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/triada-kpss/triada/engine"
)

// press presses a key on the focused element.
func (b *tab) press(key string) {
	b.tb.Helper()
	b.do(chromedp.KeyEvent(key))
}

// pressAndLoad presses a key and waits for the page it opens.
func (b *tab) pressAndLoad(key string) {
	b.tb.Helper()
	if _, err := chromedp.Run(b.ctx, chromedp.WaitEvent(cdppage.LoadEventFired, nil, chromedp.KeyEvent(key))); err != nil {
		b.tb.Fatalf("press %q: %v", key, err)
	}
}

// tabTo presses Tab until the element matching css has the focus, as a
// keyboard user moves through a page; it fails after max presses.
func (b *tab) tabTo(css string, max int) {
	b.tb.Helper()
	for range max {
		if b.is(`document.activeElement === document.querySelector(` + jsString(css) + `)`) {
			return
		}
		b.press(kb.Tab)
	}
	b.tb.Fatalf("%d presses of Tab did not reach %s; the focus is on %s", max, css, b.str(`document.activeElement.outerHTML.slice(0, 200)`))
}

// A coordinator on a phone opens a report from the
// list and, by keyboard only (the form needs no script; axe does), chooses two age groups (either of them)
// and a breakdown by municipality. Every page passes the accessibility
// audit and fits the screen.
func TestBrowser_Report(t *testing.T) {
	axe := mustAxe(t)
	f := mustReportFixture(t)
	f.mustUser(t, "koordinatorka@obec.cz", engine.RoleCoordinator)
	b := newTab(t, f, true)
	b.phone()
	b.open("/work/reports")
	b.wantPath("/signin?next=%2Fwork%2Freports")
	b.typeIn("#email", "koordinatorka@obec.cz")
	b.typeIn("#password", staffPassword)
	b.submit(`button[type="submit"]`)
	b.wantPath("/work/reports")
	b.audit(axe, "reports")
	b.fits("reports")

	b.tabTo(`a[href="/work/reports/q/report-2027"]`, 40)
	b.pressAndLoad(kb.Enter)
	b.wantPath("/work/reports/q/report-2027")
	b.audit(axe, "report")
	b.fits("report")

	// Open the age filter and check two of its options.
	age := `details:has(#filter-age-0) > summary`
	b.tabTo(age, 40)
	b.press(kb.Enter)
	if !b.is(`document.querySelector("details:has(#filter-age-0)").open`) {
		t.Fatal("Enter on the summary did not open the age filter")
	}
	b.tabTo("#filter-age-1", 5)
	b.press(" ")
	b.press(kb.Tab)
	b.press(" ")
	if !b.checked("#filter-age-1") || !b.checked("#filter-age-2") {
		t.Fatal("Space did not check the two age groups")
	}
	// Choose the breakdown in the select by typing its first letters,
	// as a keyboard does on a closed select.
	b.tabTo("#segment", 20)
	b.press("Obec")
	if got := b.value("#segment"); got != "municipality" {
		t.Fatalf("the segment select holds %q after typing", got)
	}
	b.tabTo(`#filters button[type="submit"]`, 5)
	b.pressAndLoad(kb.Enter)
	b.wantPath("/work/reports/q/report-2027?filter=age%3A65-74&filter=age%3A75plus&segment=municipality")
	text := b.str(`document.querySelector("main").innerText`)
	older := matching(func(a reportAnswer) bool { return a.Age == "65-74" || a.Age == "75plus" })
	for _, want := range []string{"Zobrazeno odpovědí: " + itoa(len(older)) + " z 8.", "Věk: 65–74 let nebo 75 a více let", "Rozděleno podle otázky: Obec."} {
		if !strings.Contains(text, want) {
			t.Errorf("the filtered report lacks %q", want)
		}
	}
	if n := b.str(`String(document.querySelectorAll("svg[role=img] .chart__legend").length)`); n != "6" {
		t.Errorf("%s grouped charts, want 6", n)
	}
	b.audit(axe, "report with filters and a breakdown")
	b.fits("report with filters and a breakdown")

	// The printable version, and a bad address.
	b.tabTo(`a[href*="print=1"]`, 40)
	b.pressAndLoad(kb.Enter)
	if b.shown("#filters") {
		t.Error("the printable version shows the filter form")
	}
	b.audit(axe, "printable report")
	b.fits("printable report")
	// In print: no navigation and no form, each question on a new page,
	// the charts kept.
	b.open("/work/reports/q/report-2027?segment=municipality")
	if _, err := chromedp.Call(b.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	if b.shown(".staff-nav") || b.shown("#filters") || b.shown(".report-links") || !b.shown("#question-age svg") {
		t.Error("in print the navigation or the form shows, or a chart does not")
	}
	breaks := b.str(`[...document.querySelectorAll(".report-question")].map(e => getComputedStyle(e).breakBefore).join(" ")`)
	if breaks != "auto page page page page page" {
		t.Errorf("page breaks before the questions in print: %q", breaks)
	}
	if _, err := chromedp.Call(b.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{}); err != nil {
		t.Fatal(err)
	}
	b.open("/work/reports/q/report-2027?filter=age:old")
	b.audit(axe, "report with a bad filter")
	b.fits("report with a bad filter")

	// A working group's report, with its supply of services.
	b.open("/work/reports/g/seniori")
	b.audit(axe, "group")
	b.fits("group")
	b.open("/work/reports/g/seniori?questionnaire=report-2027&segment=municipality")
	b.audit(axe, "group report")
	b.fits("group report")
}
