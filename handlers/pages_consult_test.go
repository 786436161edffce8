package handlers

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/triada-kpss/triada/engine"
)

// The comment period of the page tests: open from 1 to 31 January 2027
// (the clock stands at 15 January), three sections in the limited
// formatting, one of them hostile, and one attachment.
func (f *pageFixture) mustConsultation(tb testing.TB, id string, opens, closes time.Time) {
	tb.Helper()
	_, err := f.eng.CreateConsultation(context.Background(), engine.Operator(), engine.ConsultationInput{
		ID: id, Title: "Komunitní plán Znojmo 2027–2030",
		Sections: []engine.SectionInput{
			{ID: "uvod", Title: "Úvod", Text: "# Cíle plánu\n\nPlán popisuje **sociální služby** v regionu.\n\n- senioři\n- rodiny\n\nVíce na [webu města](https://znojmo.cz/kpss)."},
			{ID: "seniori", Title: "Senioři", Text: "1. Odlehčovací služba\n2. Denní stacionář"},
			{ID: "zly", Title: "Zkouška", Text: "<script>alert(1)</script> [klik](javascript:alert(1))"},
		},
		Attachments: []engine.AttachmentInput{{Title: "Plán v PDF", URL: "https://znojmo.cz/kpss/plan.pdf"}},
		OpensAt:     opens, ClosesAt: closes,
	})
	if err != nil {
		tb.Fatal(err)
	}
}

// January 2027 in Prague: the period ends at midnight of 1 February.
var (
	janOpens  = time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
	janCloses = time.Date(2027, 1, 31, 23, 0, 0, 0, time.UTC)
)

// aComment is a valid comment form.
func aComment() url.Values {
	return url.Values{"text": {"Chybí odlehčovací služba pro Moravský Krumlov."}, "name": {"Jan Novák"},
		"email": {"jan.novak@example.cz"}, "municipality": {"Moravský Krumlov"}, "organisation": {""}, "publish_name": {"yes"}}
}

var sentPath = regexp.MustCompile(`^/c/kp-2027/sent/[a-z2-7]{26}$`)

func TestPages_Consultation(t *testing.T) {
	f := MustServePages(t, PageOptions{})
	f.mustConsultation(t, "kp-2027", janOpens, janCloses)
	f.mustConsultation(t, "later", janCloses, time.Date(2027, 2, 28, 23, 0, 0, 0, time.UTC))
	v := f.visitor(t)

	t.Run("Draft", func(t *testing.T) {
		v.get("/c/kp-2027").want(t, http.StatusOK,
			"<h1 class=\"heading-l\">Komunitní plán Znojmo 2027–2030</h1>",
			"Připomínky můžete podávat do 31. 1. 2027.",
			`<a href="#s-seniori">Senioři</a>`, `id="s-seniori"`,
			"<h3>Cíle plánu</h3>", "<strong>sociální služby</strong>", "<li>senioři</li>", "<ol>",
			`<a href="https://znojmo.cz/kpss" rel="nofollow">webu města</a>`,
			`<a href="https://znojmo.cz/kpss/plan.pdf" rel="nofollow">Plán v PDF</a>`,
			`href="/c/kp-2027/s/seniori/comment"`, `href="/c/kp-2027/comment"`,
			"&lt;script&gt;alert(1)&lt;/script&gt; [klik](javascript:alert(1))").
			lacks(t, "<script>alert", `href="javascript:`)
	})
	t.Run("Languages", func(t *testing.T) {
		f.visitor(t).get("/c/kp-2027?lang=en").want(t, http.StatusOK, "Open for comments until 31 January 2027.", "Comment on “Senioři”")
		f.visitor(t).get("/c/kp-2027/comment?lang=sk").want(t, http.StatusOK, "Odoslať pripomienku", "Meno a priezvisko")
	})
	t.Run("Home lists it", func(t *testing.T) {
		v.get("/").want(t, http.StatusOK, "Návrhy k připomínkám", `href="/c/kp-2027"`).lacks(t, `href="/c/later"`)
	})
	t.Run("Unknown", func(t *testing.T) {
		v.get("/c/nope").want(t, http.StatusNotFound)
		v.get("/c/kp-2027/s/nope/comment").want(t, http.StatusNotFound)
		v.post("/c/kp-2027/s/nope/comment", aComment()).want(t, http.StatusNotFound)
	})
	t.Run("Scheduled", func(t *testing.T) {
		v.get("/c/later").want(t, http.StatusOK, "Připomínky bude možné podávat od 1. 2. 2027 do 28. 2. 2027.").
			lacks(t, "/c/later/comment", "/c/later/s/")
		v.get("/c/later/comment").want(t, http.StatusConflict, "Připomínky teď nepřijímáme", "od 1. 2. 2027")
		v.post("/c/later/s/uvod/comment", aComment()).want(t, http.StatusConflict)
	})
	t.Run("Form", func(t *testing.T) {
		v.get("/c/kp-2027/s/seniori/comment").want(t, http.StatusOK, "Připomínka k části „Senioři“",
			`<label class="label" for="text">`, `name="csrf_token"`, `name="website"`, `autocomplete="email"`,
			"<li>Odlehčovací služba</li>", `action="/c/kp-2027/s/seniori/comment"`)
		v.get("/c/kp-2027/comment").want(t, http.StatusOK, "Připomínka k dokumentu Komunitní plán Znojmo", `action="/c/kp-2027/comment"`)
	})
	t.Run("Errors keep what was typed", func(t *testing.T) {
		form := url.Values{"text": {"  "}, "name": {""}, "email": {"jan@"}, "municipality": {"Znojmo"},
			"organisation": {"Spolek <b>Naděje</b>"}, "publish_name": {"yes"}}
		p := v.post("/c/kp-2027/s/seniori/comment", form).want(t, http.StatusUnprocessableEntity,
			`class="error-summary"`, `href="#text"`, `href="#name"`, `href="#email"`,
			"Napište svou připomínku.", "Napište své jméno a příjmení.", "Napište e-mail ve tvaru",
			`value="jan@"`, `value="Znojmo"`, `value="Spolek &lt;b&gt;Naděje&lt;/b&gt;"`, `name="publish_name" value="yes" checked`,
			`aria-invalid="true"`, `aria-describedby="email-hint email-error"`, "<title>Chyba:")
		p.lacks(t, `href="#municipality"`)
		long := strings.Repeat("ř", engine.MaxCommentLength+1)
		v.post("/c/kp-2027/comment", url.Values{"text": {long}, "name": {"A"}, "email": {"a@example.cz"}}).
			want(t, http.StatusUnprocessableEntity, "nejvýše 20000 znaků, vaše má 20001", long)
		v.post("/c/kp-2027/comment", url.Values{"text": {"x"}, "name": {"A"}, "email": {""}}).
			want(t, http.StatusUnprocessableEntity, "Napište svůj e-mail")
		if cs, _ := f.eng.ListComments(context.Background(), engine.Operator(), "kp-2027"); len(cs) != 0 {
			t.Fatalf("bad forms stored %d comments", len(cs))
		}
	})
	t.Run("Protection", func(t *testing.T) {
		form := aComment()
		form.Set("csrf_token", "forged-token-forged-token-forged")
		v.post("/c/kp-2027/comment", form).want(t, http.StatusForbidden)
		form = aComment()
		form.Set("website", "http://spam.example")
		v.post("/c/kp-2027/comment", form).want(t, http.StatusBadRequest)
	})
	var sent string
	t.Run("Sent", func(t *testing.T) {
		p := v.post("/c/kp-2027/s/seniori/comment", aComment())
		if p.status != http.StatusSeeOther || !sentPath.MatchString(p.location) {
			t.Fatalf("got %d to %q, want 303 to the confirmation", p.status, p.location)
		}
		sent = p.location
		v.follow(p).want(t, http.StatusOK, `<strong class="reference">P-2027-001</strong>`, "Senioři",
			"Chybí odlehčovací služba pro Moravský Krumlov.", "Jan Novák", "j…@example.cz").
			lacks(t, "jan.novak@example.cz")
		if got := v.get(sent).header.Get("Referrer-Policy"); got != "no-referrer" {
			t.Errorf("Referrer-Policy %q", got)
		}
		v.post("/c/kp-2027/comment", aComment()).want(t, http.StatusSeeOther)
	})
	t.Run("Nobody reaches another's comment", func(t *testing.T) {
		id := strings.TrimPrefix(sent, "/c/kp-2027/sent/")
		v.get("/c/kp-2027/sent/"+strings.Repeat("a", 26)).want(t, http.StatusNotFound).lacks(t, "Jan Novák")
		v.get("/c/later/sent/"+id).want(t, http.StatusNotFound).lacks(t, "Jan Novák")
	})
	t.Run("Closed", func(t *testing.T) {
		f.clock.Add(20 * 24 * time.Hour) // 4 February
		v.get("/c/kp-2027").want(t, http.StatusOK, "Připomínkové řízení skončilo 31. 1. 2027.").
			lacks(t, "/c/kp-2027/comment", "/c/kp-2027/s/")
		v.post("/c/kp-2027/comment", aComment()).want(t, http.StatusConflict, "Připomínky teď nepřijímáme")
	})
}

// Past the limit of comments per address and hour, a person is told to
// wait, and nothing is stored.
func TestPages_Consultation_RateLimit(t *testing.T) {
	f := MustServePages(t, PageOptions{SubmitLimit: 2})
	f.mustConsultation(t, "kp-2027", janOpens, janCloses)
	v := f.visitor(t)
	v.post("/c/kp-2027/comment", aComment()).want(t, http.StatusSeeOther)
	v.post("/c/kp-2027/comment", aComment()).want(t, http.StatusSeeOther)
	p := v.post("/c/kp-2027/comment", aComment()).want(t, http.StatusTooManyRequests)
	if p.header.Get("Retry-After") == "" {
		t.Error("no Retry-After")
	}
	if cs, _ := f.eng.ListComments(context.Background(), engine.Operator(), "kp-2027"); len(cs) != 2 {
		t.Fatalf("%d comments stored, want 2", len(cs))
	}
}

// The receipt of a comment sent from a page in Slovak is in Slovak.
func TestPages_CommentReceiptLanguage(t *testing.T) {
	f := MustServePages(t, PageOptions{})
	f.mustConsultation(t, "kp-2027", janOpens, janCloses)
	v := f.visitor(t)
	v.get("/c/kp-2027?lang=sk").want(t, http.StatusOK)
	if p := v.post("/c/kp-2027/s/seniori/comment", aComment()); p.status != http.StatusSeeOther {
		t.Fatalf("comment: %d", p.status)
	}
	ms, err := f.eng.ListMail(context.Background(), engine.Operator(), "")
	if err != nil || len(ms) != 1 || !strings.HasPrefix(ms[0].Subject, "Potvrdenie pripomienky P-2027-001") {
		t.Fatalf("receipt (%v): %+v", err, ms)
	}
}
