package handlers

import (
	"strings"
	"testing"
)

// TestBrowser_NeedsSurvey fills the residents' built-in survey end to end
// in a real browser, as a person would: a validation error on the first
// page, show_if on the second, "continue later" on the third, the resume
// link opened in another browser, and the submission.
func TestBrowser_NeedsSurvey(t *testing.T) {
	t.Run("JavaScript", func(t *testing.T) {
		f := MustServePages(t, PageOptions{})
		b := newTab(t, f, true)
		b.open("/q/needs-survey")
		b.submit("a.button--start")
		b.wantPath("/q/needs-survey/page/1")

		// Continue with nothing answered: the summary takes the focus and links to the fields.
		b.submit(`button[value="next"]`)
		b.wantPath("/q/needs-survey/page/1")
		if !b.is(`document.activeElement.classList.contains("error-summary")`) {
			t.Errorf("the error summary does not have the focus: %s", b.str(`document.activeElement.outerHTML.slice(0, 80)`))
		}
		if got := b.str(`[...document.querySelectorAll(".error-summary a")].map(a => a.getAttribute("href")).join(" ")`); got != "#q-municipality #q-age_band" {
			t.Errorf("summary links %q", got)
		}
		b.click(`.error-summary a[href="#q-age_band"]`)
		if id := b.str(`document.activeElement.id`); id != "q-age_band" {
			t.Errorf("the summary link focused %q", id)
		}
		b.click(option("municipality", "javorna"))
		b.click(option("age_band", "65_79"))
		b.click(option("care_situation", "carer"))
		b.submit(`button[value="next"]`)
		b.wantPath("/q/needs-survey/page/2")

		// Questions appear and disappear as the person answers.
		if b.shown("#field-services_used") || b.shown("#field-satisfaction") {
			t.Error("services_used or satisfaction shown before uses_services is answered")
		}
		b.click(option("uses_services", "yes"))
		if !b.shown("#field-services_used") || !b.shown("#field-satisfaction") || b.shown("#field-satisfaction_comment") {
			t.Error("yes should show services_used and satisfaction, not the comment")
		}
		b.click(option("services_used", "pecovatelska_sluzba"))
		b.click(option("satisfaction", "2"))
		if !b.shown("#field-satisfaction_comment") {
			t.Fatal("a satisfaction of 2 should ask for a comment")
		}
		b.typeIn("#q-satisfaction_comment", "Pečovatelka chodí pozdě.")
		b.click(option("satisfaction", "5"))
		if b.shown("#field-satisfaction_comment") {
			t.Error("a satisfaction of 5 should hide the comment")
		}
		b.click(option("satisfaction", "2"))
		if v := b.value("#q-satisfaction_comment"); v != "Pečovatelka chodí pozdě." {
			t.Errorf("the comment came back as %q", v)
		}
		b.submit(`button[value="next"]`)
		b.wantPath("/q/needs-survey/page/3")

		b.click(option("services_missing", "other_service"))
		b.typeIn("#q-services_missing_other", "Doprava k lékaři")
		b.submit(`button[value="save"]`)
		b.wantPath("/q/needs-survey/saved")
		link := b.str(`document.getElementById("resume-link").href`)
		if !strings.Contains(link, "/q/needs-survey/resume?token=") {
			t.Fatalf("resume link %q", link)
		}

		// Another device: the link brings back the answers and the page.
		other := newTab(t, f, true)
		other.open(link)
		other.wantPath("/q/needs-survey/page/3")
		if !other.checked(option("services_missing", "other_service")) || other.value("#q-services_missing_other") != "Doprava k lékaři" {
			t.Error("the resumed page lost its answers")
		}
		other.submit(`button[value="next"]`)
		other.wantPath("/q/needs-survey/page/4")
		other.typeIn("#q-remarks", "Děkujeme.")
		if got := other.str(`document.getElementById("remarks-count").textContent`); got != "Zbývá 1991 znaků." {
			t.Errorf("character count %q", got)
		}
		// Switching the language keeps what was just typed.
		other.submit(`a[data-lang="en"]`)
		other.wantPath("/q/needs-survey/page/4")
		if other.str(`document.documentElement.lang`) != "en" || other.value("#q-remarks") != "Děkujeme." {
			t.Errorf("after switching to English: lang %q, remarks %q", other.str(`document.documentElement.lang`), other.value("#q-remarks"))
		}
		// A double click sends once; the server would store one response anyway.
		if _, err := runDoubleClick(other, `button[value="submit"]`); err != nil {
			t.Fatal(err)
		}
		other.wantPath("/q/needs-survey/thanks")
		if ref := other.str(`document.querySelector(".reference").textContent`); len(ref) != 9 {
			t.Errorf("reference %q", ref)
		}
		if n := f.countResponses(t, "needs-survey"); n != 1 {
			t.Fatalf("%d responses, want 1", n)
		}
		wantAnswers(t, f, other, map[string]string{
			"municipality": "javorna", "uses_services": "yes", "satisfaction": "2",
			"satisfaction_comment": "Pečovatelka chodí pozdě.", "services_missing_other": "Doprava k lékaři", "remarks": "Děkujeme.",
		})
	})

	t.Run("NoJavaScript", func(t *testing.T) {
		f := MustServePages(t, PageOptions{})
		b := newTab(t, f, false)
		b.open("/q/needs-survey/page/1")
		b.click(option("household", "alone"))
		b.submit(`button[value="next"]`)
		b.wantPath("/q/needs-survey/page/1")
		if !b.shown(".error-summary") || !b.checked(option("household", "alone")) {
			t.Error("want the error summary and the answer given kept")
		}
		b.click(option("municipality", "olsany"))
		b.click(option("age_band", "80_plus"))
		b.submit(`button[value="next"]`)
		b.wantPath("/q/needs-survey/page/2")

		// Without a script every question of the page is there; the server sorts them out.
		if !b.shown("#field-services_used") || !b.shown("#field-satisfaction_comment") {
			t.Error("without JavaScript all questions of the page should show")
		}
		b.click(option("uses_services", "no"))
		b.click(option("satisfaction", "1"))
		b.typeIn("#q-satisfaction_comment", "Nehodí se, nevyužívám.")
		b.submit(`button[value="next"]`)
		b.wantPath("/q/needs-survey/page/3")
		b.submit(`button[value="back"]`)
		b.wantPath("/q/needs-survey/page/2")
		if !b.checked(option("uses_services", "no")) {
			t.Error("Back lost the answer")
		}
		b.submit(`button[value="next"]`)
		b.click(option("barriers", "transport"))
		b.submit(`button[value="save"]`)
		link := b.str(`document.getElementById("resume-link").href`)

		other := newTab(t, f, false)
		other.open(link)
		other.wantPath("/q/needs-survey/page/3")
		if !other.checked(option("barriers", "transport")) {
			t.Error("the resumed page lost its answers")
		}
		other.submit(`button[value="next"]`)
		if !other.is(`!!document.getElementById("remarks-count")`) || other.shown("#remarks-count") {
			t.Error("the character count is a script's: it should stay hidden")
		}
		other.click(option("future_care", "home_services"))
		other.submit(`button[value="submit"]`)
		other.wantPath("/q/needs-survey/thanks")
		if n := f.countResponses(t, "needs-survey"); n != 1 {
			t.Fatalf("%d responses, want 1", n)
		}
		// The answers to the questions that "no" hides were dropped.
		wantAnswers(t, f, other, map[string]string{"uses_services": "no", "household": "alone", "satisfaction": "", "satisfaction_comment": "", "future_care": "home_services"})
	})
}
