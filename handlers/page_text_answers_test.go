package handlers

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/triada-kpss/triada/engine"
)

const codingSurvey = `id: coding-2027
title: "Průzkum potřeb"
audience: resident
pages:
  - questions:
      - id: quality
        type: scale
        text: "Spokojenost"
        min: 1
        max: 5
      - id: remarks
        type: text
        text: "Co vám chybí?"
        tags: [families]
`

// mustRemarks submits responses with the remarks and returns their ids.
func (f *pageFixture) mustRemarks(tb testing.TB, remarks ...string) []string {
	tb.Helper()
	var ids []string
	for _, r := range remarks {
		b, _ := json.Marshal(r)
		resp, err := f.eng.SubmitResponse(context.Background(), "coding-2027", map[string]json.RawMessage{"remarks": b}, "")
		if err != nil {
			tb.Fatal(err)
		}
		ids = append(ids, resp.ID)
	}
	return ids
}

func TestStaffTextAnswers(t *testing.T) {
	f := MustServePages(t, PageOptions{})
	f.MustCreate(t, []byte(codingSurvey))
	ids := f.mustRemarks(t, "Chybí DOPRAVA do Znojma.\nHlavně večer.", "<script>alert(1)</script>", "Denní stacionář")
	const screen = "/work/questionnaires/coding-2027/text/remarks"
	v := f.signedIn(t, "koordinator@obec.cz", engine.RoleCoordinator)

	v.get(screen).want(t, http.StatusOK, "Co vám chybí?", "Odpovědí: 3.", "Chybí DOPRAVA do Znojma.\nHlavně večer.",
		"&lt;script&gt;alert(1)&lt;/script&gt;", `<label class="label" for="code-`+ids[0]+`">Přidat kód</label>`, "Zatím bez kódu.").
		lacks(t, "<script>alert")
	v.get(screen+"?search=doprava").want(t, http.StatusOK, "Odpovědí: 1.", "DOPRAVA").lacks(t, "Denní stacionář")

	// Adding a code returns to the same search at the answer; the code
	// shows there and in the list of codes in use.
	codes := screen + "/answers/" + ids[0] + "/codes"
	added := v.post(codes, url.Values{"add": {"  doprava  "}, "search": {"doprava"}, "page": {"1"}})
	added.redirects(t, screen+"?search=doprava#answer-"+ids[0])
	v.get(screen).want(t, http.StatusOK, `<span class="code">doprava</span>`, "Použité kódy", `<option value="doprava">`,
		`name="remove" value="doprava"`)
	v.post(screen+"/answers/"+ids[2]+"/codes", url.Values{"add": {"doprava"}}).redirects(t, screen+"#answer-"+ids[2])
	v.get(screen).want(t, http.StatusOK, "doprava</span> 2×")

	// Removing it.
	v.post(codes, url.Values{"remove": {"doprava"}}).redirects(t, screen+"#answer-"+ids[0])
	v.get(screen).want(t, http.StatusOK, "doprava</span> 1×")

	// A refused code: 422, the error linked from the summary, what was
	// typed kept, nothing stored.
	long := strings.Repeat("ž", engine.MaxCodeLength+1)
	bad := v.post(codes, url.Values{"add": {long}})
	bad.want(t, http.StatusUnprocessableEntity, `href="#code-`+ids[0]+`"`, `value="`+long+`"`, `aria-invalid="true"`, "Napište kód o 1 až 80 znacích")
	v.post(codes, url.Values{"add": {"   "}}).want(t, http.StatusUnprocessableEntity, `href="#code-`+ids[0]+`"`)
	v.get(screen).lacks(t, `<span class="code">ž`)

	// Bad requests and other roles.
	v.get(screen+"?page=abc").want(t, http.StatusBadRequest)
	v.get(screen+"?page=0").want(t, http.StatusBadRequest)
	v.get(screen+"?page=9").want(t, http.StatusOK, "Žádná odpověď neodpovídá.")
	v.get("/work/questionnaires/coding-2027/text/nope").want(t, http.StatusNotFound)
	v.get("/work/questionnaires/nope/text/remarks").want(t, http.StatusNotFound)
	v.get("/work/questionnaires/coding-2027/text/quality").want(t, http.StatusUnprocessableEntity)
	v.post(screen+"/answers/nope/codes", url.Values{"add": {"x"}}).want(t, http.StatusNotFound)
	v.post(codes, url.Values{"add": {"x"}, "csrf_token": {"forged-token-forged-token-forged"}}).want(t, http.StatusForbidden)

	member := f.signedIn(t, "clen@obec.cz", engine.RoleMember)
	member.get(screen).want(t, http.StatusForbidden)
	member.post(codes, url.Values{"add": {"x"}}).want(t, http.StatusForbidden)
	f.visitor(t).get(screen).redirects(t, "/signin?next="+url.QueryEscape(screen))
}

func TestStaffTextAnswersPaging(t *testing.T) {
	f := MustServePages(t, PageOptions{})
	f.MustCreate(t, []byte(codingSurvey))
	var remarks []string
	for i := range 30 {
		remarks = append(remarks, fmt.Sprintf("Poznámka číslo %02d", i+1))
	}
	f.mustRemarks(t, remarks...)
	const screen = "/work/questionnaires/coding-2027/text/remarks"
	v := f.signedIn(t, "koordinator@obec.cz", engine.RoleCoordinator)
	v.get(screen).want(t, http.StatusOK, "Stránka 1 z 2.", "Poznámka číslo 25", `href="`+screen+`?page=2" rel="next"`).
		lacks(t, "Poznámka číslo 26", `rel="prev"`)
	v.get(screen+"?page=2").want(t, http.StatusOK, "Stránka 2 z 2.", "Odpověď 26", "Poznámka číslo 30", `href="`+screen+`" rel="prev"`).
		lacks(t, "Poznámka číslo 25", `rel="next"`)
	v.get(screen+"?search=CISLO+0&page=1").want(t, http.StatusOK, "Odpovědí: 9.").lacks(t, "rel=\"next\"")
}
