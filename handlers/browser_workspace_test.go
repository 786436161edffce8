package handlers

import (
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/triada-kpss/triada/engine"
)

// TestBrowser_Workspace starts from an empty installation: a coordinator
// signs in on a phone, uploads a questionnaire with an error, fixes it
// on its line, previews it, opens it, finds it on the dashboard, adds a
// working group and a member, creates a consultation, and finds all of
// it in the audit log. Every page passes the accessibility audit and none
// scrolls sideways.
func TestBrowser_Workspace(t *testing.T) {
	axe := mustAxe(t)
	clk := &pageClock{now: time.Date(2027, 1, 15, 10, 0, 0, 0, time.UTC)}
	eng := engine.New(MustOpenStore(t), engine.Options{Now: clk.Now})
	f := &pageFixture{eng: eng, clock: clk}
	f.srv = httptest.NewServer(New(eng, Options{Logger: quietLogger()}))
	t.Cleanup(f.srv.Close)
	f.mustUser(t, "koordinatorka@slany.cz", engine.RoleCoordinator)
	file := filepath.Join(t.TempDir(), "pruzkum.yaml")
	if err := os.WriteFile(file, []byte(badYAML), 0o600); err != nil {
		t.Fatal(err)
	}

	b := newTab(t, f, true)
	b.phone()
	b.open("/work")
	b.typeIn("#email", "koordinatorka@slany.cz")
	b.typeIn("#password", staffPassword)
	b.submit(`button[type="submit"]`)
	b.wantPath("/work")
	b.check(axe, "empty dashboard")
	b.submit(`.staff-nav a[href="/work/questionnaires"]`)
	b.check(axe, "no questionnaires")
	b.submit(`a[href="/work/questionnaires/new"]`)
	b.check(axe, "new questionnaire")

	// The upload has an error: it comes back against its line, with the text kept.
	b.do(chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{file}))
	b.submit(`button[value="save"]`)
	b.check(axe, "definition with an error")
	if !b.is(`(() => { const p = document.querySelector('.qs-problem:not(.qs-problem--warning)'); return p.querySelector('.qs-problem__line').textContent == 'Řádek 8:' && p.querySelector('pre').textContent == '        type: choise' })()`) {
		t.Fatalf("the error is not shown against line 8: %s", b.str(`(() => { const e = document.querySelector('.qs-problem:not(.qs-problem--warning) pre'); return e ? e.outerHTML + ' ' + JSON.stringify(e.getBoundingClientRect()) + getComputedStyle(e).display : 'no pre' })()`))
	}
	text := b.value("#definition")
	if text != badYAML {
		t.Fatalf("the text area holds %q, want the uploaded text", text)
	}
	// Fix the word on its line, as a person would.
	at := strings.Index(text, "choise")
	b.eval(`(() => { const el = document.querySelector('#definition'); el.focus(); el.setSelectionRange(`+
		itoa(len([]rune(text[:at])))+`, `+itoa(len([]rune(text[:at]))+6)+`); return true })()`, new(bool))
	b.typeIn("#definition", "choice")
	b.submit(`button[value="save"]`)
	b.wantPath("/work/questionnaires/ws-2027?saved=1")
	b.check(axe, "saved questionnaire")

	b.submit(`a[href="/work/questionnaires/ws-2027/preview/1"]`)
	b.check(axe, "preview")
	if !b.shown(".preview-notice") {
		t.Error("the preview does not say that nothing is saved")
	}
	b.submit(`button[value="next"]`)
	b.check(axe, "preview with an error")
	// Without a window it would take responses at once: schedule it, then open it early.
	b.open("/work/questionnaires/ws-2027")
	b.eval(`document.querySelector('#opens_at').value = '2027-02-01T08:00', true`, new(bool))
	b.submit(`form[action$="/window"] button[type="submit"]`)
	b.wantPath("/work/questionnaires/ws-2027?saved=1")
	if !b.is(`document.querySelector('.qs-window').innerText.includes('Naplánovaný')`) {
		t.Fatal("the questionnaire is not scheduled after setting its window")
	}
	b.submit(`a[href="/work/questionnaires/ws-2027/open"]`)
	b.check(axe, "confirm opening")
	b.submit(`main button[type="submit"]`)
	b.wantPath("/work/questionnaires/ws-2027?saved=1")
	if !b.is(`document.querySelector('.qs-window').innerText.includes('Otevřený')`) {
		t.Error("the questionnaire is not open after opening it")
	}

	b.submit(`.staff-nav a[href="/work"]`)
	b.check(axe, "dashboard")
	if !b.is(`document.querySelector('main').innerText.includes('Průzkum ve Slaném')`) {
		t.Error("the dashboard does not list the open questionnaire")
	}
	// A working group for the seniors, with a member who already has an
	// account (an admin invites people: see TestBrowser_PeopleAndGroups).
	f.mustUser(t, "clen@slany.cz", engine.RoleMember)
	b.submit(`.staff-nav a[href="/work/groups"]`)
	b.check(axe, "no groups")
	b.typeIn("#id", "seniori")
	b.typeIn("#name", "Senioři")
	b.typeIn("#tags", "seniors")
	b.submit(`form[action="/work/groups"] button[type="submit"]`)
	b.wantPath("/work/groups/seniori?created=1")
	b.check(axe, "new group")
	b.do(chromedp.SetValue(chromedp.CSS("#member"), b.str(`document.querySelector('#member option:nth-child(2)').value`)))
	b.submit(`form[action="/work/groups/seniori/members"] button[type="submit"]`)
	b.wantPath("/work/groups/seniori?added=1")
	if !b.is(`document.querySelector('main').innerText.includes('clen@slany.cz')`) {
		t.Error("the group does not list its new member")
	}

	// The comment period on the draft plan, in March.
	b.submit(`.staff-nav a[href="/work/consultations"]`)
	b.check(axe, "no consultations")
	b.submit(`a[href="/work/consultations/new"]`)
	b.check(axe, "new consultation")
	b.typeIn("#id", "plan-2027")
	b.typeIn("#title", "Komunitní plán Slaný 2027–2030")
	b.eval(`document.querySelector('#opens_at').value = '2027-03-01T00:00', document.querySelector('#closes_at').value = '2027-03-31T23:59', true`, new(bool))
	b.typeIn("#sections-0-id", "seniori")
	b.typeIn("#sections-0-title", "Senioři")
	b.typeIn("#sections-0-text", "Rozšíříme **odlehčovací službu**.")
	b.submit(`button[name="op"][value="save"]`)
	b.wantPath("/work/consultations/plan-2027/edit?saved=1")
	b.check(axe, "saved consultation")
	b.open("/c/plan-2027")
	if !b.is(`document.querySelector('main strong') && document.querySelector('main strong').textContent == 'odlehčovací službu'`) {
		t.Error("the public draft does not show the section's formatting")
	}

	b.open("/work/audit")
	b.check(axe, "audit log")
	log := b.str(`document.querySelector('main').innerText`)
	for _, want := range []string{"POST /work/questionnaires/:id/open", "id=ws-2027", "POST /work/questionnaires", "Přihlášení",
		"POST /work/groups", "POST /work/groups/:id/members", "id=seniori", "POST /work/consultations/new"} {
		if !strings.Contains(log, want) {
			t.Errorf("the audit log lacks %q:\n%s", want, log)
		}
	}
	if f.countResponses(t, "ws-2027") != 0 {
		t.Error("the preview stored a response")
	}
}
