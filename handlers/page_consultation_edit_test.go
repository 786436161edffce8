package handlers

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/triada-kpss/triada/engine"
)

// consultationForm returns a filled form of the consultation page (the
// clock of the fixture is 15 January 2027).
func consultationValues(id, title string, sections ...string) url.Values {
	v := url.Values{"id": {id}, "title": {title}, "opens_at": {"2027-02-01T00:00"}, "closes_at": {"2027-02-28T23:59"}, "version": {"0"}}
	for i := 0; i+2 < len(sections)+1; i += 3 {
		v.Add("section_id", sections[i])
		v.Add("section_title", sections[i+1])
		v.Add("section_text", sections[i+2])
	}
	return v
}

func TestConsultationEditPages(t *testing.T) {
	f := MustServePages(t, PageOptions{})
	co := f.signedIn(t, "koordinatorka@example.cz", engine.RoleCoordinator)
	ctx := context.Background()

	t.Run("ErrMember", func(t *testing.T) {
		m := f.signedIn(t, "clen@example.cz", engine.RoleMember)
		m.get("/work/consultations/new").want(t, http.StatusForbidden)
		m.post("/work/consultations/new", consultationValues("x", "X", "a", "A", "")).want(t, http.StatusForbidden)
	})

	t.Run("RowButtonsKeepWhatIsTyped", func(t *testing.T) {
		co.get("/work/consultations/new").want(t, http.StatusOK, `id="sections-2-title"`).lacks(t, `id="sections-3-title"`)
		form := consultationValues("kp", "Plán", "uvod", "Úvod", "Text úvodu", "seniori", "Senioři", "Text pro seniory")
		form.Set("op", "add")
		co.post("/work/consultations/new", form).want(t, http.StatusOK, `id="sections-2-title"`, `value="Plán"`, "Text pro seniory").
			lacks(t, `id="sections-3-title"`, "error-summary")
		form.Set("op", "up:1")
		p := co.post("/work/consultations/new", form).want(t, http.StatusOK)
		if i, j := strings.Index(p.body, `value="seniori"`), strings.Index(p.body, `value="uvod"`); i < 0 || j < 0 || i > j {
			t.Fatalf("up:1 did not move the second section first (%d, %d)", i, j)
		}
		form.Set("op", "remove:0")
		co.post("/work/consultations/new", form).want(t, http.StatusOK, `value="seniori"`).lacks(t, `value="uvod"`, `id="sections-1-title"`)
		if _, err := f.eng.FindConsultation(ctx, "kp"); err == nil {
			t.Fatal("a row button saved the consultation")
		}
	})

	t.Run("Validation", func(t *testing.T) {
		form := consultationValues("Špatně", "", "uvod", "Úvod", "", "", "", "", "Uvod!", "", "Text bez nadpisu")
		form.Set("closes_at", "2027-01-01T00:00")
		form.Set("op", "save")
		co.post("/work/consultations/new", form).want(t, http.StatusUnprocessableEntity,
			`href="#id"`, `href="#title"`, `href="#closes_at"`, `href="#sections-2-id"`, `href="#sections-2-title"`,
			`value="Špatně"`, "Text bez nadpisu", `value="Uvod!"`, "pozdější než začátek")
		form = consultationValues("kp", "Plán")
		form.Set("opens_at", "zítra")
		co.post("/work/consultations/new", form).want(t, http.StatusUnprocessableEntity, `href="#opens_at"`, `href="#sections"`, `value="zítra"`)
	})

	t.Run("CreateEditWhileScheduled", func(t *testing.T) {
		form := consultationValues("kp", "Komunitní plán", "uvod", "Úvod", "Text úvodu", "seniori", "Senioři", "Priorita 1")
		co.post("/work/consultations/new", form).redirects(t, "/work/consultations/kp/edit?saved=1")
		co.post("/work/consultations/new", form).want(t, http.StatusUnprocessableEntity, "už existuje", `value="Komunitní plán"`)
		co.get("/work/consultations/kp/edit?saved=1").want(t, http.StatusOK, "uloženo", "naplánováno", `value="2027-02-01T00:00"`, "Priorita 1")

		form = consultationValues("", "Komunitní plán 2028", "uvod", "Úvod", "Text úvodu", "seniori", "Senioři", "Priorita 1", "rodiny", "Rodiny", "Nový oddíl")
		form.Set("closes_at", "2027-03-15T12:00")
		co.post("/work/consultations/kp/edit", form).redirects(t, "/work/consultations/kp/edit?saved=1")
		c, err := f.eng.FindConsultation(ctx, "kp")
		if err != nil || c.Title != "Komunitní plán 2028" || len(c.Sections) != 3 || c.Version != 1 ||
			!c.ClosesAt.Equal(time.Date(2027, 3, 15, 11, 0, 0, 0, time.UTC)) {
			t.Fatalf("after the edit: %+v, %v", c, err)
		}
		// A form opened before that edit is refused.
		co.post("/work/consultations/kp/edit", form).want(t, http.StatusConflict, "mezitím")
		co.get("/work/consultations/new").want(t, http.StatusOK, `href="/work/consultations/kp/edit"`)
	})

	t.Run("OnlyWordingOnceOpen", func(t *testing.T) {
		f.clock.Add(18 * 24 * time.Hour) // 2 February: open
		co = f.visitor(t)
		co.signIn("koordinatorka@example.cz", staffPassword).redirects(t, "/work")
		if _, err := f.eng.SubmitComment(ctx, "kp", engine.CommentInput{Section: "seniori", Text: "Chybí odlehčovací služba.",
			Author: engine.AuthorInput{Name: "Jana", Email: "jana@example.cz"}}); err != nil {
			t.Fatal(err)
		}
		co.get("/work/consultations/kp/edit").want(t, http.StatusOK, "probíhá", "lze opravovat jen znění", "1 připomínka")
		base := func() url.Values {
			v := consultationValues("", "Komunitní plán 2028", "uvod", "Úvod", "Text úvodu", "seniori", "Senioři", "Priorita 1", "rodiny", "Rodiny", "Nový oddíl")
			v.Set("closes_at", "2027-03-15T12:00")
			v.Set("version", "1")
			return v
		}
		form := base()
		form.Set("closes_at", "2027-03-31T12:00")
		co.post("/work/consultations/kp/edit", form).want(t, http.StatusUnprocessableEntity, `href="#closes_at"`)
		form = base()
		form.Add("section_id", "novy")
		form.Add("section_title", "Nový")
		form.Add("section_text", "")
		co.post("/work/consultations/kp/edit", form).want(t, http.StatusUnprocessableEntity, `href="#sections-3-id"`)
		form = consultationValues("", "Komunitní plán 2028", "uvod", "Úvod", "Text úvodu", "rodiny", "Rodiny", "Nový oddíl")
		form.Set("closes_at", "2027-03-15T12:00")
		form.Set("version", "1")
		co.post("/work/consultations/kp/edit", form).want(t, http.StatusUnprocessableEntity, `href="#sections"`, "s připomínkami nelze odebrat")
		form = base()
		form["section_text"][1] = "Priorita 1: odlehčovací služba (opraveno)."
		co.post("/work/consultations/kp/edit", form).redirects(t, "/work/consultations/kp/edit?saved=1")
		if c, _ := f.eng.FindConsultation(ctx, "kp"); c.Sections[1].Text != "Priorita 1: odlehčovací služba (opraveno)." {
			t.Fatalf("wording not corrected: %+v", c.Sections[1])
		}
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		co.get("/work/consultations/nic/edit").want(t, http.StatusNotFound)
		co.post("/work/consultations/nic/edit", consultationValues("", "X", "a", "A", "")).want(t, http.StatusNotFound)
	})
}
