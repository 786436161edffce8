package handlers

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/gin-gonic/gin"

	"github.com/triada-kpss/triada/demo"
	"github.com/triada-kpss/triada/engine"
	"github.com/triada-kpss/triada/forms/builtin"
)

// TestBrowser_EveryPage opens every HTML page that the handler answers a
// GET with, on a whole planning cycle (the demo's, plus what it lacks),
// as the person who uses it, and audits each with axe-core (zero
// violations) and on a 375 px phone (nothing to scroll sideways): in
// Czech, and the public pages also in Slovak and English. It fails for a
// GET route that is neither mapped to a page below nor excluded with its
// reason, so that a page added later cannot escape the audit.
func TestBrowser_EveryPage(t *testing.T) {
	axe := mustAxe(t)
	chromiumPath(t) // skip before seeding when there is no browser
	if testing.Short() {
		t.Skip("browser tests are not short")
	}
	start := time.Now()
	s := mustSeedEveryPage(t)
	t.Logf("seeded in %v", time.Since(start))

	// Every GET route is mapped or excluded, and nothing else is listed.
	mapped := map[string]bool{}
	for _, pg := range s.pages {
		mapped[pg.route] = true
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
			t.Errorf("GET %s is not audited: map it to a page of the seeded data in mustSeedEveryPage's pages (or, when it is no HTML page, exclude it with the reason in everyPageExcluded)", r.Path)
		}
	}
	for route := range mapped {
		if !routes[route] && route != everyPageNoRoute {
			t.Errorf("everyPageRoutes maps %s, which the handler does not register", route)
		}
	}
	for route := range everyPageExcluded {
		if !routes[route] {
			t.Errorf("everyPageExcluded lists %s, which the handler does not register", route)
		}
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
	// landing is where a route that only redirects leads: its page is the
	// one audited; "" for a page that answers itself.
	landing string
	status  int // the page's status; 200 when zero
}

// everyPageSeed is the seeded installation with its pages.
type everyPageSeed struct {
	f      *pageFixture
	routes gin.RoutesInfo
	pages  []everyPage
	invite string // the token of an invitation not yet answered
}

// everyPageShort is a one-page questionnaire the visitor submits, to
// reach its thank-you page.
const everyPageShort = `id: kratky
title: {cs: "Krátká anketa", sk: "Krátka anketa", en: "A short poll"}
audience: resident
pages:
  - questions:
      - id: x
        type: text
        text: {cs: "Co vám v obci chybí?", sk: "Čo vám v obci chýba?", en: "What does your village lack?"}
`

// everyPageClosed is a questionnaire whose time is over.
const everyPageClosed = `id: loni
title: {cs: "Loňská anketa", sk: "Minuloročná anketa", en: "Last year's poll"}
audience: resident
closes_at: 2026-12-01T00:00:00+01:00
pages:
  - questions:
      - id: x
        type: text
        text: {cs: "Co vám v obci chybí?", sk: "Čo vám v obci chýba?", en: "What does your village lack?"}
`

// A web address and an e-mail address as long as people type them: the
// pages that show them must still fit a phone.
const (
	everyPageLongURL   = "https://www.podhuri.example/dokumenty/komunitni-planovani/2024/analyza-potreb-obyvatel-seniori-a-osoby-se-zdravotnim-postizenim-konecna-verze.pdf"
	everyPageLongEmail = "marie.dlouha-nejdelsi-prijmeni@socialni-sluzby-mikroregionu-podhuri.example"
)

// mustSeedEveryPage loads the demo (with fewer residents) into the store
// of a fixture built as MustServePages builds it, and adds what the demo
// lacks: staff of each role, a member of a working group, a waiting
// catalogue draft, a failed e-mail, a pending invitation and password
// link, and a second consultation whose settlement is published.
func mustSeedEveryPage(tb testing.TB) *everyPageSeed {
	tb.Helper()
	ctx := context.Background()
	clk := &pageClock{now: time.Date(2027, 1, 15, 10, 0, 0, 0, time.UTC)}
	eng := engine.New(MustOpenStore(tb), engine.Options{Now: clk.Now})
	f := &pageFixture{eng: eng, clock: clk}
	if _, err := demo.Load(ctx, eng, demo.Options{Seed: 1, Residents: 120}); err != nil {
		tb.Fatalf("demo: %v", err)
	}
	f.MustCreate(tb, []byte(everyPageShort))
	f.MustCreate(tb, []byte(everyPageClosed))
	coord := f.mustUser(tb, everyPageCoordinator, engine.RoleCoordinator)
	admin := f.mustUser(tb, everyPageAdmin, engine.RoleAdmin)
	member := f.mustUser(tb, everyPageMember, engine.RoleMember)
	if _, err := eng.AddGroupMember(ctx, coord, "seniors", member.Email); err != nil {
		tb.Fatal(err)
	}
	must := func(err error) {
		tb.Helper()
		if err != nil {
			tb.Fatal(err)
		}
	}

	// An invitation not yet answered, and a person who has not set a
	// password yet.
	token, _, err := eng.CreateInvite(ctx, coord, builtin.CapacityQuestionnaireID, "novy@poskytovatel.example", "Nový poskytovatel – denní stacionář")
	must(err)
	invites, err := eng.ListInvites(ctx, coord, builtin.CapacityQuestionnaireID)
	must(err)
	var inviteHash string
	for _, inv := range invites {
		if inv.Email == "novy@poskytovatel.example" {
			inviteHash = inv.Hash
		}
	}
	passwordToken, newcomer, err := eng.InviteUser(ctx, admin, "nova.kolegyne@kazda-stranka.example", engine.RoleMember, "Nová kolegyně")
	must(err)

	// A catalogue draft waiting for the coordinator: a provider not yet
	// listed answers the capacity questionnaire.
	drafts, err := eng.ListCatalogueDrafts(ctx, coord, "")
	must(err)
	if len(drafts) == 0 {
		tb.Fatal("the demo left no catalogue draft: seed one")
	}
	ico := drafts[0].ICO

	// Comments of the demo's consultation; one assigned to the member's
	// group.
	long, err := eng.SubmitComment(ctx, demo.ConsultationID, engine.CommentInput{Section: "analyza",
		Text: "Analýza neuvádí zdroj; doplňte odkaz " + everyPageLongURL + " a kontakt " + everyPageLongEmail + ".",
		Author: engine.AuthorInput{Name: "Marie Dlouhá", Email: everyPageLongEmail, Municipality: "Horní Bukovina",
			Organisation: "Sdružení pečujících o osoby blízké v Mikroregionu Podhůří, z. s.", PublishName: true}})
	must(err)
	anyComment := long.ID
	comments, err := eng.ListComments(ctx, coord, demo.ConsultationID)
	must(err)
	var seniorsComment string
	for _, cm := range comments {
		if slices.Contains(cm.Groups, "seniors") {
			seniorsComment = cm.ID
		}
	}
	if seniorsComment == "" {
		tb.Fatal("no demo comment is assigned to the seniors")
	}

	// A consultation of the last plan, settled and published.
	opens := clk.Now().Add(-24 * time.Hour)
	_, err = eng.CreateConsultation(ctx, coord, engine.ConsultationInput{ID: "plan-2024", Title: "Komunitní plán 2024–2027 (návrh)",
		Sections: []engine.SectionInput{{ID: "uvod", Title: "Úvod", Text: "Plán navazuje na předchozí období."}},
		OpensAt:  opens, ClosesAt: opens.Add(48 * time.Hour)})
	must(err)
	settled := []struct {
		text, relevance, outcome, response string
	}{
		{"Prosíme o delší provozní dobu denního stacionáře.", engine.Relevant, "accepted", "Provozní dobu prodloužíme od září."},
		{"Opravte chodník u nádraží.", engine.NotRelevant, "", "Netýká se plánu; předáno odboru dopravy."},
		{"Podklady: " + everyPageLongURL, engine.Relevant, "partially_accepted", "Vycházíme z " + everyPageLongURL},
	}
	for _, sc := range settled {
		cm, err := eng.SubmitComment(ctx, "plan-2024", engine.CommentInput{Section: "uvod", Text: sc.text,
			Author: engine.AuthorInput{Name: "Eva Malá", Email: everyPageLongEmail, Municipality: "Olšany"}})
		must(err)
		tr := engine.TriageInput{Relevance: sc.relevance}
		if sc.relevance == engine.Relevant {
			tr.Groups = []string{"seniors"}
		} else {
			tr.Response = sc.response
		}
		_, err = eng.TriageComment(ctx, coord, cm.ID, tr)
		must(err)
		if sc.outcome != "" {
			_, err = eng.DecideComment(ctx, coord, cm.ID, engine.DecisionInput{Outcome: sc.outcome, Response: sc.response})
			must(err)
		}
	}
	// One whose period ended, its comment waiting for triage; one that
	// opens next month.
	_, err = eng.CreateConsultation(ctx, coord, engine.ConsultationInput{ID: "strategie-2027", Title: "Strategie bydlení 2027 (návrh)",
		Sections: []engine.SectionInput{{ID: "uvod", Title: "Úvod", Text: "Strategie navazuje na plán."}},
		OpensAt:  opens, ClosesAt: opens.Add(48 * time.Hour)})
	must(err)
	_, err = eng.SubmitComment(ctx, "strategie-2027", engine.CommentInput{Section: "uvod", Text: "Chybí sociální byty v Olšanech.",
		Author: engine.AuthorInput{Name: "Jan Dlouhý", Email: "jan.dlouhy@podhuri.example", Municipality: "Olšany"}})
	must(err)
	_, err = eng.CreateConsultation(ctx, coord, engine.ConsultationInput{ID: "doprava-2027", Title: "Plán dopravy ke službám (návrh)",
		Sections: []engine.SectionInput{{ID: "uvod", Title: "Úvod", Text: "Doprava ke službám z odlehlých obcí."}},
		OpensAt:  opens.AddDate(0, 1, 0), ClosesAt: opens.AddDate(0, 2, 0)})
	must(err)
	clk.Add(3 * 24 * time.Hour)
	_, err = eng.PublishConsultation(ctx, coord, "plan-2024")
	must(err)

	// The outbox: one message failed for good, the others sent.
	must(eng.QueueMail(ctx, engine.Mail{ID: "every-page:failed", To: "neexistuje@podhuri.example",
		Subject: "Potvrzení připomínky", Text: "…", Cause: "comment:every-page"}))
	claimed, err := eng.ClaimMail(ctx, "every-page", time.Minute, 1000)
	must(err)
	for _, m := range claimed {
		if m.ID == "every-page:failed" {
			must(eng.MailNotSent(ctx, m, &smtpRefusal{}, eng.Now(), true))
		} else {
			must(eng.MailSent(ctx, m))
		}
	}

	providers, err := eng.ListProviders(ctx, engine.ProviderQuery{})
	must(err)
	if len(providers) == 0 {
		tb.Fatal("the demo listed no provider")
	}
	provider := providers[0].ID

	h := New(eng, Options{Logger: quietLogger()})
	f.srv = httptest.NewServer(h)
	tb.Cleanup(f.srv.Close)

	cons := demo.ConsultationID
	needs := builtin.NeedsSurveyID
	capacity := builtin.CapacityQuestionnaireID
	co, mb, ad := everyPageCoordinator, everyPageMember, everyPageAdmin
	pages := []everyPage{
		// The public pages, anonymous.
		{route: "/", path: "/"},
		{route: "/accessibility", path: "/accessibility"},
		{route: "/privacy", path: "/privacy"},
		{route: "/signin", path: "/signin"},
		{route: "/password/:token", path: "/password/" + passwordToken},
		{route: "/providers", path: "/providers"},
		{route: "/providers/print", path: "/providers/print"},
		{route: "/providers/:id", path: "/providers/" + url.PathEscape(provider)},
		{route: "/q/:id", path: "/q/" + needs},
		{route: "/q/:id/page/:n", path: "/q/" + needs + "/page/1"},
		{route: "/q/:id/page/:n", path: "/q/" + needs + "/page/2"},
		{route: "/q/:id/saved", path: "/q/" + needs + "/saved"},
		{route: "/q/:id/resume", path: "resume", landing: "/q/" + needs + "/page/"},
		{route: "/q/:id/thanks", path: "/q/kratky/thanks"},
		{route: "/i/:token", path: "/i/" + token, landing: "/q/" + capacity},
		{route: "/q/:id/page/:n", path: "/q/" + capacity + "/page/1"},
		{route: "/c/:id", path: "/c/" + cons},
		{route: "/c/:id/comment", path: "/c/" + cons + "/comment"},
		{route: "/c/:id/s/:section/comment", path: "/c/" + cons + "/s/seniori/comment"},
		{route: "/c/:id/sent/:comment", path: "/c/" + cons + "/sent/" + url.PathEscape(anyComment)},
		{route: "/c/:id", path: "/c/plan-2024"},
		{route: "/c/:id/outcomes", path: "/c/plan-2024/outcomes"},
		{route: "/c/:id", path: "/c/strategie-2027"},
		{route: "/c/:id", path: "/c/doprava-2027"},
		// Their states and what people meet on the way.
		{route: everyPageNoRoute, path: "/nothing-here", status: http.StatusNotFound},
		{route: "/q/:id", path: "/q/nothing", status: http.StatusNotFound},
		{route: "/q/:id", path: "/q/loni", status: http.StatusConflict},
		{route: "/q/:id/page/:n", path: "/q/" + needs + "/page/1?check=1"},
		{route: "/q/:id/page/:n", path: "/q/" + needs + "/page/3"},
		{route: "/q/:id/page/:n", path: "/q/" + needs + "/page/4"},
		{route: "/q/:id/page/:n", path: "/q/" + capacity + "/page/2"},
		{route: "/q/:id/page/:n", path: "/q/" + capacity + "/page/3"},
		{route: "/q/:id/page/:n", path: "/q/" + capacity + "/page/4"},
		{route: "/q/:id/page/:n", path: "/q/" + capacity + "/page/5"},
		{route: "/q/:id/page/:n", path: "/q/" + capacity + "/page/5?check=1"},
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
		{route: "/work/questionnaires/:id/invitations/revoke", path: "/work/questionnaires/" + capacity + "/invitations/revoke?invite=" + url.QueryEscape(inviteHash), as: co},
		{route: "/work/reports", path: "/work/reports", as: co},
		{route: "/work/reports/q/:id", path: "/work/reports/q/" + needs, as: co},
		{route: "/work/reports/g/:group", path: "/work/reports/g/seniors", as: co},
		{route: "/work/providers", path: "/work/providers", as: co},
		{route: "/work/providers/:id/withdraw", path: "/work/providers/" + url.PathEscape(provider) + "/withdraw", as: co},
		{route: "/work/providers/drafts", path: "/work/providers/drafts", as: co},
		{route: "/work/providers/drafts/:ico", path: "/work/providers/drafts/" + ico, as: co},
		{route: "/work/groups", path: "/work/groups", as: co},
		{route: "/work/groups/:id", path: "/work/groups/seniors", as: co},
		{route: "/work/groups/:id/members/:user/remove", path: "/work/groups/seniors/members/" + url.PathEscape(member.ID) + "/remove", as: co},
		{route: "/work/consultations", path: "/work/consultations", as: co},
		{route: "/work/consultations/new", path: "/work/consultations/new", as: co},
		{route: "/work/consultations/:id/edit", path: "/work/consultations/" + cons + "/edit", as: co},
		{route: "/work/consultations/:id/comments", path: "/work/consultations/" + cons + "/comments", as: co},
		{route: "/work/consultations/:id/publish", path: "/work/consultations/" + cons + "/publish", as: co},
		{route: "/work/consultations/:id/publish", path: "/work/consultations/plan-2024/publish", as: co},
		{route: "/work/comments", path: "/work/comments", as: co},
		{route: "/work/comments/:id", path: "/work/comments/" + url.PathEscape(seniorsComment), as: co},
		{route: "/work/comments/:id", path: "/work/comments/" + url.PathEscape(anyComment), as: co},
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
		{route: "/work/groups/:id", path: "/work/groups/steering?added=1", as: co},
		{route: "/work/consultations/:id/edit", path: "/work/consultations/doprava-2027/edit?saved=1", as: co},
		{route: "/work/consultations/:id/comments", path: "/work/consultations/" + cons + "/comments?state=received", as: co},
		{route: "/work/consultations/:id/comments", path: "/work/consultations/plan-2024/comments", as: co},
		{route: "/work/consultations/:id/comments", path: "/work/consultations/strategie-2027/comments?triaged=1", as: co},
		{route: "/work/consultations/:id/publish", path: "/work/consultations/strategie-2027/publish", as: co},
		{route: "/work/comments", path: "/work/comments?state=decided&group=seniors", as: co},
		{route: "/work/comments/:id", path: "/work/comments/" + url.PathEscape(seniorsComment) + "?saved=1", as: co},
		{route: "/work/outbox", path: "/work/outbox?state=failed", as: co},
		{route: "/work/personal-data", path: "/work/personal-data", as: co},
		{route: "/work/personal-data", path: "/work/personal-data?email=" + url.QueryEscape("nikdo@podhuri.example") + "&erased=1&comments=2&mail=3", as: co},

		// A member of the seniors' working group.
		{route: "/work", path: "/work", as: mb},
		{route: "/work/comments", path: "/work/comments", as: mb},
		{route: "/work/comments/:id", path: "/work/comments/" + url.PathEscape(seniorsComment), as: mb},
		{route: "/work/consultations/:id/comments", path: "/work/consultations/" + cons + "/comments", as: mb},
		{route: "/work/reports", path: "/work/reports", as: mb},
		{route: "/work/reports/g/:group", path: "/work/reports/g/seniors", as: mb},
		{route: "/work/reports/g/:group", path: "/work/reports/g/seniors?questionnaire=" + capacity, as: mb},
		{route: "/work/outbox", path: "/work/outbox", as: mb, status: http.StatusForbidden},

		// The admin's pages of people.
		{route: "/work/people", path: "/work/people", as: ad},
		{route: "/work/people/:id", path: "/work/people/" + url.PathEscape(newcomer.ID), as: ad},
		{route: "/work/people/:id/remove", path: "/work/people/" + url.PathEscape(newcomer.ID) + "/remove", as: ad},
		{route: "/work/people", path: "/work/people?removed=1", as: ad},
		{route: "/work/people/:id", path: "/work/people/" + url.PathEscape(member.ID) + "?role=1", as: ad},
		{route: "/work", path: "/work", as: ad},
		{route: "/work/outbox", path: "/work/outbox", as: ad},
	}
	routes := h.(*gin.Engine).Routes()
	return &everyPageSeed{f: f, routes: routes, pages: pages, invite: token}
}

// prepareVisitor leaves in the anonymous browser what the personal
// pages need: a submitted short questionnaire, a saved draft of the
// needs survey, and the opened invitation of the token; it returns the
// draft's resume link (the path of the page "resume").
func prepareVisitor(b *tab, invite string) string {
	b.tb.Helper()
	b.open("/i/" + invite)
	b.wantPath("/q/" + builtin.CapacityQuestionnaireID)
	b.open("/q/kratky/page/1")
	b.submit(`button[value="submit"]`)
	b.wantPath("/q/kratky/thanks")
	b.open("/q/" + builtin.NeedsSurveyID + "/page/1")
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
	if pg.landing != "" && !strings.HasPrefix(b.path(), pg.landing) {
		b.tb.Errorf("%s (%s): landed on %s, want %s", name, path, b.path(), pg.landing)
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

// structure fails for what the pages' conventions ask beyond axe-core's
// rules (DESIGN.md, Web): one h1 per page; every table named by a
// caption (or aria-labelledby) and each of its header cells scoped;
// radio buttons, and check boxes that share a name, grouped in a
// fieldset with a legend (or a group that aria-labelledby names).
func (b *tab) structure(name string) {
	b.tb.Helper()
	var problems []string
	b.eval(`(() => {
		const out = [];
		const text = e => (e?.textContent ?? "").trim();
		const h1 = document.querySelectorAll("h1").length;
		if (h1 !== 1) out.push(h1 + " h1 headings, want one");
		for (const t of document.querySelectorAll("table")) {
			const by = t.getAttribute("aria-labelledby");
			if (!text(t.caption) && !(by && text(document.getElementById(by))) && !t.getAttribute("aria-label")) {
				out.push("a table without a caption: " + t.outerHTML.slice(0, 120));
			}
			for (const th of t.querySelectorAll("th")) {
				if (!["col", "row", "colgroup", "rowgroup"].includes(th.getAttribute("scope"))) {
					out.push("a header cell without scope: " + th.outerHTML.slice(0, 120));
				}
			}
		}
		for (const i of document.querySelectorAll("input[type=radio], input[type=checkbox]")) {
			if (i.type === "checkbox" && document.querySelectorAll("input[type=checkbox][name=" + CSS.escape(i.name) + "]").length < 2) continue;
			const fs = i.closest("fieldset");
			if (fs && text(fs.querySelector(":scope > legend"))) continue;
			const g = i.closest("[role=radiogroup], [role=group]");
			const by = g?.getAttribute("aria-labelledby");
			if (g && (g.getAttribute("aria-label") || (by && text(document.getElementById(by))))) continue;
			out.push("the choices of " + i.name + " are in no fieldset with a legend");
		}
		return [...new Set(out)];
	})()`, &problems)
	for _, p := range problems {
		b.tb.Errorf("%s (%s): %s", name, b.path(), p)
	}
}

// focusVisible fails for an element that takes keyboard focus and does
// not look different when it has it (DESIGN.md: visible focus), one
// element per kind (tag and classes). The look compared is the
// element's and that of the label after it (the check boxes and radio
// buttons draw theirs), pseudo-elements included.
func (b *tab) focusVisible(name string) {
	b.tb.Helper()
	var unseen []string
	b.eval(`(() => {
		const props = ["outline-style", "outline-color", "outline-width", "box-shadow", "background-color", "color", "text-decoration-line", "border-color"];
		const look = e => !e ? "" : [null, "::before", "::after"].map(p => {
			const cs = getComputedStyle(e, p);
			return props.map(k => cs.getPropertyValue(k)).join("|");
		}).join("/");
		const looks = e => look(e) + "#" + look(e.labels?.[0]);
		const seen = new Set(), out = [];
		const focusable = "a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex='-1'])";
		for (const e of document.querySelectorAll(focusable)) {
			if (e.disabled || e.getClientRects().length === 0 && !e.matches(".skip-link, .choice__input")) continue;
			const kind = e.tagName + "." + [...e.classList].sort().join(".") + (e.type ? "[" + e.type + "]" : "");
			if (seen.has(kind)) continue;
			seen.add(kind);
			const before = looks(e);
			e.focus({focusVisible: true});
			if (document.activeElement !== e) continue;
			const after = looks(e);
			e.blur();
			if (before === after) out.push(kind + ": " + e.outerHTML.slice(0, 100));
		}
		return out;
	})()`, &unseen)
	for _, e := range unseen {
		b.tb.Errorf("%s (%s): no visible focus on %s", name, b.path(), e)
	}
}
