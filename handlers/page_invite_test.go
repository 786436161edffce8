package handlers

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/triada-kpss/triada/engine"
)

// A provider opens their personal link, answers, comes back through the
// same link and changes the answer: one response, holding the change.
func TestPages_InvitationLink(t *testing.T) {
	f := MustServePages(t, PageOptions{})
	f.MustCreate(t, []byte(strings.ReplaceAll(inviteYAML, "ID", "providers")))
	ctx := context.Background()
	token, _, err := f.eng.CreateInvite(ctx, engine.Operator(), "providers", "reditel@charita.cz", "Charita")
	if err != nil {
		t.Fatal(err)
	}
	link := "/i/" + token

	stranger := f.visitor(t)
	stranger.get("/q/providers").want(t, http.StatusForbidden)
	stranger.get("/i/"+strings.Repeat("A", len(token))).want(t, http.StatusNotFound, "Odkaz pozvánky neplatí")
	stranger.get("/i/short").want(t, http.StatusNotFound)

	v := f.visitor(t)
	open := v.get(link)
	open.redirects(t, "/q/providers")
	if open.header.Get("Referrer-Policy") != "no-referrer" {
		t.Errorf("Referrer-Policy %q on a personal link", open.header.Get("Referrer-Policy"))
	}
	if v.cookie(inviteCookie, "/q/providers") != token || v.cookie(inviteCookie, "/") != "" {
		t.Fatal("the link's token is not kept for the questionnaire's pages alone")
	}
	v.get("/q/providers").want(t, http.StatusOK, `href="/q/providers/page/1"`)
	v.post("/q/providers/page/1", url.Values{"action": {"submit"}, "x": {"Kapacita 12 lůžek"}}).redirects(t, "/q/providers/thanks")
	v.get("/q/providers/thanks").want(t, http.StatusOK, `class="reference"`, "Změnit odpovědi")
	if n := f.countResponses(t, "providers"); n != 1 {
		t.Fatalf("%d responses after the first answer", n)
	}

	// Days later, from another computer, through the same link: the
	// answer is there to change.
	again := f.visitor(t)
	again.get(link).redirects(t, "/q/providers")
	again.get("/q/providers").want(t, http.StatusOK, "Pokračovat ve vyplňování")
	again.get("/q/providers/page/1").want(t, http.StatusOK, "Kapacita 12 lůžek")
	again.post("/q/providers/page/1", url.Values{"action": {"submit"}, "x": {"Kapacita 15 lůžek"}}).redirects(t, "/q/providers/thanks")
	again.get("/q/providers/thanks").want(t, http.StatusOK, `class="reference"`)

	// The first computer sees the answer sent, and may change it again.
	v.get("/q/providers").want(t, http.StatusOK, "Na tuto pozvánku jste už odpověděli", "Změnit odpovědi")
	v.post("/q/providers/restart", nil).redirects(t, "/q/providers/page/1")
	v.get("/q/providers/page/1").want(t, http.StatusOK, "Kapacita 15 lůžek")

	inv, err := f.eng.FindInvite(ctx, token)
	if err != nil {
		t.Fatal(err)
	}
	if n := f.countResponses(t, "providers"); n != 1 || inv.Response == nil || inv.Response.Answers["x"] != "Kapacita 15 lůžek" {
		t.Fatalf("%d responses; the invitation's holds %v", n, inv.Response)
	}
}

// The request log never shows a personal link's token.
func TestLogPathHidesInvitationToken(t *testing.T) {
	if got := logPath("/i/Zm9vYmFyYmF6"); strings.Contains(got, "Zm9v") {
		t.Fatalf("logged %q", got)
	}
	if got := logPath("/q/needs"); got != "/q/needs" {
		t.Fatalf("logged %q", got)
	}
}
