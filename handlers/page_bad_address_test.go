package handlers

import (
	"net/http"
	"strings"
	"testing"
)

// An address that is not UTF-8 text (found by internal/pagefuzz's
// FuzzPageQuery): a page answers 400 with a page in the visitor's
// language, not the API's JSON; the API keeps its JSON answer.
func TestPages_BadAddress(t *testing.T) {
	f := MustServePages(t, PageOptions{})
	v := f.signedIn(t, "koordinator@obec.cz", "coordinator")
	for _, path := range []string{"/providers?q=%FF%FE", "/work/audit?action=%00", "/q/all-types?%zz", "/work/people/%ff", "/c/%ff/comment"} {
		p := v.get(path).want(t, http.StatusBadRequest, "Adresa stránky je poškozená", `href="/"`)
		if ct := p.header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
			t.Errorf("GET %s: Content-Type %q, want a page", path, ct)
		}
	}
	v.get("/providers?lang=en&q=%FF").want(t, http.StatusBadRequest, "The page address is damaged")
	if p := v.get("/api/v1/providers?q=%fe"); p.status != http.StatusBadRequest || !strings.HasPrefix(p.header.Get("Content-Type"), "application/json") {
		t.Errorf("the API: %d %q, want a JSON 400", p.status, p.header.Get("Content-Type"))
	}
}
