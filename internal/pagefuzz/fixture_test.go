package pagefuzz_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/triada-kpss/triada/engine"
	"github.com/triada-kpss/triada/forms/builtin"
	"github.com/triada-kpss/triada/handlers"
	"github.com/triada-kpss/triada/internal/loadgen"
	"github.com/triada-kpss/triada/store/sqlite"

	_ "modernc.org/sqlite" // the fixture's own connection, for changes
)

// The fixture's people and records; the routes name them.
const (
	coordinatorEmail = "koordinator@triada.test"
	adminEmail       = "spravce@triada.test" // only an admin manages people
	memberEmail      = "clen@triada.test"
	password         = "correct horse battery"
	survey           = "fuzz"                          // loadgen's survey, with the text question "poznamka"
	capacity         = builtin.CapacityQuestionnaireID // the providers' questionnaire: invitations and drafts
	consultation     = "kp"
	published        = "kp-2025" // a comment period that ended, its settlement published
	draftICO         = "00234915"
	failedMail       = "receipt:fuzz"
)

// browser is the cookies of one browser: its session (nil for a
// visitor), and the CSRF cookie its forms carry.
type browser struct {
	session, csrf *http.Cookie
}

// The fixture's browsers, by who is signed in.
const (
	visitor = iota
	member
	coordinator
	admin
)

// fixture is the handler over a fresh embedded store holding one record
// of every kind a page route names, and a browser for a visitor and for
// each role, signed in through the handler.
type fixture struct {
	h        http.Handler
	browsers [4]browser
	db       *sql.DB // the store's file, for changes

	member, response, invite, inviteToken, provider, comment, passwordToken string
}

func mustFixture(tb testing.TB) *fixture {
	tb.Helper()
	ctx := context.Background()
	path := filepath.Join(storeDir(tb), "triada.db")
	st, err := sqlite.Open(ctx, path)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { _ = st.Close() })
	eng := engine.New(st, engine.Options{})
	must := func(err error) {
		tb.Helper()
		if err != nil {
			tb.Fatal(err)
		}
	}
	op := engine.Operator()
	f := &fixture{}

	_, err = eng.AddUser(ctx, coordinatorEmail, engine.RoleCoordinator, "Koordinátorka", password)
	must(err)
	_, err = eng.AddUser(ctx, adminEmail, engine.RoleAdmin, "Správce", password)
	must(err)
	clen, err := eng.AddUser(ctx, memberEmail, engine.RoleMember, "Člen", password)
	must(err)
	f.member = clen.ID
	_, err = eng.CreateGroup(ctx, op, engine.GroupInput{ID: "seniori", Name: "Senioři", Tags: []string{"seniori"}})
	must(err)
	_, err = eng.AddGroupMember(ctx, op, "seniori", memberEmail)
	must(err)
	// An invited person's password link, for /password/TOKEN.
	f.passwordToken, _, err = eng.InviteUser(ctx, op, "pozvany@triada.test", engine.RoleMember, "Pozvaný")
	must(err)

	_, _, err = eng.CreateQuestionnaire(ctx, op, loadgen.SurveyJSON(survey, 12), "json")
	must(err)
	for _, remark := range []string{"Chybí doprava do Znojma.", "Denní stacionář"} {
		b, _ := json.Marshal(remark)
		r, err := eng.SubmitResponse(ctx, survey, map[string]json.RawMessage{"obec": json.RawMessage(`"obec-001"`), "poznamka": b}, "")
		must(err)
		f.response = r.ID
	}

	// The providers' questionnaire: one invitation waits, one is answered
	// and so leaves a draft of the catalogue to approve.
	_, _, err = eng.CreateQuestionnaire(ctx, op, builtin.Files()["capacity-questionnaire.yaml"], "yaml")
	must(err)
	f.inviteToken, _, err = eng.CreateInvite(ctx, op, capacity, "reditel@domov.test", "Domov")
	must(err)
	answered, _, err := eng.CreateInvite(ctx, op, capacity, "info@charita.test", "Charita")
	must(err)
	answers, _ := json.Marshal(map[string]any{
		"org_name": "Charita Slaný", "ico": draftICO, "legal_form": "church_entity", "seat_municipality": "Slaný",
		"address": "Husova 12", "contact_person": "Jana Nováková", "email": "info@charita.test",
		"service_name": "Pečovatelská služba", "service_type": "pecovatelska_sluzba", "service_form": "field",
		"target_groups": []string{"seniori"}, "area_served": "Slaný", "capacity": 55, "waiting_list": "no", "publish_consent": "yes"})
	var raw map[string]json.RawMessage
	must(json.Unmarshal(answers, &raw))
	_, _, err = eng.SubmitInviteResponse(ctx, answered, raw)
	must(err)
	invites, err := eng.ListInvites(ctx, op, capacity)
	must(err)
	for _, inv := range invites {
		if inv.ResponseID == "" {
			f.invite = inv.Hash
		}
	}

	capacityOf := 80
	p, err := eng.CreateProvider(ctx, op, engine.ProviderInput{Name: "Domov Zlonice", ICO: "70891095", Municipality: "Zlonice",
		Services: []engine.ServiceInput{{Type: "domovy_pro_seniory", Form: "residential", TargetGroups: []string{"seniori"}, Capacity: &capacityOf}}})
	must(err)
	f.provider = p.ID

	// A comment period open now, with a comment on a section.
	now := time.Now()
	_, err = eng.CreateConsultation(ctx, op, engine.ConsultationInput{ID: consultation, Title: "Komunitní plán",
		Sections: []engine.SectionInput{{ID: "uvod", Title: "Úvod", Text: "Plán popisuje **sociální služby**."},
			{ID: "seniori", Title: "Senioři", Text: "1. Odlehčovací služba"}},
		OpensAt: now.Add(-24 * time.Hour), ClosesAt: now.Add(30 * 24 * time.Hour)})
	must(err)
	cm, err := eng.SubmitComment(ctx, consultation, engine.CommentInput{Section: "seniori", Text: "Chybí odlehčovací služba.",
		Author: engine.AuthorInput{Name: "Jan Novák", Email: "jan@example.cz", Municipality: "Znojmo"}})
	must(err)
	f.comment = cm.ID

	_, err = eng.CreateConsultation(ctx, op, engine.ConsultationInput{ID: published, Title: "Komunitní plán 2025",
		Sections: []engine.SectionInput{{ID: "uvod", Title: "Úvod", Text: "Plán."}},
		OpensAt:  now.Add(-60 * 24 * time.Hour), ClosesAt: now.Add(-30 * 24 * time.Hour)})
	must(err)
	_, err = eng.PublishConsultation(ctx, op, published)
	must(err)

	// A message that failed for good, for the outbox's retry.
	must(eng.QueueMail(ctx, engine.Mail{ID: failedMail, To: "jan@example.cz", Subject: "Potvrzení", Text: "…", Cause: "comment:" + cm.ID}))
	claimed, err := eng.ClaimMail(ctx, "fuzz", time.Minute, 10)
	must(err)
	for _, m := range claimed {
		must(eng.MailNotSent(ctx, m, io.ErrUnexpectedEOF, eng.Now(), true))
	}

	f.h = handlers.New(eng, handlers.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), MaxBodyBytes: 64 << 10,
		Pages: handlers.PageOptions{SubmitLimit: -1}})
	f.db = mustCountChanges(tb, path)
	f.browsers[visitor] = browser{csrf: f.csrfCookie(tb)}
	f.browsers[member] = f.signIn(tb, memberEmail)
	f.browsers[coordinator] = f.signIn(tb, coordinatorEmail)
	f.browsers[admin] = f.signIn(tb, adminEmail)
	return f
}

// storeDir is the folder of the fixture's database: in memory (/dev/shm)
// where the machine has one, for the store syncs each write to disk and
// the fuzzer would mostly measure the disk (twice the executions); a
// temporary folder elsewhere.
func storeDir(tb testing.TB) string {
	tb.Helper()
	dir, err := os.MkdirTemp("/dev/shm", "pagefuzz-")
	if err != nil {
		return tb.TempDir()
	}
	tb.Cleanup(func() { _ = os.RemoveAll(dir) })
	return dir
}

// untracked are the tables a refused request may change: the audit log
// records refusals, a questionnaire's draft keeps what the person typed
// even on a page that fails its checks, and sessions last while used.
var untracked = map[string]bool{"audit_log": true, "drafts": true, "sessions": true}

// mustCountChanges adds to the store's file a counter of the rows written
// to every other table, raised by triggers, so that a check can tell
// whether a request changed anything: the store cannot be asked.
func mustCountChanges(tb testing.TB, path string) *sql.DB {
	tb.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(10000)")
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { _ = db.Close() })
	rows, err := db.Query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
	if err != nil {
		tb.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			tb.Fatal(err)
		}
		if !untracked[name] {
			tables = append(tables, name)
		}
	}
	if err := rows.Err(); err != nil {
		tb.Fatal(err)
	}
	stmts := []string{`CREATE TABLE pagefuzz_changes (n INTEGER NOT NULL)`, `INSERT INTO pagefuzz_changes VALUES (0)`}
	for _, t := range tables {
		for _, op := range []string{"INSERT", "UPDATE", "DELETE"} {
			stmts = append(stmts, fmt.Sprintf(`CREATE TRIGGER pagefuzz_%s_%s AFTER %s ON %s BEGIN UPDATE pagefuzz_changes SET n = n + 1; END`, t, op, op, t))
		}
	}
	for _, s := range stmts {
		if _, err := db.Exec(s); err != nil {
			tb.Fatalf("%s: %v", s, err)
		}
	}
	return db
}

// changes is the number of rows written so far to the tracked tables.
func (f *fixture) changes(tb testing.TB) int64 {
	tb.Helper()
	var n int64
	if err := f.db.QueryRow(`SELECT n FROM pagefuzz_changes`).Scan(&n); err != nil {
		tb.Fatal(err)
	}
	return n
}

// csrfCookie opens the sign-in page, which sets the CSRF cookie.
func (f *fixture) csrfCookie(tb testing.TB) *http.Cookie {
	tb.Helper()
	w := httptest.NewRecorder()
	f.h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/signin", nil))
	csrf := cookieNamed(w, "triada_csrf")
	if csrf == nil {
		tb.Fatalf("GET /signin set no CSRF cookie: %d", w.Code)
	}
	return csrf
}

// signIn signs a person in as a browser does: the sign-in page sets the
// CSRF cookie, the form posts it back, and the answer sets the session
// and a fresh CSRF cookie.
func (f *fixture) signIn(tb testing.TB, email string) browser {
	tb.Helper()
	csrf := f.csrfCookie(tb)
	form := url.Values{"email": {email}, "password": {password}, "csrf_token": {csrf.Value}}
	req := httptest.NewRequest(http.MethodPost, "/signin", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.AddCookie(csrf)
	w := httptest.NewRecorder()
	f.h.ServeHTTP(w, req)
	b := browser{session: cookieNamed(w, "triada_session"), csrf: cookieNamed(w, "triada_csrf")}
	if w.Code != http.StatusSeeOther || b.session == nil || b.csrf == nil {
		tb.Fatalf("sign-in of %s: %d, cookies %v", email, w.Code, w.Result().Cookies())
	}
	return b
}

func cookieNamed(w *httptest.ResponseRecorder, name string) *http.Cookie {
	for _, c := range w.Result().Cookies() {
		if c.Name == name {
			return &http.Cookie{Name: c.Name, Value: c.Value}
		}
	}
	return nil
}

// do sends a request with the browser's cookies.
func (f *fixture) do(req *http.Request, b browser) *httptest.ResponseRecorder {
	req.AddCookie(b.csrf)
	if b.session != nil {
		req.AddCookie(b.session)
	}
	w := httptest.NewRecorder()
	f.h.ServeHTTP(w, req)
	return w
}

// checkPage fails on a 5xx, a redirect without a Location, and any other
// answer that is not of the content type (HTML unless a route of files
// says otherwise; an error is always HTML) or is empty.
func checkPage(t *testing.T, w *httptest.ResponseRecorder, contentType string) {
	t.Helper()
	switch {
	case w.Code >= 500:
		t.Fatalf("status %d: %.500s", w.Code, w.Body)
	case w.Code >= 300 && w.Code < 400:
		if w.Header().Get("Location") == "" {
			t.Fatalf("status %d without a Location", w.Code)
		}
		return
	case w.Code >= 400 || contentType == "":
		contentType = "text/html"
	}
	if got := w.Header().Get("Content-Type"); !strings.HasPrefix(got, contentType) {
		t.Fatalf("status %d with Content-Type %q, want %s: %.300s", w.Code, got, contentType, w.Body)
	}
	if w.Body.Len() == 0 {
		t.Fatalf("status %d with an empty body", w.Code)
	}
}
