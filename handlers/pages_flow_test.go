package handlers

import (
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
)

func TestPages_Validation(t *testing.T) {
	f := MustServePages(t, PageOptions{})
	v := f.visitor(t)
	t.Run("ErrRequired", func(t *testing.T) {
		p := v.post("/q/all-types/page/1", url.Values{"action": {"next"}, "why_red": {"protože <b>ano</b>"}, "pets": {"dog"}})
		p.want(t, http.StatusUnprocessableEntity,
			"<title>Chyba: ", `<div class="error-summary" role="alert" tabindex="-1"`,
			`<li><a href="#q-colour">Jakou barvu máte nejraději? Vyberte jednu z možností.</a></li>`,
			`<p class="error-message" id="colour-error"><span class="visually-hidden">Chyba:</span> Vyberte jednu z možností.</p>`,
			`aria-describedby="colour-help colour-error"`, `id="q-colour"`,
			// everything typed is still there, escaped
			`name="why_red" value="protože &lt;b&gt;ano&lt;/b&gt;"`, `value="dog" checked>`)
	})
	t.Run("ErrNumber", func(t *testing.T) {
		v.post("/q/all-types/page/1", url.Values{"action": {"next"}, "colour": {"red"}}).redirects(t, "/q/all-types/page/2")
		for _, typed := range []string{"21", "2,5", "dvě", "-1"} {
			v.post("/q/all-types/page/2", url.Values{"action": {"next"}, "rating": {"3"}, "people": {typed}}).
				want(t, http.StatusUnprocessableEntity, `<a href="#q-people">`, "Zadejte celé číslo od 0 do 20.",
					`name="people" value="`+typed+`"`, `aria-invalid="true"`, `value="3" checked>`)
		}
	})
	t.Run("ErrScale", func(t *testing.T) {
		v.post("/q/all-types/page/2", url.Values{"action": {"next"}, "rating": {"9"}}).
			want(t, http.StatusUnprocessableEntity, `<a href="#q-rating">Jak jste spokojeni? Vyberte číslo od 1 do 5.</a>`)
	})
	t.Run("ErrTooLong", func(t *testing.T) {
		v.post("/q/all-types/page/2", url.Values{"action": {"next"}, "rating": {"2"}, "people": {"1 000"}}).
			want(t, http.StatusUnprocessableEntity, "Zadejte celé číslo od 0 do 20.")
		v.post("/q/all-types/page/2", url.Values{"action": {"next"}, "rating": {"2"}, "people": {"3"}}).redirects(t, "/q/all-types/page/4")
		long := strings.Repeat("ž", 502)
		v.post("/q/all-types/page/4", url.Values{"action": {"submit"}, "remarks": {long}}).
			want(t, http.StatusUnprocessableEntity, "Odpověď může mít nejvýše 500 znaků, vaše má 502.", long)
		v.post("/q/all-types/page/4?lang=en", url.Values{"action": {"submit"}, "remarks": {long}}).
			want(t, http.StatusUnprocessableEntity, "Your answer can be up to 500 characters long; it has 502.")
	})
	t.Run("ErrNotOffered", func(t *testing.T) {
		v.post("/q/all-types/page/1?lang=cs", url.Values{"action": {"next"}, "colour": {"green"}, "pets": {"cat", "fish"}}).
			want(t, http.StatusUnprocessableEntity, "Vyberte jednu z nabízených možností.", "Vyberte jen z nabízených možností.")
	})
}

// TestPages_ShowIfWithoutScript fills the pages as a browser without
// JavaScript: the server hides questions by the answers of earlier pages,
// skips a page whose questions are all hidden, and ignores answers to
// questions that turn out hidden.
func TestPages_ShowIfWithoutScript(t *testing.T) {
	f := MustServePages(t, PageOptions{})
	v := f.visitor(t)
	// Blue hides why_red: its answer is ignored. A dog shows dog_name on page 2; no cat skips page 3.
	v.post("/q/all-types/page/1", url.Values{"action": {"next"}, "colour": {"blue"}, "why_red": {"ignored"}, "pets": {"dog"}}).
		redirects(t, "/q/all-types/page/2")
	v.get("/q/all-types/page/2").want(t, http.StatusOK, `name="dog_name"`).lacks(t, `data-show-if`)
	v.post("/q/all-types/page/2", url.Values{"action": {"next"}, "rating": {"5"}, "dog_name": {"Rex"}}).redirects(t, "/q/all-types/page/4")
	v.get("/q/all-types/page/3").redirects(t, "/q/all-types/page/4") // hidden page
	v.post("/q/all-types/page/4", url.Values{"action": {"back"}}).redirects(t, "/q/all-types/page/2")
	v.post("/q/all-types/page/2", url.Values{"action": {"back"}, "rating": {"5"}, "dog_name": {"Rex"}}).redirects(t, "/q/all-types/page/1")
	// A cat now: page 3 appears and asks its question.
	v.post("/q/all-types/page/1", url.Values{"action": {"next"}, "colour": {"blue"}, "pets": {"cat", "dog"}}).redirects(t, "/q/all-types/page/2")
	v.post("/q/all-types/page/2", url.Values{"action": {"next"}, "rating": {"5"}, "dog_name": {"Rex"}}).redirects(t, "/q/all-types/page/3")
	v.get("/q/all-types/page/3").want(t, http.StatusOK, `name="cat_count"`, "Krok 3 ze 4")
	v.post("/q/all-types/page/3", url.Values{"action": {"next"}, "cat_count": {"2"}}).redirects(t, "/q/all-types/page/4")
	thanks := v.follow(v.post("/q/all-types/page/4", url.Values{"action": {"submit"}}))
	thanks.want(t, http.StatusOK, "Děkujeme")
	r, err := f.eng.FindSubmission(t.Context(), "all-types", v.cookie(draftCookie, "/q/all-types/"))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := r.Answers["why_red"]; ok || r.Answers["dog_name"] != "Rex" || r.Answers["cat_count"] != 2.0 {
		t.Errorf("answers %v", r.Answers)
	}
}

func TestPages_BackAndNextLoseNothing(t *testing.T) {
	f := MustServePages(t, PageOptions{})
	v := f.visitor(t)
	v.post("/q/all-types/page/1", url.Values{"action": {"next"}, "colour": {"red"}, "why_red": {"Je veselá"}, "pets": {"cat"}})
	// Back from page 2 keeps what was typed there, even when it is not valid yet.
	v.post("/q/all-types/page/2", url.Values{"action": {"back"}, "people": {"třicet"}}).redirects(t, "/q/all-types/page/1")
	v.get("/q/all-types/page/1").want(t, http.StatusOK, `value="red" checked>`, `value="Je veselá"`, `value="cat" checked>`).
		lacks(t, "error-summary")
	v.get("/q/all-types/page/2").want(t, http.StatusOK, `value="třicet"`).lacks(t, "error-summary")
	t.Run("NoSkippingAhead", func(t *testing.T) {
		v.get("/q/all-types/page/4").redirects(t, "/q/all-types/page/2") // page 2 is not answered well
		f.visitor(t).get("/q/all-types/page/3").redirects(t, "/q/all-types/page/1")
	})
	t.Run("ErrNoSuchPage", func(t *testing.T) {
		for _, n := range []string{"0", "5", "x", "01"} {
			v.get("/q/all-types/page/"+n).want(t, http.StatusNotFound, "Stránka nenalezena")
		}
	})
}

// TestPages_SubmitOnce sends the last page twice at once, then again with
// the back button, and once more after a reload: one response is stored.
func TestPages_SubmitOnce(t *testing.T) {
	f := MustServePages(t, PageOptions{})
	v := f.visitor(t)
	v.post("/q/all-types/page/1", url.Values{"action": {"next"}, "colour": {"blue"}})
	v.post("/q/all-types/page/2", url.Values{"action": {"next"}, "rating": {"3"}})
	last := url.Values{"action": {"submit"}, "remarks": {"Díky"}}
	var wg sync.WaitGroup
	pages := make([]*page, 3)
	for i := range pages {
		wg.Go(func() { pages[i] = v.post("/q/all-types/page/4", last) })
	}
	wg.Wait()
	for _, p := range pages {
		p.redirects(t, "/q/all-types/thanks")
	}
	ref := v.get("/q/all-types/thanks").want(t, http.StatusOK, "Číslo vaší odpovědi").reference(t)
	v.post("/q/all-types/page/4", last).redirects(t, "/q/all-types/thanks") // back and submit again
	v.get("/q/all-types/page/4").redirects(t, "/q/all-types/thanks")        // back: the form is done
	if again := v.get("/q/all-types/thanks").reference(t); again != ref {
		t.Errorf("reference %s after a reload, want %s", again, ref)
	}
	if n := f.countResponses(t, "all-types"); n != 1 {
		t.Errorf("%d responses stored, want 1", n)
	}
	t.Run("Restart", func(t *testing.T) {
		v.get("/q/all-types").want(t, http.StatusOK, "už byly odpovědi", "Vyplnit dotazník znovu")
		v.post("/q/all-types/restart", nil).redirects(t, "/q/all-types/page/1")
		v.get("/q/all-types/page/1").want(t, http.StatusOK).lacks(t, "checked")
		v.get("/q/all-types/thanks").redirects(t, "/q/all-types")
	})
}

func TestPages_Resume(t *testing.T) {
	f := MustServePages(t, PageOptions{BaseURL: "http://triada.example.cz/"})
	v := f.visitor(t)
	v.post("/q/all-types/page/1", url.Values{"action": {"next"}, "colour": {"red"}, "why_red": {"Je veselá"}})
	v.post("/q/all-types/page/2?lang=sk", url.Values{"action": {"save"}, "rating": {"4"}, "people": {"12"}}).redirects(t, "/q/all-types/saved")
	saved := v.get("/q/all-types/saved").want(t, http.StatusOK, "Vaše odpovede sú uložené", "http://triada.example.cz/q/all-types/resume?token=",
		"Odkaz platí do 14. 2. 2027.")
	link := saved.body[strings.Index(saved.body, "/q/all-types/resume?token="):]
	link = link[:strings.IndexByte(link, '"')]
	// Another browser, days later, opens the link: same answers, same page, the draft's language.
	f.clock.Add(20 * 24 * 3600e9)
	other := f.visitor(t)
	other.get(link).redirects(t, "/q/all-types/page/2")
	other.get("/q/all-types/page/2").want(t, http.StatusOK, `<html lang="sk">`, `value="4" checked>`, `value="12"`)
	other.get("/q/all-types/page/1").want(t, http.StatusOK, `value="red" checked>`, `value="Je veselá"`)
	t.Run("ErrExpired", func(t *testing.T) {
		f.clock.Add(31 * 24 * 3600e9)
		f.visitor(t).get(link).want(t, http.StatusNotFound, "Odkaz už neplatí", `href="/q/all-types"`)
	})
	t.Run("ErrUnknown", func(t *testing.T) {
		f.visitor(t).get("/q/all-types/resume?token=nosuchtoken").want(t, http.StatusNotFound, "Odkaz už neplatí")
		f.visitor(t).get("/q/all-types/resume").want(t, http.StatusNotFound, "Odkaz už neplatí")
	})
	t.Run("SavedWithoutDraft", func(t *testing.T) {
		f.visitor(t).get("/q/all-types/saved").redirects(t, "/q/all-types")
	})
}
