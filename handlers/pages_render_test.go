package handlers

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/triada-kpss/triada/templates"
)

func TestTemplates_Parse(t *testing.T) {
	e, err := templates.New()
	if err != nil {
		t.Fatal(err)
	}
	// Every page the handlers render by name is among those parsed (the
	// list grows with each part of Triada).
	for _, name := range []string{"form", "home", "message", "saved", "signin", "start", "thanks", "work"} {
		if !slices.Contains(e.Pages(), name) {
			t.Errorf("pages %s lack %s", strings.Join(e.Pages(), ","), name)
		}
	}
	for _, name := range []string{"site.css", "form.js"} {
		if a, ok := e.Asset(name); !ok || len(a.Body) == 0 || a.Hash == "" {
			t.Errorf("asset %s missing", name)
		}
	}
}

func TestPages_Home(t *testing.T) {
	f := MustServePages(t, PageOptions{})
	v := f.visitor(t)
	v.get("/").want(t, http.StatusOK, `<html lang="cs">`, `href="/q/needs-survey"`, "Průzkum potřeb obyvatel",
		`href="/q/all-types"`, "Všechny typy otázek")
	v.get("/?lang=en").want(t, http.StatusOK, `<html lang="en">`, "Residents&#39; survey of social service needs", "Every type of question")
}

func TestPages_Start(t *testing.T) {
	f := MustServePages(t, PageOptions{})
	v := f.visitor(t)
	v.get("/q/all-types").want(t, http.StatusOK, "<h1", "Všechny typy otázek", "Dotazník má 4 kroky.",
		`href="/q/all-types/page/1"`, "Začít vyplňovat")
	v.get("/q/needs-survey?lang=sk").want(t, http.StatusOK, "Dotazník má 4 kroky.", "Začať vypĺňať")
	v.get("/q/needs-survey?lang=en").want(t, http.StatusOK, "The questionnaire has 4 steps.", "Start now")
}

// TestPages_QuestionTypes checks that each type of question is drawn with
// its label, or its fieldset and legend, and its hints.
func TestPages_QuestionTypes(t *testing.T) {
	f := MustServePages(t, PageOptions{})
	v := f.visitor(t)
	p1 := v.get("/q/all-types/page/1").want(t, http.StatusOK,
		// choice: radios in a fieldset whose legend is the question, required in words, help described
		`<fieldset class="fieldset" aria-describedby="colour-help">`,
		`<legend class="legend">Jakou barvu máte nejraději? <span class="required">(povinné)</span></legend>`,
		`<div class="hint" id="colour-help">Vyberte jednu barvu.</div>`,
		`<input class="choice__input" type="radio" id="q-colour" name="colour" value="red">`,
		`<label class="choice__label" for="q-colour">Červenou</label>`,
		`<label class="choice__label" for="q-colour-2">Modrou</label>`,
		// multi: checkboxes in a fieldset
		`<legend class="legend">Jaká zvířata máte?</legend>`,
		`<input class="choice__input" type="checkbox" id="q-pets" name="pets" value="cat">`,
		// short text: a labelled input
		`<label class="label" for="q-why_red">Proč červenou?</label>`,
		`id="q-why_red" name="why_red"`,
		// progress, one form with the CSRF token and the honeypot
		`<p class="progress">Krok 1 ze 3</p>`, `name="csrf_token" value="`, `name="website"`)
	if strings.Count(p1.body, "<fieldset") != 2 || strings.Count(p1.body, "<legend") != 2 {
		t.Errorf("want two fieldsets with legends on page 1")
	}
	v.post("/q/all-types/page/1", url.Values{"action": {"next"}, "colour": {"blue"}}).redirects(t, "/q/all-types/page/2")
	v.get("/q/all-types/page/2").want(t, http.StatusOK,
		// scale: labelled radios side by side
		`<div class="choices choices--scale">`, `<legend class="legend">Jak jste spokojeni? <span class="required">(povinné)</span></legend>`,
		`<input class="choice__input" type="radio" id="q-rating" name="rating" value="1">`,
		`<label class="choice__label" for="q-rating-5">5</label>`,
		// number: a labelled text input with numeric keyboard and its bounds as hint
		`<label class="label" for="q-people">Kolik lidí žije ve vaší domácnosti?</label>`,
		`<div class="hint" id="people-hint">Zadejte celé číslo od 0 do 20.</div>`,
		`inputmode="numeric"`, `aria-describedby="people-hint"`,
		`<p class="progress">Krok 2 ze 3</p>`, `value="back"`).
		lacks(t, "dog_name") // show_if on an earlier page, not met: not drawn
	v.post("/q/all-types/page/2", url.Values{"action": {"next"}, "rating": {"4"}}).redirects(t, "/q/all-types/page/4")
	v.get("/q/all-types/page/4").want(t, http.StatusOK,
		// long text: a text area with its limit and a character count
		`<label class="label" for="q-remarks">Chcete nám něco vzkázat?</label>`,
		`<textarea class="textarea" rows="5" id="q-remarks" name="remarks" aria-describedby="remarks-hint remarks-count"`,
		`<div class="hint" id="remarks-hint">Můžete napsat nejvýše 500 znaků.</div>`,
		`<div class="char-count" id="remarks-count" aria-live="polite" hidden>`,
		`value="submit"`, "Odeslat odpovědi", `<p class="progress">Krok 3 ze 3</p>`)
}

func TestPages_Static(t *testing.T) {
	f := MustServePages(t, PageOptions{})
	v := f.visitor(t)
	e, _ := templates.New()
	css, _ := e.Asset("site.css")
	p := v.get(css.URL())
	if p.status != http.StatusOK || !strings.HasPrefix(p.header.Get("Content-Type"), "text/css") ||
		!strings.Contains(p.header.Get("Cache-Control"), "immutable") {
		t.Errorf("site.css: %d %v", p.status, p.header)
	}
	if p := v.get("/static/form.js"); p.status != http.StatusOK || !strings.HasPrefix(p.header.Get("Content-Type"), "text/javascript") {
		t.Errorf("form.js: %d %v", p.status, p.header)
	}
	if p := v.get("/static/nothing.js"); p.status != http.StatusNotFound {
		t.Errorf("unknown asset: %d", p.status)
	}
}
