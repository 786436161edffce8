package handlers

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"

	"github.com/triada-kpss/triada/engine"
)

func TestPages_CSRF(t *testing.T) {
	f := MustServePages(t, PageOptions{})
	v := f.visitor(t)
	form := url.Values{"action": {"next"}, "colour": {"red"}}
	t.Run("ErrNoToken", func(t *testing.T) {
		form.Set("csrf_token", "")
		v.post("/q/all-types/page/1", form).want(t, http.StatusForbidden, "Platnost formuláře vypršela", `href="/q/all-types/page/1"`)
	})
	t.Run("ErrWrongToken", func(t *testing.T) {
		form.Set("csrf_token", strings.Repeat("a", 26))
		v.post("/q/all-types/page/1", form).want(t, http.StatusForbidden)
	})
	t.Run("ErrNoCookie", func(t *testing.T) {
		other := f.visitor(t)
		form.Set("csrf_token", v.cookie(csrfCookie, "/"))
		other.client.Jar.SetCookies(mustURL(t, f.srv.URL), []*http.Cookie{{Name: csrfCookie, Value: "", MaxAge: -1}})
		other.post("/q/all-types/page/1", form).want(t, http.StatusForbidden)
	})
	t.Run("ErrCrossSite", func(t *testing.T) {
		v.header.Set("Sec-Fetch-Site", "cross-site")
		defer v.header.Del("Sec-Fetch-Site")
		form.Del("csrf_token")
		v.post("/q/all-types/page/1", form).want(t, http.StatusForbidden)
	})
	t.Run("ErrRestart", func(t *testing.T) {
		v.post("/q/all-types/restart", url.Values{"csrf_token": {"x"}}).want(t, http.StatusForbidden, `href="/q/all-types"`)
	})
	if n := f.countResponses(t, "all-types"); n != 0 || v.cookie(draftCookie, "/q/all-types/") != "" {
		t.Errorf("a refused form started a draft or stored a response")
	}
	form.Del("csrf_token")
	v.post("/q/all-types/page/1", form).redirects(t, "/q/all-types/page/2")
}

func TestPages_Honeypot(t *testing.T) {
	f := MustServePages(t, PageOptions{})
	v := f.visitor(t)
	v.post("/q/all-types/page/1", url.Values{"action": {"next"}, "colour": {"red"}, "website": {"http://spam.example"}}).
		want(t, http.StatusBadRequest, "Odpovědi jsme nemohli přijmout")
	if v.cookie(draftCookie, "/q/all-types/") != "" {
		t.Error("the honeypot started a draft")
	}
}

func TestPages_RateLimit(t *testing.T) {
	f := MustServePages(t, PageOptions{SubmitLimit: 2})
	start := func() *page {
		return f.visitor(t).post("/q/all-types/page/1", url.Values{"action": {"next"}, "colour": {"blue"}})
	}
	start().redirects(t, "/q/all-types/page/2")
	start().redirects(t, "/q/all-types/page/2")
	p := start().want(t, http.StatusTooManyRequests, "Příliš mnoho odeslání", "Zkuste to prosím znovu za 31 minut.")
	if p.header.Get("Retry-After") == "" {
		t.Error("no Retry-After")
	}
	t.Run("Refills", func(t *testing.T) {
		f.clock.Add(31 * 60e9)
		start().redirects(t, "/q/all-types/page/2")
	})
	t.Run("Submissions", func(t *testing.T) {
		f.clock.Add(2 * 3600e9)
		fill := func() *visitor {
			v := f.visitor(t)
			v.post("/q/all-types/page/1", url.Values{"action": {"next"}, "colour": {"blue"}}).redirects(t, "/q/all-types/page/2")
			v.post("/q/all-types/page/2", url.Values{"action": {"next"}, "rating": {"1"}}).redirects(t, "/q/all-types/page/4")
			return v
		}
		v1, v2 := fill(), fill()
		f.clock.Add(3600e9) // drafts may be started again; submissions are counted apart
		v3 := fill()
		submit := url.Values{"action": {"submit"}}
		v1.post("/q/all-types/page/4", submit).redirects(t, "/q/all-types/thanks")
		v2.post("/q/all-types/page/4", submit).redirects(t, "/q/all-types/thanks")
		v3.post("/q/all-types/page/4", submit).want(t, http.StatusTooManyRequests)
		if n := f.countResponses(t, "all-types"); n != 2 {
			t.Errorf("%d responses, want 2", n)
		}
		f.clock.Add(31 * 60e9) // the draft waited: nothing typed is lost
		v3.get("/q/all-types/page/4").want(t, http.StatusOK)
		v3.post("/q/all-types/page/4", submit).redirects(t, "/q/all-types/thanks")
	})
	t.Run("Off", func(t *testing.T) {
		f := MustServePages(t, PageOptions{SubmitLimit: -1})
		for range 40 {
			f.visitor(t).post("/q/all-types/page/1", url.Values{"action": {"next"}, "colour": {"blue"}}).redirects(t, "/q/all-types/page/2")
		}
	})
}

func TestPages_Cookies(t *testing.T) {
	f := MustServePages(t, PageOptions{})
	v := f.visitor(t)
	p := v.post("/q/all-types/page/1?lang=en", url.Values{"action": {"next"}, "colour": {"blue"}})
	cookies := strings.Join(p.header.Values("Set-Cookie"), "\n")
	for _, want := range []string{"triada_draft=", "Path=/q/all-types;", "triada_lang=en", "HttpOnly", "SameSite=Lax"} {
		if !strings.Contains(cookies, want) {
			t.Errorf("Set-Cookie %q lacks %q", cookies, want)
		}
	}
	if strings.Contains(cookies, "Secure") {
		t.Errorf("Secure without TLS: %s", cookies)
	}
	t.Run("SecureUnderTLS", func(t *testing.T) {
		h := New(f.eng, Options{Logger: quietLogger()})
		req := httptest.NewRequest(http.MethodGet, "https://triada.example.cz/q/all-types/page/1", nil)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		set := strings.Join(w.Header().Values("Set-Cookie"), "\n")
		if !strings.Contains(set, "__Host-triada_csrf=") || !strings.Contains(set, "Secure") || !strings.Contains(set, "HttpOnly") {
			t.Errorf("Set-Cookie under TLS: %s", set)
		}
	})
}

func TestPages_Headers(t *testing.T) {
	f := MustServePages(t, PageOptions{})
	v := f.visitor(t)
	for _, path := range []string{"/", "/q/all-types", "/q/all-types/page/1", "/q/nothing"} {
		p := v.get(path)
		csp := p.header.Get("Content-Security-Policy")
		if !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") ||
			p.header.Get("X-Content-Type-Options") != "nosniff" || p.header.Get("X-Frame-Options") != "DENY" {
			t.Errorf("%s: headers %v", path, p.header)
		}
		if p.header.Get("Cache-Control") != "no-store" || p.header.Get("Content-Type") != "text/html; charset=utf-8" {
			t.Errorf("%s: Cache-Control %q, Content-Type %q", path, p.header.Get("Cache-Control"), p.header.Get("Content-Type"))
		}
		if strings.Contains(p.body, "<script>") || strings.Contains(p.body, " style=") || strings.Contains(p.body, " onclick=") {
			t.Errorf("%s: inline script or style", path)
		}
	}
}

func TestPages_Errors(t *testing.T) {
	f := MustServePages(t, PageOptions{})
	v := f.visitor(t)
	t.Run("ErrNotFound", func(t *testing.T) {
		for _, path := range []string{"/q/nothing", "/q/nothing/page/1", "/q/nothing/saved", "/q/nothing/thanks", "/q/nothing/resume?token=x"} {
			v.get(path).want(t, http.StatusNotFound, "Stránka nenalezena", `href="/"`)
		}
		v.post("/q/nothing/page/1", url.Values{"action": {"next"}}).want(t, http.StatusNotFound)
		f.visitor(t).get("/q/nothing?lang=en").want(t, http.StatusNotFound, "Page not found")
	})
	t.Run("ErrClosed", func(t *testing.T) {
		f.MustCreate(t, []byte(strings.ReplaceAll(closedYAML, "ID", "closed")))
		for _, path := range []string{"/q/closed", "/q/closed/page/1", "/q/closed/saved"} {
			v.get(path).want(t, http.StatusConflict, "Dotazník je uzavřený")
		}
		v.post("/q/closed/page/1", url.Values{"action": {"next"}, "x": {"a"}}).want(t, http.StatusConflict, "Dotazník je uzavřený")
		v.get("/").lacks(t, `href="/q/closed"`)
	})
	t.Run("ErrNotYetOpen", func(t *testing.T) {
		f.MustCreate(t, []byte(strings.ReplaceAll(notYetYAML, "ID", "later")))
		v.get("/q/later/page/1").want(t, http.StatusConflict, "Dotazník ještě nezačal", "Vyplnit ho půjde od 1. 3. 2027.")
	})
	t.Run("ErrInviteOnly", func(t *testing.T) {
		f.MustCreate(t, []byte(strings.ReplaceAll(inviteYAML, "ID", "providers")))
		for _, path := range []string{"/q/providers", "/q/providers/page/1"} {
			v.get(path).want(t, http.StatusForbidden, "Dotazník je jen na pozvání")
		}
		v.post("/q/providers/page/1", url.Values{"action": {"next"}}).want(t, http.StatusForbidden)
		v.get("/").lacks(t, `href="/q/providers"`)
	})
	t.Run("InviteSeam", func(t *testing.T) {
		invited := MustServePages(t, PageOptions{Invitation: func(c *gin.Context, q *engine.Questionnaire) (string, error) {
			return c.GetHeader("X-Test-Invite"), nil
		}})
		invited.MustCreate(t, []byte(strings.ReplaceAll(inviteYAML, "ID", "providers")))
		w := invited.visitor(t)
		w.get("/q/providers/page/1").want(t, http.StatusForbidden)
		w.header.Set("X-Test-Invite", "somehash")
		w.get("/q/providers/page/1").want(t, http.StatusOK, `name="x"`)
	})
	t.Run("ErrStoreDown", func(t *testing.T) {
		eng := engine.New(brokenStore{MustOpenStore(t)}, engine.Options{})
		h := New(eng, Options{Logger: quietLogger()})
		w := do(h, http.MethodGet, "/", "")
		if w.Code != http.StatusInternalServerError || !strings.Contains(w.Body.String(), "něco se pokazilo") ||
			strings.Contains(w.Body.String(), "disk") {
			t.Errorf("%d %s", w.Code, w.Body)
		}
	})
}

// brokenStore fails to list questionnaires, as when its disk is gone.
type brokenStore struct{ engine.Store }

func (brokenStore) ListQuestionnaires(context.Context) ([]*engine.Questionnaire, error) {
	return nil, errDisk
}

var errDisk = &engine.Error{Code: engine.EINTERNAL, Message: "disk I/O error"}

const (
	closedYAML = `id: ID
title: Uzavřený dotazník
audience: resident
closes_at: 2027-01-01T00:00:00+01:00
pages:
  - questions:
      - {id: x, type: text, text: Otázka}
`
	notYetYAML = `id: ID
title: Budoucí dotazník
audience: resident
opens_at: 2027-03-01T00:00:00+01:00
pages:
  - questions:
      - {id: x, type: text, text: Otázka}
`
	inviteYAML = `id: ID
title: Dotazník pro poskytovatele
audience: provider
access: invite
pages:
  - questions:
      - {id: x, type: text, text: Otázka}
`
)

func mustURL(tb testing.TB, s string) *url.URL {
	tb.Helper()
	u, err := url.Parse(s)
	if err != nil {
		tb.Fatal(err)
	}
	return u
}
