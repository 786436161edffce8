package handlers

import (
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/triada-kpss/triada/engine"
)

// An admin on a phone invites a colleague, creates a working group and
// adds her to it; the colleague sets her password through the link and
// signs in. Every page passes the accessibility audit and fits the phone;
// so do the invitation and consultation pages, with and without errors.
func TestBrowser_PeopleAndGroups(t *testing.T) {
	axe := mustAxe(t)
	f := MustServePages(t, PageOptions{})
	f.MustCreate(t, []byte(strings.ReplaceAll(inviteYAML, "ID", "kapacity")))
	f.mustUser(t, "spravce@obec.cz", engine.RoleAdmin)
	b := newTab(t, f, true)
	b.phone()
	b.signInAs("spravce@obec.cz")

	// Invite a colleague; a mistake first.
	b.submit(`a[href="/work/people"]`)
	b.wantPath("/work/people")
	b.check(axe, "people")
	b.typeIn("#name", "Jana Nováková")
	b.typeIn("#email", "jana@")
	b.submit(`form[action="/work/people"] button[type="submit"]`)
	b.check(axe, "people error")
	if got := b.value("#name"); got != "Jana Nováková" {
		t.Errorf("the name came back as %q", got)
	}
	b.clear("#email")
	b.typeIn("#email", "jana@obec.cz")
	b.choose("#role", "member")
	b.submit(`form[action="/work/people"] button[type="submit"]`)
	b.check(axe, "password link")
	link := b.value("#link")
	if !strings.Contains(link, "/password/trp_") {
		t.Fatalf("password link %q", link)
	}

	// A working group with her as member.
	b.open("/work/groups")
	b.check(axe, "groups")
	b.typeIn("#id", "seniori")
	b.typeIn("#name", "Senioři")
	b.typeIn("#tags", "seniori, pecujici")
	b.submit(`form[action="/work/groups"] button[type="submit"]`)
	b.wantPath("/work/groups/seniori?created=1")
	b.check(axe, "group")
	b.choose("#member", mustUserID(t, f, "jana@obec.cz"))
	b.submit(`form[action="/work/groups/seniori/members"] button[type="submit"]`)
	b.wantPath("/work/groups/seniori?added=1")
	if !b.is(`document.querySelector(".people-list").textContent.includes("jana@obec.cz")`) {
		t.Fatal("the member is not listed")
	}
	b.submit(`.people-list a`)
	b.check(axe, "remove member confirmation")
	b.open("/work/groups/seniori")

	// The other staff pages of this branch, once each.
	b.open("/work/questionnaires/kapacity/invitations")
	b.check(axe, "invitations")
	b.open("/work/consultations/new")
	b.check(axe, "new consultation")
	b.submit(`button[value="save"]`)
	b.check(axe, "new consultation errors")
	b.submit(`.staff-nav__signout button`)

	// She sets her password through the link and signs in.
	b.open(link[strings.Index(link, "/password/"):])
	b.check(axe, "set password")
	b.typeIn("#password", "krátké")
	b.typeIn("#confirm", "krátké")
	b.submit(`button[type="submit"]`)
	b.check(axe, "set password error")
	b.typeIn("#password", "moje dlouhé heslo") // a password never comes back
	b.typeIn("#confirm", "moje dlouhé heslo")
	b.submit(`button[type="submit"]`)
	b.wantPath("/signin")
	b.typeIn("#email", "jana@obec.cz")
	b.typeIn("#password", "moje dlouhé heslo")
	b.submit(`button[type="submit"]`)
	b.wantPath("/work")
	if !b.is(`document.body.textContent.includes("Senioři")`) {
		t.Error("the new member's workspace does not list her group")
	}

	// The widest pages (tables, long links) on the narrowest phone.
	b.submit(`.staff-nav__signout button`)
	b.signInAs("spravce@obec.cz")
	if _, err := chromedp.Call(b.ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
		Width: 320, Height: 640, DeviceScaleFactor: 2, Mobile: true}); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/work/people", "/work/groups/seniori", "/work/questionnaires/kapacity/invitations", "/work/consultations/new"} {
		b.open(path)
		if b.is(`document.documentElement.scrollWidth > document.documentElement.clientWidth`) {
			t.Errorf("%s scrolls sideways at 320 px", path)
		}
	}
	b.open("/work/people")
	b.submit(`a[href^="/work/people/"]`)
	b.submit(`form[action$="/reset"] button`)
	if b.is(`document.documentElement.scrollWidth > document.documentElement.clientWidth`) {
		t.Error("the page of a password link scrolls sideways at 320 px")
	}
}

// clear empties a field, as selecting all and deleting would.
func (b *tab) clear(css string) {
	b.tb.Helper()
	_ = b.str(`(document.querySelector(` + jsString(css) + `).value = "")`)
}

// choose selects the option with the value, as a keyboard would, and
// tells the page so.
func (b *tab) choose(css, value string) {
	b.tb.Helper()
	_ = b.str(`(() => { const s = document.querySelector(` + jsString(css) + `); s.value = ` + jsString(value) +
		`; s.dispatchEvent(new Event("change", {bubbles: true})); return s.value })()`)
	if got := b.value(css); got != value {
		b.tb.Fatalf("%s: chose %q, got %q", css, value, got)
	}
}
