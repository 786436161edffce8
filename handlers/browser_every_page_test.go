package handlers

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/triada-kpss/triada/demo"
	"github.com/triada-kpss/triada/forms/builtin"
)

// TestBrowser_EveryPage opens every HTML page that the handler answers a
// GET with, on a whole planning cycle (the demo's, plus what it lacks),
// as the person who uses it, and audits each with axe-core (zero
// violations, and the checks of browser_every_page_checks_test.go) and on
// a 375 px phone (nothing to scroll sideways): in Czech, and the public
// pages also in Slovak and English. It fails for a GET route that is
// neither mapped to a page (everyPages) nor excluded with its reason
// (everyPageExcluded), so that a page added later cannot escape the
// audit; that check runs first, also without a browser and in -short.
func TestBrowser_EveryPage(t *testing.T) {
	start := time.Now()
	s := mustSeedEveryPage(t)
	t.Logf("seeded in %v", time.Since(start))

	// Every GET route is mapped or excluded, and nothing else is listed.
	mapped := map[string]bool{}
	for _, pg := range s.pages {
		if pg.route != everyPageNoRoute {
			mapped[pg.route] = true
		}
	}
	routes := map[string]bool{}
	for _, r := range s.routes {
		if r.Method != http.MethodGet {
			continue
		}
		routes[r.Path] = true
		_, excluded := everyPageExcluded[r.Path]
		switch {
		case mapped[r.Path] && excluded:
			t.Errorf("GET %s is both audited and excluded: drop it from everyPageExcluded", r.Path)
		case mapped[r.Path], excluded, strings.HasPrefix(r.Path, everyPageAPI):
		default:
			t.Errorf("GET %s is not audited: map it to a page of the seeded data in everyPages (or, when it is no HTML page, exclude it with the reason in everyPageExcluded)", r.Path)
		}
	}
	for route := range mapped {
		if !routes[route] {
			t.Errorf("everyPages maps %s, which the handler does not register", route)
		}
	}
	for route := range everyPageExcluded {
		if !routes[route] {
			t.Errorf("everyPageExcluded lists %s, which the handler does not register", route)
		}
	}

	axe := mustAxe(t)
	chromiumPath(t)
	if testing.Short() {
		t.Skip("browser tests are not short")
	}

	api := 0
	for route := range routes {
		if strings.HasPrefix(route, everyPageAPI) {
			api++
		}
	}
	var audits atomic.Int64
	t.Cleanup(func() {
		t.Logf("%d GET routes: %d audited on %d pages (%d audits), %d excluded, %d of the API", len(routes), len(mapped), len(s.pages), audits.Load(),
			len(everyPageExcluded), api)
	})

	// One browser per person and language, and per batch of at most
	// everyPageBatch pages, as many at once as -parallel allows: the
	// visitor in each language, staff in Czech.
	people := []struct{ name, who string }{
		{"coordinator", everyPageCoordinator}, {"visitor", ""}, {"member", everyPageMember}, {"admin", everyPageAdmin},
	}
	for _, person := range people {
		var theirs []everyPage
		for _, pg := range s.pages {
			if pg.as == person.who {
				theirs = append(theirs, pg)
			}
		}
		langs := []string{""}
		if person.who == "" {
			langs = []string{"cs", "sk", "en"}
		}
		for _, lang := range langs {
			batches := (len(theirs) + everyPageBatch - 1) / everyPageBatch
			size := (len(theirs) + batches - 1) / batches
			for i, batch := 0, theirs; len(batch) > 0; i++ {
				n := min(len(batch), size)
				pages := batch[:n]
				batch = batch[n:]
				name := person.name + " " + strconv.Itoa(i+1)
				if lang != "" {
					name += " in " + lang
				}
				t.Run(name, func(t *testing.T) {
					t.Parallel()
					b := newTab(t, s.f, true)
					resume := ""
					if person.who != "" {
						b.signInAs(person.who)
					} else {
						resume = prepareVisitor(b, s.invite)
					}
					for _, pg := range pages {
						if pg.path == "resume" {
							pg.path = resume
						}
						b.auditPage(axe, pg, lang)
						audits.Add(1)
					}
				})
			}
		}
	}
}

// everyPageBatch is how many pages one browser audits at most: the
// coordinator's pages take two, so that they do not hold up the others.
const everyPageBatch = 45

// everyPageNoRoute stands for the page of an address no route answers
// (gin's NoRoute: 404).
const everyPageNoRoute = "(no route)"

// everyPageAPI is the prefix of the JSON API (CONTRACT.md): no HTML page
// is under it, and its own tests (contract_test.go) cover it.
const everyPageAPI = "/api/v1/"

// everyPageExcluded are the GET routes that answer no HTML page, each
// with the reason.
var everyPageExcluded = map[string]string{
	"/healthz":                 "the health check: plain text for load balancers",
	"/static/:name":            "style sheet, script and icons the pages load",
	"/providers.csv":           "open data of the catalogue: a CSV download",
	"/providers.json":          "open data of the catalogue: JSON",
	"/codelists.json":          "the code lists as JSON",
	"/c/:id/outcomes.csv":      "the published settlement as a CSV download",
	"/c/:id/outcomes.xlsx":     "the published settlement as an XLSX download",
	"/work/audit.csv":          "the audit log as a CSV download",
	"/work/personal-data.json": "a person's data as a JSON download",
}

// The people who open the pages; the visitor is anonymous ("").
const (
	everyPageCoordinator = "koordinator@kazda-stranka.example"
	everyPageMember      = "clen@kazda-stranka.example"
	everyPageAdmin       = "spravce@kazda-stranka.example"
)

// everyPage is one page of the sweep.
type everyPage struct {
	route string // the route's pattern, as gin lists it
	path  string // its address in the seeded data
	as    string // who opens it: "" anonymous, or a staff e-mail
	// landing is where a route that only redirects leads (a prefix of
	// the path): its page is the one audited; "" for a page that answers
	// itself, which must not redirect.
	landing string
	status  int // the page's status; 200 when zero
}

// everyPages maps the routes to addresses of the seeded data, and says
// who opens each. A route may have several pages (its states); the
// visitor's (as "") are opened in Czech, Slovak and English.
func everyPages(d everyPageData) []everyPage {
	cons := demo.ConsultationID
	needs := builtin.NeedsSurveyID
	capacity := builtin.CapacityQuestionnaireID
	co, mb, ad := everyPageCoordinator, everyPageMember, everyPageAdmin
	return []everyPage{
		// The public pages, anonymous.
		{route: "/", path: "/"},
		{route: "/accessibility", path: "/accessibility"},
		{route: "/privacy", path: "/privacy"},
		{route: "/signin", path: "/signin"},
		{route: "/password/:token", path: "/password/" + d.passwordToken},
		{route: "/providers", path: "/providers"},
		{route: "/providers/print", path: "/providers/print"},
		{route: "/providers/:id", path: "/providers/" + url.PathEscape(d.provider)},
		{route: "/q/:id", path: "/q/" + needs},
		{route: "/q/:id/page/:n", path: "/q/" + needs + "/page/1"},
		{route: "/q/:id/page/:n", path: "/q/" + needs + "/page/2"},
		{route: "/q/:id/saved", path: "/q/" + needs + "/saved"},
		{route: "/q/:id/resume", path: "resume", landing: "/q/" + needs + "/page/"},
		{route: "/q/:id/thanks", path: "/q/kratky/thanks"},
		{route: "/i/:token", path: "/i/" + d.answeredToken, landing: "/q/" + capacity},
		{route: "/q/:id/page/:n", path: "/q/" + capacity + "/page/1"},
		{route: "/c/:id", path: "/c/" + cons},
		{route: "/c/:id/comment", path: "/c/" + cons + "/comment"},
		{route: "/c/:id/s/:section/comment", path: "/c/" + cons + "/s/seniori/comment"},
		{route: "/c/:id/sent/:comment", path: "/c/" + cons + "/sent/" + url.PathEscape(d.anyComment)},
		{route: "/c/:id", path: "/c/plan-2024"},
		{route: "/c/:id/outcomes", path: "/c/plan-2024/outcomes"},
		{route: "/c/:id", path: "/c/strategie-2027"},
		{route: "/c/:id", path: "/c/doprava-2027"},
		// Their states and what people meet on the way.
		{route: everyPageNoRoute, path: "/nothing-here", status: http.StatusNotFound},
		{route: "/q/:id", path: "/q/nothing", status: http.StatusNotFound},
		{route: "/q/:id", path: "/q/%FF", status: http.StatusBadRequest}, // an address that is no UTF-8 text
		{route: "/q/:id", path: "/q/loni", status: http.StatusConflict},
		{route: "/q/:id/page/:n", path: "/q/all-types/page/1?check=1"}, // the errors of a page
		{route: "/q/:id/page/:n", path: "/q/" + needs + "/page/3"},
		{route: "/q/:id/page/:n", path: "/q/" + needs + "/page/4"},
		{route: "/q/:id/page/:n", path: "/q/" + capacity + "/page/2"},
		{route: "/q/:id/page/:n", path: "/q/" + capacity + "/page/3"},
		{route: "/q/:id/page/:n", path: "/q/" + capacity + "/page/4"},
		{route: "/q/:id/page/:n", path: "/q/" + capacity + "/page/5"},
		{route: "/i/:token", path: "/i/nothing", status: http.StatusNotFound},
		{route: "/password/:token", path: "/password/trp_nothing", status: http.StatusNotFound},
		{route: "/signin", path: "/signin?signed_out=1"},
		{route: "/providers", path: "/providers?q=" + url.QueryEscape("pečovatelská")},
		{route: "/providers", path: "/providers?q=nikdenic"},
		{route: "/c/:id/comment", path: "/c/strategie-2027/comment", status: http.StatusConflict},

		// The coordinator's workspace.
		{route: "/work", path: "/work", as: co},
		{route: "/work/audit", path: "/work/audit", as: co},
		{route: "/work/questionnaires", path: "/work/questionnaires", as: co},
		{route: "/work/questionnaires/new", path: "/work/questionnaires/new", as: co},
		{route: "/work/questionnaires/:id", path: "/work/questionnaires/" + needs, as: co},
		{route: "/work/questionnaires/:id/open", path: "/work/questionnaires/kratky/open", as: co},
		{route: "/work/questionnaires/:id/close", path: "/work/questionnaires/" + needs + "/close", as: co},
		{route: "/work/questionnaires/:id/copy", path: "/work/questionnaires/" + needs + "/copy", as: co},
		{route: "/work/questionnaires/:id/preview/:n", path: "/work/questionnaires/" + needs + "/preview/1", as: co},
		{route: "/work/questionnaires/:id/text/:qid", path: "/work/questionnaires/" + needs + "/text/remarks", as: co},
		{route: "/work/questionnaires/:id/invitations", path: "/work/questionnaires/" + capacity + "/invitations", as: co},
		{route: "/work/questionnaires/:id/invitations/revoke", path: "/work/questionnaires/" + capacity + "/invitations/revoke?invite=" + url.QueryEscape(d.inviteHash), as: co},
		{route: "/work/reports", path: "/work/reports", as: co},
		{route: "/work/reports/q/:id", path: "/work/reports/q/" + needs, as: co},
		{route: "/work/reports/g/:group", path: "/work/reports/g/seniors", as: co},
		{route: "/work/providers", path: "/work/providers", as: co},
		{route: "/work/providers/:id/withdraw", path: "/work/providers/" + url.PathEscape(d.provider) + "/withdraw", as: co},
		{route: "/work/providers/drafts", path: "/work/providers/drafts", as: co},
		{route: "/work/providers/drafts/:ico", path: "/work/providers/drafts/" + d.pendingICO, as: co},
		{route: "/work/groups", path: "/work/groups", as: co},
		{route: "/work/groups/:id", path: "/work/groups/seniors", as: co},
		{route: "/work/groups/:id/members/:user/remove", path: "/work/groups/seniors/members/" + url.PathEscape(d.memberID) + "/remove", as: co},
		{route: "/work/consultations", path: "/work/consultations", as: co},
		{route: "/work/consultations/new", path: "/work/consultations/new", as: co},
		{route: "/work/consultations/:id/edit", path: "/work/consultations/" + cons + "/edit", as: co},
		{route: "/work/consultations/:id/comments", path: "/work/consultations/" + cons + "/comments", as: co},
		{route: "/work/consultations/:id/publish", path: "/work/consultations/" + cons + "/publish", as: co},
		{route: "/work/consultations/:id/publish", path: "/work/consultations/plan-2024/publish", as: co},
		{route: "/work/comments", path: "/work/comments", as: co},
		{route: "/work/comments/:id", path: "/work/comments/" + url.PathEscape(d.seniorsComment), as: co},
		{route: "/work/comments/:id", path: "/work/comments/" + url.PathEscape(d.anyComment), as: co},
		{route: "/work/outbox", path: "/work/outbox", as: co},
		{route: "/work/personal-data", path: "/work/personal-data?email=" + url.QueryEscape(everyPageLongEmail), as: co},
		{route: "/work/personal-data/erase", path: "/work/personal-data/erase?email=" + url.QueryEscape("vera.kolarova@podhuri.example"), as: co},
		// Their states: filters, other records, the notes after an action.
		{route: "/work/audit", path: "/work/audit?page=2", as: co},
		{route: "/work/audit", path: "/work/audit?action=comment.triage&email=" + url.QueryEscape(everyPageCoordinator), as: co},
		{route: "/work/questionnaires/:id", path: "/work/questionnaires/" + capacity + "?saved=1", as: co},
		{route: "/work/questionnaires/:id/open", path: "/work/questionnaires/loni/open", as: co},
		{route: "/work/questionnaires/:id/preview/:n", path: "/work/questionnaires/" + capacity + "/preview/2", as: co},
		{route: "/work/questionnaires/:id/preview/:n", path: "/work/questionnaires/" + needs + "/preview/4", as: co},
		{route: "/work/questionnaires/:id/text/:qid", path: "/work/questionnaires/" + needs + "/text/remarks?search=" + url.QueryEscape("služ"), as: co},
		{route: "/work/questionnaires/:id/invitations", path: "/work/questionnaires/" + capacity + "/invitations?revoked=1", as: co},
		{route: "/work/reports/q/:id", path: "/work/reports/q/" + capacity + "?segment=service_form", as: co},
		{route: "/work/reports/q/:id", path: "/work/reports/q/" + needs + "?print=1&filter=age_band:65_79", as: co},
		{route: "/work/reports/g/:group", path: "/work/reports/g/seniors?questionnaire=" + needs, as: co},
		{route: "/work/providers", path: "/work/providers?done=withdrawn", as: co},
		{route: "/work/providers/drafts", path: "/work/providers/drafts?state=returned", as: co},
		{route: "/work/providers/drafts/:ico", path: "/work/providers/drafts/" + d.returnedICO, as: co},
		{route: "/work/groups/:id", path: "/work/groups/steering?added=1", as: co},
		{route: "/work/consultations/:id/edit", path: "/work/consultations/doprava-2027/edit?saved=1", as: co},
		{route: "/work/consultations/:id/comments", path: "/work/consultations/" + cons + "/comments?state=received", as: co},
		{route: "/work/consultations/:id/comments", path: "/work/consultations/plan-2024/comments", as: co},
		{route: "/work/consultations/:id/comments", path: "/work/consultations/strategie-2027/comments?triaged=1", as: co},
		{route: "/work/consultations/:id/publish", path: "/work/consultations/strategie-2027/publish", as: co},
		{route: "/work/comments", path: "/work/comments?state=decided&group=seniors", as: co},
		{route: "/work/comments/:id", path: "/work/comments/" + url.PathEscape(d.seniorsComment) + "?saved=1", as: co},
		{route: "/work/outbox", path: "/work/outbox?state=failed", as: co},
		{route: "/work/personal-data", path: "/work/personal-data", as: co},
		{route: "/work/personal-data", path: "/work/personal-data?email=" + url.QueryEscape("nikdo@podhuri.example") + "&erased=1&comments=2&mail=3", as: co},

		// A member of the seniors' working group.
		{route: "/work", path: "/work", as: mb},
		{route: "/work/comments", path: "/work/comments", as: mb},
		{route: "/work/comments/:id", path: "/work/comments/" + url.PathEscape(d.seniorsComment), as: mb},
		{route: "/work/consultations/:id/comments", path: "/work/consultations/" + cons + "/comments", as: mb},
		{route: "/work/reports", path: "/work/reports", as: mb},
		{route: "/work/reports/g/:group", path: "/work/reports/g/seniors", as: mb},
		{route: "/work/reports/g/:group", path: "/work/reports/g/seniors?questionnaire=" + capacity, as: mb},
		{route: "/work/reports/q/:id", path: "/work/reports/q/" + needs, as: mb},
		{route: "/work/questionnaires/:id/text/:qid", path: "/work/questionnaires/" + needs + "/text/remarks", as: mb},
		{route: "/work/outbox", path: "/work/outbox", as: mb, status: http.StatusForbidden},

		// The admin's pages of people.
		{route: "/work/people", path: "/work/people", as: ad},
		{route: "/work/people/:id", path: "/work/people/" + url.PathEscape(d.newcomerID), as: ad},
		{route: "/work/people/:id/remove", path: "/work/people/" + url.PathEscape(d.newcomerID) + "/remove", as: ad},
		{route: "/work/people", path: "/work/people?removed=1", as: ad},
		{route: "/work/people/:id", path: "/work/people/" + url.PathEscape(d.memberID) + "?role=1", as: ad},
		{route: "/work", path: "/work", as: ad},
		{route: "/work/outbox", path: "/work/outbox", as: ad},
	}
}

// prepareVisitor leaves in the anonymous browser what the personal
// pages need: a submitted short questionnaire, a saved draft of the
// needs survey, and the opened link of the answered invitation (whose
// answers the provider's form pages show); it returns the draft's resume
// link (the path of the page "resume").
func prepareVisitor(b *tab, invite string) string {
	b.tb.Helper()
	b.open("/i/" + invite)
	b.wantPath("/q/" + builtin.CapacityQuestionnaireID)
	b.open("/q/kratky/page/1")
	b.submit(`button[value="submit"]`)
	b.wantPath("/q/kratky/thanks")
	// The needs survey filled to its last page (as TestBrowser_Accessibility
	// fills it), so that every page opens, and saved there.
	b.open("/q/" + builtin.NeedsSurveyID + "/page/1")
	b.click(option("municipality", "zalesi"))
	b.click(option("age_band", "30_44"))
	b.submit(`button[value="next"]`)
	b.click(option("uses_services", "yes"))
	b.click(option("satisfaction", "1"))
	b.submit(`button[value="next"]`)
	b.submit(`button[value="next"]`)
	b.wantPath("/q/" + builtin.NeedsSurveyID + "/page/4")
	b.submit(`button[value="save"]`)
	b.wantPath("/q/" + builtin.NeedsSurveyID + "/saved")
	resume := b.str(`[...document.querySelectorAll("input, a")].map(e => e.value || e.href || "").find(v => v.includes("/resume?token=")) ?? ""`)
	i := strings.Index(resume, "/q/")
	if i < 0 {
		b.tb.Fatalf("the saved page shows no resume link: %.1500s", b.str(`document.body.innerText`))
	}
	return resume[i:]
}

// auditPage opens the page as the tab's person, in lang ("" for the
// browser's Czech), checks its status and where it landed, audits it and
// checks it on a phone.
func (b *tab) auditPage(axe []byte, pg everyPage, lang string) {
	b.tb.Helper()
	path := pg.path
	if lang != "" {
		sep := "?"
		if strings.Contains(path, "?") {
			sep = "&"
		}
		path += sep + "lang=" + lang
	}
	name := pg.route
	if pg.as != "" {
		name += " as " + pg.as[:strings.Index(pg.as, "@")]
	}
	if lang != "" {
		name += " in " + lang
	}
	b.open(path)
	want := pg.status
	if want == 0 {
		want = http.StatusOK
	}
	var status int
	b.eval(`performance.getEntriesByType("navigation")[0]?.responseStatus ?? 0`, &status)
	if status != want {
		b.tb.Errorf("%s (%s): status %d, want %d; page: %.600s", name, path, status, want, b.str(`document.body?.innerText ?? ""`))
		return
	}
	if got := b.path(); pg.landing != "" && !strings.HasPrefix(got, pg.landing) || pg.landing == "" && got != path {
		b.tb.Errorf("%s (%s): landed on %s; page: %.300s", name, path, got, b.str(`document.body?.innerText ?? ""`))
		return
	}
	if lang != "" {
		if got := b.str(`document.documentElement.lang`); got != lang {
			b.tb.Errorf("%s (%s): the page's language is %q, want %q", name, path, got, lang)
		}
	}
	b.audit(axe, name)
	b.structure(name)
	b.focusVisible(name)
	b.phone()
	b.fits(name)
	if _, err := chromedp.Call(b.ctx, emulation.ClearDeviceMetricsOverride, cdp.Empty{}); err != nil {
		b.tb.Fatal(err)
	}
}
