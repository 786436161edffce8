package handlers

import (
	"fmt"
	"testing"

	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/triada-kpss/triada/engine"
)

// A resident on a phone finds home care by typing without accents, then
// narrows the catalogue by target group, all by keyboard, and opens a
// provider's page; every page passes the accessibility audit and none
// scrolls sideways.
func TestBrowser_CatalogueSearch(t *testing.T) {
	axe := mustAxe(t)
	f := MustServePages(t, PageOptions{})
	f.mustCatalogue(t)
	b := newTab(t, f, true)
	b.phone()

	b.open("/providers")
	b.check(axe, "catalogue")
	b.typeIn("#q", "pecovatelska")
	b.pressEnter()
	b.wantPath("/providers?q=pecovatelska&municipality=&target_group=&service_type=&form=")
	if got := b.str(`document.querySelector("#results").textContent`); got != "Nalezen 1 poskytovatel" {
		t.Errorf("search without accents: %q", got)
	}
	if !b.is(`document.body.textContent.includes("Charita Slaný") && !document.body.textContent.includes("Domov Zlonice")`) {
		t.Error("the search did not find just the home care of Charita Slaný")
	}
	b.check(axe, "search results")

	// Clear the search, choose the target group with the arrow keys and
	// send the form with Enter.
	b.do(chromedp.Focus(chromedp.CSS("#q")))
	b.do(chromedp.KeyEvent("a", chromedp.KeyModifiers(kb.ModifierCtrl)), chromedp.KeyEvent(kb.Backspace))
	if got := b.value("#q"); got != "" {
		t.Fatalf("the search field still holds %q", got)
	}
	b.do(chromedp.Focus(chromedp.CSS("#target_group")))
	for i := 0; b.value("#target_group") != "seniori"; i++ {
		if i == 40 {
			t.Fatal("the arrow keys never chose the target group seniori")
		}
		b.do(chromedp.KeyEvent(kb.ArrowDown))
	}
	b.do(chromedp.Focus(chromedp.CSS("#q")))
	b.pressEnter()
	if got := b.str(`document.querySelector("#results").textContent`); got != "Nalezeni 2 poskytovatelé" {
		t.Errorf("filter by target group: %q", got)
	}
	if got := b.value("#target_group"); got != "seniori" {
		t.Errorf("the chosen target group came back as %q", got)
	}

	b.do(chromedp.Focus(chromedp.CSS(`.card__title a`)))
	b.pressEnter()
	if !b.is(`location.pathname.startsWith("/providers/") && document.querySelector("h1").textContent.includes("Charita Slaný")`) {
		t.Errorf("Enter on the first result opened %s", b.path())
	}
	b.check(axe, "provider")

	b.open("/providers/print")
	b.check(axe, "directory")

	// The coordinator's list of records and the confirmation before one
	// is withdrawn meet the same standard.
	f.mustUser(t, "koordinatorka@obec.cz", engine.RoleCoordinator)
	b.signInAs("koordinatorka@obec.cz")
	b.open("/work/providers")
	b.check(axe, "catalogue records")
	b.submit(`td a[href$="/withdraw"]`)
	b.check(axe, "withdraw confirmation")
	b.submit(`button.button--warning`)
	b.wantPath("/work/providers?done=withdrawn")
	b.audit(axe, "catalogue records after withdrawing")
}

// pressEnter presses Enter in the focused element and waits for the page
// that it loads.
func (b *tab) pressEnter() {
	b.tb.Helper()
	if _, err := chromedp.Run(b.ctx, chromedp.WaitEvent(cdppage.LoadEventFired, nil, chromedp.KeyEvent(kb.Enter))); err != nil {
		b.tb.Fatal(fmt.Errorf("press Enter: %w", err))
	}
}
