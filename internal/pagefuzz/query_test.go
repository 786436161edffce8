package pagefuzz_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// pageRoute is one GET route of the pages with its path parameters
// filled in, the content type of its 200 answer ("" for HTML), and
// queries it reads (from the handlers' tests) as seeds.
type pageRoute struct {
	path, contentType string
	seeds             []string
}

// pageRoutes are the GET routes of the public pages and the staff area
// (grep '\.GET(' handlers/*.go), but the health check, which is no page.
func (f *fixture) pageRoutes() []pageRoute {
	q := "/work/questionnaires/" + survey
	inv := "/work/questionnaires/" + capacity + "/invitations"
	catalogue := []string{"q=PECOVATELSKA&target_group=seniori&form=residential&municipality=Zlonice&service_type=domovy_pro_seniory&lang=sk"}
	report := []string{"filter=obec:obec-001&filter=vek:26-45&segment=obec&print=1", "filter=nope:x&segment=nope", "filter=obec&segment="}
	return []pageRoute{
		{"/", "", []string{"lang=en"}},
		{"/accessibility", "", []string{"lang=sk"}},
		{"/privacy", "", nil},
		{"/static/site.css", "text/css", []string{"v=0123456789"}},
		{"/i/" + f.inviteToken, "", nil},
		{"/q/" + survey, "", []string{"lang=en"}},
		{"/q/" + survey + "/page/1", "", []string{"check=1"}},
		{"/q/" + survey + "/saved", "", []string{"email=jana@example.cz"}},
		{"/q/" + survey + "/resume", "", []string{"token=abc&invite=def"}},
		{"/q/" + survey + "/thanks", "", nil},
		{"/providers", "", catalogue},
		{"/providers/print", "", catalogue},
		{"/providers/" + f.provider, "", []string{"lang=en"}},
		{"/providers.csv", "text/csv", catalogue},
		{"/providers.json", "application/json", nil},
		{"/codelists.json", "application/json", nil},
		{"/c/" + consultation, "", []string{"lang=en"}},
		{"/c/" + consultation + "/comment", "", nil},
		{"/c/" + consultation + "/s/seniori/comment", "", nil},
		{"/c/" + consultation + "/sent/" + f.comment, "", nil},
		{"/c/" + published + "/outcomes", "", []string{"lang=en"}},
		{"/c/" + published + "/outcomes.csv", "text/csv", nil},
		{"/c/" + published + "/outcomes.xlsx", "application/vnd.openxmlformats", nil},
		{"/signin", "", []string{"next=/work/people", "next=//evil.example", "signed_out=1"}},
		{"/password/" + f.passwordToken, "", nil},
		{"/work", "", nil},
		{"/work/audit", "", []string{"email=koordinator@triada.test&action=sign_in&from=2026-01-01&to=2027-12-31&page=2",
			"from=2027-02-30&to=x&page=-1", "from=2027-12-31&to=2026-01-01"}},
		{"/work/audit.csv", "text/csv", []string{"from=2026-01-01&to=2027-12-31"}},
		{"/work/questionnaires", "", []string{"created=1"}},
		{"/work/questionnaires/new", "", nil},
		{q, "", []string{"saved=1"}},
		{q + "/open", "", nil},
		{q + "/close", "", nil},
		{q + "/copy", "", nil},
		{q + "/preview/1", "", nil},
		{q + "/text/poznamka", "", []string{"search=doprava&page=1", "page=abc", "page=0", "page=9", "code=doprava"}},
		{inv, "", []string{"revoked=1"}},
		{inv + "/revoke", "", []string{"invite=" + f.invite}},
		{"/work/providers", "", []string{"done=withdrawn"}},
		{"/work/providers/" + f.provider + "/withdraw", "", nil},
		{"/work/providers/drafts", "", []string{"state=pending", "state=returned", "state=nope"}},
		{"/work/providers/drafts/" + draftICO, "", nil},
		{"/work/personal-data", "", []string{"email=jan@example.cz", "email=jan@example.cz&erased=1&comments=1&mail=2"}},
		{"/work/personal-data.json", "application/json", []string{"email=jan@example.cz"}},
		{"/work/personal-data/erase", "", []string{"email=jan@example.cz"}},
		{"/work/consultations", "", nil},
		{"/work/consultations/" + consultation + "/comments", "", []string{"section=seniori&state=decided&group=seniori&triaged=2", "section=-"}},
		{"/work/consultations/" + consultation + "/publish", "", nil},
		{"/work/comments", "", nil},
		{"/work/comments/" + f.comment, "", []string{"saved=1"}},
		{"/work/consultations/new", "", nil},
		{"/work/consultations/" + consultation + "/edit", "", []string{"saved=1"}},
		{"/work/outbox", "", []string{"state=failed", "state=sent", "state=nope"}},
		{"/work/reports", "", nil},
		{"/work/reports/q/" + survey, "", report},
		{"/work/reports/g/seniori", "", append([]string{"questionnaire=" + survey}, report...)},
		{"/work/groups", "", nil},
		{"/work/groups/seniori", "", []string{"added=1&removed=1&saved=1"}},
		{"/work/groups/seniori/members/" + f.member + "/remove", "", nil},
		{"/work/people", "", []string{"created=1&role=coordinator"}},
		{"/work/people/" + f.member, "", []string{"role=1"}},
		{"/work/people/" + f.member + "/remove", "", nil},
	}
}

// hostileQueries are queries every route gets as seeds besides its own.
var hostileQueries = []string{
	"", "%zz", "a=%", "page=99999999999999999999", "page=-1", "lang=xx&lang=en", "\xff\xfe=\xc3\x28",
	"from=9999-99-99&to=0000-00-00", "filter=:&filter=obec:", "next=javascript:alert(1)", "q=" + strings.Repeat("ž", 3000),
	"state=failed&state=sent", "v=\x00",
}

// FuzzPageQuery opens every GET page of the public pages and the staff
// area with an arbitrary query string, signed in as an admin, a
// coordinator or a member, or as a visitor: each answer is a page (or the
// route's file) under 500, or a redirect, and writes nothing.
func FuzzPageQuery(f *testing.F) {
	fx := mustFixture(f)
	routes := fx.pageRoutes()
	for i, r := range routes {
		for _, s := range r.seeds {
			f.Add(uint8(i), []byte(s), uint8(admin))
		}
		f.Add(uint8(i), []byte(nil), uint8(i%4)) // a visitor, member, coordinator or admin
	}
	// Each hostile query on a few routes, as FuzzPageForm does.
	for j, s := range hostileQueries {
		for k := range 5 {
			f.Add(uint8(j*5+k), []byte(s), uint8(admin))
		}
	}
	f.Fuzz(func(t *testing.T, route uint8, query []byte, who uint8) {
		r := routes[int(route)%len(routes)]
		req := httptest.NewRequest(http.MethodGet, r.path, nil)
		req.URL.RawQuery = requestTarget(query)
		req.RequestURI = r.path + "?" + req.URL.RawQuery
		before := fx.changes(t)
		w := fx.do(req, fx.browsers[int(who)%len(fx.browsers)])
		checkPage(t, w, r.contentType)
		// Opening a page writes nothing (a draft or the audit log aside).
		if fx.changes(t) != before {
			t.Fatalf("GET %s?%s (status %d) changed the store", r.path, req.URL.RawQuery, w.Code)
		}
	})
}

// requestTarget escapes the bytes that cannot stand in a request line
// (controls, the space, '#'), which Go's server refuses before any
// handler; every other byte, invalid UTF-8 included, reaches Triada as
// sent.
func requestTarget(query []byte) string {
	var b strings.Builder
	for _, c := range query {
		if c <= ' ' || c == 0x7f || c == '#' {
			fmt.Fprintf(&b, "%%%02X", c)
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}
