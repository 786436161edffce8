package handlers

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/triada-kpss/triada/engine"
)

// outbox returns every message in the fixture's outbox.
func (f *pageFixture) outbox(tb testing.TB) []*engine.OutboxMessage {
	tb.Helper()
	ms, err := f.eng.Store().ListOutbox(context.Background(), "", 100)
	if err != nil {
		tb.Fatal(err)
	}
	return ms
}

func TestPages_SavedMail(t *testing.T) {
	f := MustServePages(t, PageOptions{BaseURL: "http://triada.example.cz/"})
	v := f.visitor(t)
	v.post("/q/all-types/page/1", url.Values{"action": {"save"}, "colour": {"red"}}).redirects(t, "/q/all-types/saved")
	v.get("/q/all-types/saved").want(t, http.StatusOK, `action="/q/all-types/saved"`, `<label class="label" for="email">Váš e-mail (nepovinné)</label>`,
		`name="csrf_token"`, `aria-describedby="email-hint"`)

	t.Run("ErrBadAddress", func(t *testing.T) {
		v.post("/q/all-types/saved", url.Values{"email": {"jan@"}}).want(t, http.StatusUnprocessableEntity,
			`href="#email"`, `value="jan@"`, `aria-invalid="true"`, "Zadejte e-mailovou adresu ve tvaru jmeno@example.cz.",
			"http://triada.example.cz/q/all-types/resume?token=")
		if n := len(f.outbox(t)); n != 0 {
			t.Fatalf("%d e-mails queued for a bad address", n)
		}
	})
	t.Run("ErrCSRF", func(t *testing.T) {
		v.post("/q/all-types/saved", url.Values{"email": {"jan@example.cz"}, "csrf_token": {"forged"}}).want(t, http.StatusForbidden)
	})
	t.Run("ErrNoDraft", func(t *testing.T) {
		f.visitor(t).post("/q/all-types/saved", url.Values{"email": {"jan@example.cz"}}).redirects(t, "/q/all-types")
	})
	if n := len(f.outbox(t)); n != 0 {
		t.Fatalf("%d e-mails queued by refused forms", n)
	}

	v.post("/q/all-types/saved", url.Values{"email": {" Jan@Example.cz "}}).want(t, http.StatusOK,
		`role="status"`, "Odkaz jsme poslali na adresu jan@example.cz.")
	// The same form again (a double click): still one e-mail.
	v.post("/q/all-types/saved", url.Values{"email": {"jan@example.cz"}}).want(t, http.StatusOK, "jan@example.cz")
	ms := f.outbox(t)
	if len(ms) != 1 {
		t.Fatalf("%d e-mails, want 1", len(ms))
	}
	m := ms[0]
	token := v.cookie(draftCookie, "/q/all-types")
	if m.State != engine.MailQueued || m.To != "jan@example.cz" || !strings.Contains(m.Subject, "Všechny typy otázek") ||
		!strings.Contains(m.Text, "http://triada.example.cz/q/all-types/resume?token="+token) ||
		!strings.Contains(m.Text, "Odkaz platí do 14. 2. 2027.") || !strings.HasPrefix(m.Cause, "draft:") {
		t.Fatalf("e-mail %+v", m)
	}
	if strings.Contains(m.ID, token) || strings.Contains(m.Cause, token) {
		t.Fatal("the resume token shows in the e-mail's id or cause, which coordinators see")
	}
	// The address is kept only in the outbox message: not in the draft.
	st, err := f.eng.DraftState(context.Background(), mustQuestionnaire(t, f, "all-types"), token)
	if err != nil || st.Draft == nil || strings.Contains(fmt.Sprint(st.Draft), "jan@example.cz") {
		t.Fatalf("draft %+v, %v", st.Draft, err)
	}

	t.Run("RateLimited", func(t *testing.T) {
		for i := range resumeMailLimit - 2 {
			v.post("/q/all-types/saved", url.Values{"email": {fmt.Sprintf("jan%d@example.cz", i)}}).want(t, http.StatusOK)
		}
		v.post("/q/all-types/saved", url.Values{"email": {"eva@example.cz"}}).want(t, http.StatusTooManyRequests)
		if n := len(f.outbox(t)); n != resumeMailLimit-1 {
			t.Fatalf("%d e-mails after the limit, want %d", n, resumeMailLimit-1)
		}
	})
}

func mustQuestionnaire(tb testing.TB, f *pageFixture, id string) *engine.Questionnaire {
	tb.Helper()
	q, err := f.eng.FindQuestionnaire(context.Background(), id)
	if err != nil {
		tb.Fatal(err)
	}
	return q
}
