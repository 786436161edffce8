package handlers

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/triada-kpss/triada/engine"
)

var passwordLinkPattern = regexp.MustCompile(`value="(https?://[^"]+/password/(trp_[A-Za-z0-9_-]+))"`)

// passwordLink returns the path of the password link a page shows.
func passwordLink(tb testing.TB, p *page) string {
	tb.Helper()
	m := passwordLinkPattern.FindStringSubmatch(p.body)
	if m == nil {
		tb.Fatalf("no password link on the page: %.2000s", p.body)
	}
	return "/password/" + m[2]
}

func TestPeoplePages(t *testing.T) {
	f := MustServePages(t, PageOptions{})
	admin := f.signedIn(t, "spravce@example.cz", engine.RoleAdmin)
	ctx := context.Background()

	t.Run("ErrCoordinator", func(t *testing.T) {
		co := f.signedIn(t, "koordinator@example.cz", engine.RoleCoordinator)
		co.get("/work/people").want(t, http.StatusForbidden)
		co.post("/work/people", url.Values{"email": {"x@example.cz"}, "name": {"X"}, "role": {"member"}}).want(t, http.StatusForbidden)
		co.get("/work").lacks(t, `href="/work/people"`).want(t, http.StatusOK, `href="/work/groups"`)
		admin.get("/work").want(t, http.StatusOK, `href="/work/people"`)
	})

	t.Run("InviteValidation", func(t *testing.T) {
		admin.post("/work/people", url.Values{"email": {"ne-e-mail"}, "name": {""}, "role": {"boss"}}).
			want(t, http.StatusUnprocessableEntity, `href="#email"`, `href="#name"`, `href="#role"`, `value="ne-e-mail"`, "Vyberte roli")
		admin.post("/work/people", url.Values{"email": {"SPRAVCE@example.cz"}, "name": {"Dvojník"}, "role": {"member"}}).
			want(t, http.StatusUnprocessableEntity, "ještě nemá účet", `value="Dvojník"`)
	})

	t.Run("InviteSetPasswordSignIn", func(t *testing.T) {
		p := admin.post("/work/people", url.Values{"email": {"Nova@Example.cz"}, "name": {"Nová Kolegyně"}, "role": {"coordinator"}})
		p.want(t, http.StatusOK, "Odkaz k nastavení hesla", "Pozvánka do Triady", "Dobrý den, Nová Kolegyně", "spravce@example.cz vás zve")
		link := passwordLink(t, p)
		// The same message waits in the outbox, with the same link.
		ms, err := f.eng.ListMail(ctx, engine.Operator(), "")
		if err != nil || len(ms) != 1 || ms[0].To != "nova@example.cz" || ms[0].Subject != "Pozvánka do Triady" ||
			!strings.Contains(ms[0].Text, strings.TrimPrefix(link, "/")) {
			t.Fatalf("the invitation e-mail (%v): %+v", err, ms)
		}
		u, err := f.eng.FindUser(ctx, engine.Operator(), mustUserID(t, f, "nova@example.cz"))
		if err != nil || u.PasswordHash != "" || u.Role != engine.RoleCoordinator {
			t.Fatalf("invited user: %+v, %v", u, err)
		}
		guest := f.visitor(t)
		guest.get(link).want(t, http.StatusOK, "nova@example.cz", `autocomplete="new-password"`)
		guest.post(link, url.Values{"password": {"krátké"}, "confirm": {"krátké"}}).
			want(t, http.StatusUnprocessableEntity, `href="#password"`, "alespoň 8 znaků").lacks(t, `value="krátké"`)
		guest.post(link, url.Values{"password": {"dlouhé heslo jedna"}, "confirm": {"dlouhé heslo dva"}}).
			want(t, http.StatusUnprocessableEntity, `href="#confirm"`, "Hesla se neshodují")
		guest.post(link, url.Values{"password": {"dlouhé heslo jedna"}, "confirm": {"dlouhé heslo jedna"}}).redirects(t, "/signin")
		guest.signIn("nova@example.cz", "dlouhé heslo jedna").redirects(t, "/work")
		guest.get("/work/groups").want(t, http.StatusOK)
		// The link is used up.
		f.visitor(t).get(link).want(t, http.StatusGone, "Odkaz už neplatí")
		f.visitor(t).post(link, url.Values{"password": {"jiné dlouhé heslo"}, "confirm": {"jiné dlouhé heslo"}}).want(t, http.StatusGone)
		f.visitor(t).get("/password/trp_nonsense").want(t, http.StatusNotFound, "Odkaz není platný")
	})

	t.Run("RoleResetRemove", func(t *testing.T) {
		admin2 := f.mustUser(t, "druhy@example.cz", engine.RoleAdmin)
		person := "/work/people/" + admin2.ID
		other := f.visitor(t)
		other.signIn("druhy@example.cz", staffPassword).redirects(t, "/work")
		admin.get("/work/people").want(t, http.StatusOK, `href="`+person+`"`, "druhy@example.cz")
		admin.post(person+"/role", url.Values{"role": {"coordinator"}}).redirects(t, person+"?role=1")
		admin.get(person+"?role=1").want(t, http.StatusOK, "Role je změněna", `<option value="coordinator" selected>`)
		admin.post(person+"/role", url.Values{"role": {"king"}}).want(t, http.StatusUnprocessableEntity)

		p := admin.post(person+"/reset", nil).want(t, http.StatusOK, "Nové heslo do Triady")
		link := passwordLink(t, p)
		other.get("/work").redirects(t, "/signin?next=%2Fwork") // sessions ended
		other.signIn("druhy@example.cz", staffPassword).want(t, http.StatusUnauthorized)
		f.visitor(t).post(link, url.Values{"password": {"úplně nové heslo"}, "confirm": {"úplně nové heslo"}}).redirects(t, "/signin")
		other.signIn("druhy@example.cz", "úplně nové heslo").redirects(t, "/work")

		admin.get(person+"/remove").want(t, http.StatusOK, "Odebrat účet?", "druhy@example.cz")
		admin.post(person+"/remove", nil).redirects(t, "/work/people?removed=1")
		// An admin who gives up the role goes back to the workspace.
		third := f.mustUser(t, "treti@example.cz", engine.RoleAdmin)
		v3 := f.visitor(t)
		v3.signIn("treti@example.cz", staffPassword).redirects(t, "/work")
		v3.post("/work/people/"+third.ID+"/role", url.Values{"role": {"coordinator"}}).redirects(t, "/work")
		v3.get("/work/people").want(t, http.StatusForbidden)
		admin.get(person).want(t, http.StatusNotFound)
		other.get("/work").redirects(t, "/signin?next=%2Fwork")
	})

	t.Run("LastAdmin", func(t *testing.T) {
		self := mustUserID(t, f, "spravce@example.cz")
		admin.post("/work/people/"+self+"/role", url.Values{"role": {"member"}}).want(t, http.StatusConflict, "poslední správce")
		admin.get("/work/people/"+self).lacks(t, "/remove\"")
		admin.post("/work/people/"+self+"/remove", nil).want(t, http.StatusConflict)
		if u, _ := f.eng.FindUser(ctx, engine.Operator(), self); u == nil || u.Role != engine.RoleAdmin {
			t.Fatal("the last admin was demoted or removed")
		}
	})
	// Last: the clock moves on past every session.
	t.Run("ExpiredLink", func(t *testing.T) {
		p := admin.post("/work/people", url.Values{"email": {"pozde@example.cz"}, "name": {"Pozdě"}, "role": {"member"}})
		link := passwordLink(t, p)
		f.clock.Add(engine.PasswordLinkTTL + time.Minute)
		f.visitor(t).get(link).want(t, http.StatusGone, "vypršela")
	})

}

// mustUserID returns the id of the user with the e-mail.
func mustUserID(tb testing.TB, f *pageFixture, email string) string {
	tb.Helper()
	return mustUserIDIn(tb, f.eng, email)
}

// The request log never holds a password link's token.
func TestPasswordLink_NotLogged(t *testing.T) {
	st := MustOpenStore(t)
	eng := engine.New(st, engine.Options{})
	if _, err := eng.AddUser(context.Background(), "spravce@example.cz", engine.RoleAdmin, "", staffPassword); err != nil {
		t.Fatal(err)
	}
	admin, err := eng.FindUser(context.Background(), engine.Operator(), mustUserIDIn(t, eng, "spravce@example.cz"))
	if err != nil {
		t.Fatal(err)
	}
	token, _, err := eng.InviteUser(context.Background(), admin, "nova@example.cz", engine.RoleMember, "Nová")
	if err != nil {
		t.Fatal(err)
	}
	var log strings.Builder
	h := New(eng, Options{Logger: slog.New(slog.NewTextHandler(&log, nil))})
	for _, path := range []string{"/password/" + token, "/password/" + token + "x"} {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, path, nil))
		if w.Code != http.StatusOK && w.Code != http.StatusNotFound {
			t.Fatalf("%s: status %d", path, w.Code)
		}
	}
	if !strings.Contains(log.String(), "/password/…") || strings.Contains(log.String(), token) {
		t.Fatalf("the log shows the token, or no request: %s", log.String())
	}
}

func mustUserIDIn(tb testing.TB, eng *engine.Engine, email string) string {
	tb.Helper()
	users, err := eng.ListUsers(context.Background(), engine.Operator())
	if err != nil {
		tb.Fatal(err)
	}
	for _, u := range users {
		if u.Email == email {
			return u.ID
		}
	}
	tb.Fatalf("no user %s", email)
	return ""
}
