package handlers

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/triada-kpss/triada/demo"
	"github.com/triada-kpss/triada/engine"
	"github.com/triada-kpss/triada/forms/builtin"
)

// The installation TestBrowser_EveryPage audits: the demo's planning
// cycle, and what the demo lacks for some pages.

// everyPageSeed is the seeded installation on its test server, with the
// handler's routes and the pages to audit.
type everyPageSeed struct {
	f      *pageFixture
	routes gin.RoutesInfo
	pages  []everyPage
	invite string // the token of an invitation answered (everyPageData.answeredToken)
}

// everyPageData are the ids and secrets of the seeded records that the
// pages' addresses name.
type everyPageData struct {
	passwordToken, inviteToken, inviteHash string
	answeredToken                          string // an invitation answered: its link opens the answers
	pendingICO, returnedICO                string // catalogue drafts waiting for the coordinator, and returned
	seniorsComment                         string // a comment assigned to the member's group
	anyComment                             string // a comment on the demo's consultation, with long addresses
	provider                               string // a provider in the catalogue
	memberID, newcomerID                   string // the member; a person without a password yet
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

// mustSeedEveryPage loads the demo (with 120 residents instead of 1,200:
// the pages are the same, the load shorter) into the store of a fixture
// built as MustServePages builds it (with its questionnaire of every
// type of question), adds what the demo lacks, and serves it: staff of each role, a member of a working group, a returned
// catalogue draft, a failed e-mail, an invitation and a password link
// not used yet, a closed and a scheduled consultation, and one whose
// settlement is published.
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
	allTypes, err := os.ReadFile("testdata/all-types.yaml")
	mustDo(tb, err)
	f.MustCreate(tb, allTypes)
	coord := f.mustUser(tb, everyPageCoordinator, engine.RoleCoordinator)
	var d everyPageData
	f.seedEveryPagePeople(tb, coord, &d)
	f.seedEveryPageCatalogue(tb, coord, &d)
	f.seedEveryPageComments(tb, coord, &d)
	f.seedEveryPageConsultations(tb, coord)
	f.seedEveryPageOutbox(tb)

	// As an installation is run: the operator and its contact named on
	// the accessibility statement and the privacy page.
	h := New(eng, Options{Logger: quietLogger(), Pages: PageOptions{Operator: "Mikroregion Podhůří, dobrovolný svazek obcí",
		ContactEmail: "kpss@podhuri.example"}})
	f.srv = httptest.NewServer(h)
	tb.Cleanup(f.srv.Close)
	// New returns its gin engine, which lists the handler's routes.
	r, ok := h.(*gin.Engine)
	if !ok {
		tb.Fatalf("New returns a %T, not its *gin.Engine: give TestBrowser_EveryPage another way to list the routes", h)
	}
	return &everyPageSeed{f: f, routes: r.Routes(), pages: everyPages(d), invite: d.answeredToken}
}

func mustDo(tb testing.TB, err error) {
	tb.Helper()
	if err != nil {
		tb.Fatal(err)
	}
}

// seedEveryPagePeople adds the admin and the member of the seniors'
// working group, a person invited who has not set a password yet, and
// two invitations of providers: one not yet answered, one answered.
func (f *pageFixture) seedEveryPagePeople(tb testing.TB, coord *engine.User, d *everyPageData) {
	tb.Helper()
	ctx, eng := context.Background(), f.eng
	admin := f.mustUser(tb, everyPageAdmin, engine.RoleAdmin)
	member := f.mustUser(tb, everyPageMember, engine.RoleMember)
	d.memberID = member.ID
	_, err := eng.AddGroupMember(ctx, coord, "seniors", member.Email)
	mustDo(tb, err)
	token, newcomer, err := eng.InviteUser(ctx, admin, "nova.kolegyne@kazda-stranka.example", engine.RoleMember, "Nová kolegyně")
	mustDo(tb, err)
	d.passwordToken, d.newcomerID = token, newcomer.ID

	const email = "novy@poskytovatel.example"
	d.inviteToken, _, err = eng.CreateInvite(ctx, coord, builtin.CapacityQuestionnaireID, email, "Nový poskytovatel – denní stacionář")
	mustDo(tb, err)
	invites, err := eng.ListInvites(ctx, coord, builtin.CapacityQuestionnaireID)
	mustDo(tb, err)
	var answered string
	for _, inv := range invites {
		if inv.Email == email {
			d.inviteHash = inv.Hash
		} else if inv.ResponseID != "" {
			answered = inv.ResponseID
		}
	}

	// A provider's invitation answered with the answers of a demo
	// provider: its link opens them, every page of the form filled.
	r, err := eng.Store().FindResponse(ctx, answered)
	mustDo(tb, err)
	raw := map[string]json.RawMessage{}
	for k, v := range r.Answers {
		raw[k], err = json.Marshal(v)
		mustDo(tb, err)
	}
	d.answeredToken, _, err = eng.CreateInvite(ctx, coord, builtin.CapacityQuestionnaireID, "stacionar@poskytovatel.example", "Denní stacionář Olšany")
	mustDo(tb, err)
	_, _, err = eng.SubmitInviteResponse(ctx, d.answeredToken, raw)
	mustDo(tb, err)
}

// seedEveryPageCatalogue finds a provider of the catalogue and a draft
// record waiting (the demo's capacity questionnaires leave them), and
// returns another draft to its provider with a note.
func (f *pageFixture) seedEveryPageCatalogue(tb testing.TB, coord *engine.User, d *everyPageData) {
	tb.Helper()
	ctx, eng := context.Background(), f.eng
	providers, err := eng.ListProviders(ctx, engine.ProviderQuery{})
	mustDo(tb, err)
	drafts, err := eng.ListCatalogueDrafts(ctx, coord, engine.DraftPending)
	mustDo(tb, err)
	if len(providers) == 0 || len(drafts) < 2 {
		tb.Fatalf("the demo listed %d providers and left %d drafts waiting: seed them", len(providers), len(drafts))
	}
	d.provider, d.pendingICO, d.returnedICO = providers[0].ID, drafts[0].ICO, drafts[1].ICO
	_, err = eng.ReturnCatalogueDraft(ctx, coord, drafts[1].ICO, drafts[1].Version, "Doplňte prosím kapacitu služby a čekací dobu.")
	mustDo(tb, err)
}

// seedEveryPageComments adds a comment with long addresses to the demo's
// consultation and finds one assigned to the member's group.
func (f *pageFixture) seedEveryPageComments(tb testing.TB, coord *engine.User, d *everyPageData) {
	tb.Helper()
	ctx, eng := context.Background(), f.eng
	long, err := eng.SubmitComment(ctx, demo.ConsultationID, engine.CommentInput{Section: "analyza",
		Text: "Analýza neuvádí zdroj; doplňte odkaz " + everyPageLongURL + " a kontakt " + everyPageLongEmail + ".",
		Author: engine.AuthorInput{Name: "Marie Dlouhá", Email: everyPageLongEmail, Municipality: "Horní Bukovina",
			Organisation: "Sdružení pečujících o osoby blízké v Mikroregionu Podhůří, z. s.", PublishName: true}})
	mustDo(tb, err)
	d.anyComment = long.ID
	comments, err := eng.ListComments(ctx, coord, demo.ConsultationID)
	mustDo(tb, err)
	for _, cm := range comments {
		if slices.Contains(cm.Groups, "seniors") {
			d.seniorsComment = cm.ID
		}
	}
	if d.seniorsComment == "" {
		tb.Fatal("no demo comment is assigned to the seniors")
	}
}

// seedEveryPageConsultations adds three consultations besides the demo's
// open one: plan-2024, settled and published (its outcomes page);
// strategie-2027, ended with a comment waiting for triage; doprava-2027,
// opening next month. The clock moves three days on, past their periods.
func (f *pageFixture) seedEveryPageConsultations(tb testing.TB, coord *engine.User) {
	tb.Helper()
	ctx, eng := context.Background(), f.eng
	opens := f.clock.Now().Add(-24 * time.Hour)
	create := func(id, title string, opens time.Time) {
		tb.Helper()
		_, err := eng.CreateConsultation(ctx, coord, engine.ConsultationInput{ID: id, Title: title,
			Sections: []engine.SectionInput{{ID: "uvod", Title: "Úvod", Text: "Návrh navazuje na předchozí plán."}},
			OpensAt:  opens, ClosesAt: opens.Add(48 * time.Hour)})
		mustDo(tb, err)
	}
	comment := func(id, text, email string) *engine.Comment {
		tb.Helper()
		cm, err := eng.SubmitComment(ctx, id, engine.CommentInput{Section: "uvod", Text: text,
			Author: engine.AuthorInput{Name: "Eva Malá", Email: email, Municipality: "Olšany"}})
		mustDo(tb, err)
		return cm
	}
	create("plan-2024", "Komunitní plán 2024–2027 (návrh)", opens)
	create("strategie-2027", "Strategie bydlení 2027 (návrh)", opens)
	create("doprava-2027", "Plán dopravy ke službám (návrh)", opens.AddDate(0, 1, 0))
	comment("strategie-2027", "Chybí sociální byty v Olšanech.", "eva.mala@podhuri.example")
	settled := []struct{ text, relevance, outcome, response string }{
		{"Prosíme o delší provozní dobu denního stacionáře.", engine.Relevant, "accepted", "Provozní dobu prodloužíme od září."},
		{"Opravte chodník u nádraží.", engine.NotRelevant, "", "Netýká se plánu; předáno odboru dopravy."},
		{"Podklady: " + everyPageLongURL, engine.Relevant, "partially_accepted", "Vycházíme z " + everyPageLongURL},
	}
	for _, sc := range settled {
		cm := comment("plan-2024", sc.text, everyPageLongEmail)
		tr := engine.TriageInput{Relevance: sc.relevance}
		if sc.relevance == engine.Relevant {
			tr.Groups = []string{"seniors"}
		} else {
			tr.Response = sc.response
		}
		_, err := eng.TriageComment(ctx, coord, cm.ID, tr)
		mustDo(tb, err)
		if sc.outcome != "" {
			_, err = eng.DecideComment(ctx, coord, cm.ID, engine.DecisionInput{Outcome: sc.outcome, Response: sc.response})
			mustDo(tb, err)
		}
	}
	f.clock.Add(3 * 24 * time.Hour)
	_, err := eng.PublishConsultation(ctx, coord, "plan-2024")
	mustDo(tb, err)
}

// seedEveryPageOutbox sends every queued message (the receipts of the
// comments) but one that fails for good.
func (f *pageFixture) seedEveryPageOutbox(tb testing.TB) {
	tb.Helper()
	ctx, eng := context.Background(), f.eng
	const failed = "every-page:failed"
	mustDo(tb, eng.QueueMail(ctx, engine.Mail{ID: failed, To: everyPageLongEmail,
		Subject: "Potvrzení připomínky", Text: "…", Cause: "comment:every-page"}))
	claimed, err := eng.ClaimMail(ctx, "every-page", time.Minute, 1000)
	mustDo(tb, err)
	for _, m := range claimed {
		if m.ID == failed {
			mustDo(tb, eng.MailNotSent(ctx, m, &smtpRefusal{}, eng.Now(), true))
		} else {
			mustDo(tb, eng.MailSent(ctx, m))
		}
	}
}
