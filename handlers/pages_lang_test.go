package handlers

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

func TestPages_Language(t *testing.T) {
	f := MustServePages(t, PageOptions{})
	t.Run("Default", func(t *testing.T) {
		f.visitor(t).get("/q/needs-survey/page/1").want(t, http.StatusOK, `<html lang="cs">`, "Ve které obci žijete?", "Krok 1 ze 4")
	})
	t.Run("AcceptLanguage", func(t *testing.T) {
		v := f.visitor(t)
		v.header.Set("Accept-Language", "sk-SK,sk;q=0.9,en;q=0.5")
		p := v.get("/q/needs-survey/page/1").want(t, http.StatusOK, `<html lang="sk">`, "V ktorej obci žijete?", "Krok 1 zo 4", "(povinné)")
		if p.header.Get("Content-Language") != "sk" {
			t.Errorf("Content-Language %q", p.header.Get("Content-Language"))
		}
		v.header.Set("Accept-Language", "de-AT, de")
		v.get("/q/needs-survey/page/1").want(t, http.StatusOK, `<html lang="cs">`)
	})
	t.Run("SwitchRemembered", func(t *testing.T) {
		v := f.visitor(t)
		v.header.Set("Accept-Language", "sk")
		v.get("/q/needs-survey/page/1?lang=en").want(t, http.StatusOK, `<html lang="en">`, "Which municipality do you live in?",
			"Step 1 of 4", "(required)", `<span class="language__current" aria-current="true" lang="en">English</span>`,
			`href="/q/needs-survey/page/1?lang=cs" lang="cs" hreflang="cs" data-lang="cs">Čeština</a>`)
		v.get("/").want(t, http.StatusOK, `<html lang="en">`, "Questionnaires and surveys")
		v.get("/?lang=de").want(t, http.StatusOK, `<html lang="en">`) // not a language: the remembered one
		v.get("/?lang=cs").want(t, http.StatusOK, `<html lang="cs">`)
	})
	t.Run("SwitchKeepsTyping", func(t *testing.T) {
		// The script's language links send the page with action lang:XX.
		v := f.visitor(t)
		v.post("/q/all-types/page/1", url.Values{"action": {"lang:sk"}, "why_red": {"rozepsáno"}}).redirects(t, "/q/all-types/page/1")
		v.get("/q/all-types/page/1").want(t, http.StatusOK, `<html lang="sk">`, "Akú farbu máte najradšej?", `value="rozepsáno"`).
			lacks(t, "error-summary")
		v.post("/q/all-types/page/1", url.Values{"action": {"lang:xx"}}).redirects(t, "/q/all-types/page/1")
		v.get("/q/all-types/page/1").want(t, http.StatusOK, `<html lang="sk">`)
	})
	t.Run("QuestionnaireFallsBackToCzech", func(t *testing.T) {
		f.MustCreate(t, []byte("id: only-czech\ntitle: Jen česky\naudience: resident\npages:\n  - questions:\n      - {id: x, type: text, text: {cs: Česká otázka}}\n"))
		f.visitor(t).get("/q/only-czech/page/1?lang=en").want(t, http.StatusOK, `<html lang="en">`, "Česká otázka", "Jen česky", "Step 1 of 1")
	})
}

// rawKey finds a catalog key shown instead of its text.
var rawKey = regexp.MustCompile(`\b(?:msg|form|start|error|errors|saved|thanks|home|layout|lang|hint|count|progress|question|questionnaire)\.[a-z_]+`)

var staticURL = regexp.MustCompile(`/static/[a-z.]+`)

// TestPages_EveryTextTranslated walks every page in every language and
// looks for catalog keys left bare.
func TestPages_EveryTextTranslated(t *testing.T) {
	f := MustServePages(t, PageOptions{})
	f.MustCreate(t, []byte(strings.ReplaceAll(closedYAML, "ID", "closed")))
	limited := MustServePages(t, PageOptions{SubmitLimit: 1})
	limited.visitor(t).post("/q/all-types/page/1", url.Values{"action": {"save"}}).redirects(t, "/q/all-types/saved")
	for _, lang := range []string{"cs", "sk", "en"} {
		v := f.visitor(t)
		q := "?lang=" + lang
		pages := []*page{
			v.get("/" + q), v.get("/q/all-types" + q), v.get("/q/all-types/page/1" + q),
			v.post("/q/all-types/page/1"+q, url.Values{"action": {"next"}, "colour": {"nope"}}),
			v.post("/q/all-types/page/1"+q, url.Values{"action": {"save"}}),
			v.get("/q/all-types/saved" + q), v.get("/q/all-types" + q), v.get("/q/nothing" + q), v.get("/q/closed" + q),
			v.get("/q/all-types/resume?token=x&lang=" + lang),
			v.post("/q/all-types/page/1"+q, url.Values{"csrf_token": {"x"}}),
			v.post("/q/all-types/page/1"+q, url.Values{"website": {"x"}}),
			limited.visitor(t).post("/q/all-types/page/1"+q, url.Values{"action": {"next"}}).want(t, http.StatusTooManyRequests),
		}
		for i, p := range pages {
			if m := rawKey.FindString(staticURL.ReplaceAllString(p.body, "")); m != "" {
				t.Errorf("%s, page %d (%d): shows the key %s", lang, i, p.status, m)
			}
		}
	}
}
