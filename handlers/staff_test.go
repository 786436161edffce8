package handlers

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/triada-kpss/triada/engine"
)

func TestStaffSignIn(t *testing.T) {
	f := MustServePages(t, PageOptions{})
	f.mustUser(t, "koordinator@obec.cz", engine.RoleCoordinator)
	v := f.visitor(t)

	// The staff area sends strangers to the sign-in page, and back after.
	v.get("/work?x=1").redirects(t, "/signin?next=%2Fwork%3Fx%3D1")
	v.get("/signin?next=%2Fwork%3Fx%3D1").want(t, http.StatusOK,
		`name="next" value="/work?x=1"`, `autocomplete="current-password"`, `<label class="label" for="email">`)

	// A wrong password: 401, the e-mail kept and linked from the summary,
	// the password not echoed.
	bad := v.post("/signin", url.Values{"email": {"koordinator@obec.cz"}, "password": {"secret-guess"}, "next": {"/work?x=1"}})
	bad.want(t, http.StatusUnauthorized, `value="koordinator@obec.cz"`, `href="#email"`, "E-mail nebo heslo nejsou správně.", `name="next" value="/work?x=1"`)
	bad.lacks(t, "secret-guess")
	if v.cookie(sessionCookie, "/work") != "" {
		t.Fatal("a failed sign-in left a session cookie")
	}

	// The right one: a session cookie, HttpOnly and SameSite=Lax, a new
	// CSRF token, and the page that asked.
	csrfBefore := v.cookie(csrfCookie, "/")
	ok := v.post("/signin", url.Values{"email": {"Koordinator@Obec.cz"}, "password": {staffPassword}, "next": {"/work?x=1"}})
	ok.redirects(t, "/work?x=1")
	setCookie := strings.Join(ok.header.Values("Set-Cookie"), "\n")
	if !strings.Contains(setCookie, sessionCookie+"=trs_") || !strings.Contains(setCookie, "HttpOnly") || !strings.Contains(setCookie, "SameSite=Lax") {
		t.Fatalf("session cookie: %s", setCookie)
	}
	if v.cookie(csrfCookie, "/") == csrfBefore {
		t.Fatal("the CSRF token survived the sign-in")
	}
	work := v.get("/work").want(t, http.StatusOK, "koordinator@obec.cz", "koordinátor", `action="/signout"`, `aria-current="page"`)
	if work.header.Get("Cache-Control") != "no-store" {
		t.Errorf("Cache-Control %q on a staff page", work.header.Get("Cache-Control"))
	}

	// Signing out needs the CSRF token, then ends the session everywhere.
	token := v.cookie(sessionCookie, "/")
	v.post("/signout", url.Values{"csrf_token": {"forged-token-forged-token-forged"}}).want(t, http.StatusForbidden)
	v.follow(v.post("/signout", nil).redirects(t, "/signin?signed_out=1")).want(t, http.StatusOK, "Byli jste odhlášeni.")
	v.get("/work").redirects(t, "/signin?next=%2Fwork")
	if _, _, err := f.eng.SessionUser(context.Background(), token); engine.ErrorCode(err) != engine.EUNAUTHORIZED {
		t.Fatalf("the session outlived the sign-out: %v", err)
	}
}

func TestStaffSignInNextStaysOnSite(t *testing.T) {
	f := MustServePages(t, PageOptions{})
	f.mustUser(t, "clen@obec.cz", engine.RoleMember)
	for _, next := range []string{"//evil.example/", "https://evil.example/", "/\\evil.example", "/signin", "", "work"} {
		v := f.visitor(t)
		v.post("/signin", url.Values{"email": {"clen@obec.cz"}, "password": {staffPassword}, "next": {next}}).redirects(t, "/work")
	}
}

func TestStaffSignInRateLimit(t *testing.T) {
	f := MustServePages(t, PageOptions{})
	f.mustUser(t, "admin@obec.cz", engine.RoleAdmin)
	v := f.visitor(t)
	for i := range signInLimit {
		if p := v.signIn("admin@obec.cz", "guess"+strings.Repeat("x", i)); p.status != http.StatusUnauthorized {
			t.Fatalf("attempt %d: status %d", i+1, p.status)
		}
	}
	// Past the limit even the right password waits: the guesser must not
	// learn when they found it.
	p := v.signIn("admin@obec.cz", staffPassword)
	p.want(t, http.StatusTooManyRequests)
	if p.header.Get("Retry-After") == "" {
		t.Error("no Retry-After")
	}
	// After a quarter of an hour the bucket has refilled.
	f.clock.Add(16 * 60e9)
	v.signIn("admin@obec.cz", staffPassword).redirects(t, "/work")
}

func TestStaffHomeShowsOwnGroups(t *testing.T) {
	f := MustServePages(t, PageOptions{})
	ctx := context.Background()
	for _, g := range []engine.GroupInput{{ID: "seniori", Name: "Senioři", Tags: []string{"seniors"}}, {ID: "rodiny", Name: "Rodiny s dětmi", Tags: []string{"families"}}} {
		if _, err := f.eng.CreateGroup(ctx, engine.Operator(), g); err != nil {
			t.Fatal(err)
		}
	}
	member := f.signedIn(t, "clen@obec.cz", engine.RoleMember)
	if _, err := f.eng.AddGroupMember(ctx, engine.Operator(), "seniori", "clen@obec.cz"); err != nil {
		t.Fatal(err)
	}
	member.get("/work").want(t, http.StatusOK, "Senioři").lacks(t, "Rodiny s dětmi")
	coordinator := f.signedIn(t, "koordinator@obec.cz", engine.RoleCoordinator)
	coordinator.get("/work?lang=en").want(t, http.StatusOK, "Senioři", "Rodiny s dětmi", "Signed in as koordinator@obec.cz (coordinator)")
}

func TestNotFoundPageOrJSON(t *testing.T) {
	f := MustServePages(t, PageOptions{})
	v := f.visitor(t)
	v.get("/no/such/page?lang=en").want(t, http.StatusNotFound, "<h1", "Page not found", `href="/"`)
	api := v.get("/api/v1/no-such-endpoint")
	api.want(t, http.StatusNotFound, `{"error":"No API endpoint has this path`)
	if !strings.HasPrefix(api.header.Get("Content-Type"), "application/json") {
		t.Errorf("API 404 Content-Type %q", api.header.Get("Content-Type"))
	}
}

// Exactly one navigation entry is current: the one whose folder is the
// longest that holds the page.
func TestStaffNav_Current(t *testing.T) {
	for path, want := range map[string]string{
		"/work":                         "/work",
		"/work/providers":               "/work/providers",
		"/work/providers/x/withdraw":    "/work/providers",
		"/work/providers/drafts":        "/work/providers/drafts",
		"/work/providers/drafts/123456": "/work/providers/drafts",
		"/work/unknown":                 "",
		"/workshop":                     "",
	} {
		if got := currentNav(path); got != want {
			t.Errorf("currentNav(%q) = %q, want %q", path, got, want)
		}
	}
}
