package pagefuzz_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// formRoute is one POST route of the pages with its path parameters
// filled in, and valid forms for it (from the handlers' tests) as seeds.
type formRoute struct {
	path  string
	seeds []url.Values
}

// formRoutes are the pages' POST routes (grep '\.POST(' handlers/*.go).
// POST /signout is left out: it would end the session every other input
// needs. The member, never the signed-in coordinator or admin, is the
// person the people and group routes change, so that their sessions stay
// usable however the state drifts (the member's may end: a removed or
// reset member is a visitor again).
func (f *fixture) formRoutes() []formRoute {
	q := "/work/questionnaires/" + survey
	inv := "/work/questionnaires/" + capacity + "/invitations"
	comment := "/work/comments/" + f.comment
	person := "/work/people/" + f.member
	section := []url.Values{{"section_id": {"uvod", "seniori"}, "section_title": {"Úvod", "Senioři"}, "section_text": {"**Plán**", "1. Služba"},
		"id": {"kp-2"}, "title": {"Plán"}, "opens_at": {"2027-02-01T00:00"}, "closes_at": {"2027-02-28T23:59"}, "version": {"1"}, "op": {"add"}}}
	aComment := url.Values{"text": {"Chybí odlehčovací služba."}, "name": {"Jan Novák"}, "email": {"jan.novak@example.cz"},
		"municipality": {"Znojmo"}, "organisation": {""}, "publish_name": {"yes"}}
	return []formRoute{
		{"/signin", []url.Values{{"email": {memberEmail}, "password": {"wrong password"}, "next": {"/work/people"}}}},
		{"/password/" + f.passwordToken, []url.Values{{"password": {"dlouhé heslo jedna"}, "confirm": {"dlouhé heslo dva"}}}},
		{"/q/" + survey + "/page/1", []url.Values{{"obec": {"obec-001"}, "vek": {"26-45"}, "deti": {"2"}, "action": {"next"}},
			{"obec": {"obec-002"}, "action": {"save"}}, {"action": {"lang:en"}}, {"deti": {"1e308"}, "action": {"back"}}}},
		{"/q/" + survey + "/page/2", []url.Values{{"sluzby": {"denni-stacionar", "pecovatelska"}, "cekani": {"30"}, "spokojenost": {"4"},
			"poznamka": {"Chybí doprava."}, "action": {"submit"}}}},
		{"/q/" + survey + "/restart", []url.Values{{}}},
		{"/q/" + survey + "/saved", []url.Values{{"email": {"jana@example.cz"}}}},
		{"/c/" + consultation + "/comment", []url.Values{aComment}},
		{"/c/" + consultation + "/s/seniori/comment", []url.Values{aComment}},
		{"/work/questionnaires", []url.Values{{"definition": {"id: q2\ntitle: T\naudience: resident\npages:\n  - questions:\n      - {id: a, type: text, text: A}\n"},
			"format": {"yaml"}, "action": {"check"}}}},
		{q, []url.Values{{"definition": {"{}"}, "format": {"json"}, "version": {"1"}, "action": {"check"}}}},
		{q + "/window", []url.Values{{"version": {"1"}, "opens_at": {"2027-02-01T08:00"}, "closes_at": {"2027-01-31T08:00"}}}},
		{q + "/open", []url.Values{{"version": {"1"}, "confirm": {"yes"}}}},
		{q + "/close", []url.Values{{"version": {"1"}, "confirm": {"yes"}}}},
		{q + "/copy", []url.Values{{"new_id": {"fuzz-copy"}, "opens_at": {"2027-02-01T08:00"}, "closes_at": {"2027-03-01T08:00"}}}},
		{q + "/preview/1", []url.Values{{"obec": {"obec-001"}, "action": {"next"}}}},
		{q + "/text/poznamka/answers/" + f.response + "/codes", []url.Values{{"add": {"  doprava  "}, "search": {"doprava"}, "page": {"1"}},
			{"remove": {"doprava"}}}},
		{inv, []url.Values{{"name": {"Domov"}, "ico": {"70891095"}, "email": {"a@domov.test"}}}},
		{inv + "/upload", []url.Values{{"rows": {"name;ico;email\nDomov;70891095;b@domov.test\n"}}}},
		{inv + "/import", []url.Values{{"name": {"Domov", "Charita"}, "ico": {"70891095", "25596641"}, "email": {"c@domov.test", "d@charita.test"}},
			{"name": {"Domov", "Charita"}, "ico": {"70891095", "25596641"}, "email": {"e@domov.test", "není e-mail"}}}},
		{inv + "/remind", []url.Values{{"invite": {f.invite}}}},
		{inv + "/remind-all", []url.Values{{}}},
		{inv + "/revoke", []url.Values{{"invite": {f.invite}}}},
		{"/work/providers/" + f.provider + "/withdraw", []url.Values{{}}},
		{"/work/providers/" + f.provider + "/restore", []url.Values{{}}},
		{"/work/providers/drafts/" + draftICO + "/approve", []url.Values{{"version": {"1"}}}},
		{"/work/providers/drafts/" + draftICO + "/return", []url.Values{{"version": {"1"}, "note": {"Doplňte kapacitu."}}}},
		{"/work/personal-data/erase", []url.Values{{"email": {"jan@example.cz"}, "confirm": {"yes"}}}},
		{"/work/consultations/" + consultation + "/triage", []url.Values{{"ids": {f.comment}, "version-" + f.comment: {"1"},
			"relevance": {"relevant"}, "groups": {"seniori"}, "filter_section": {""}}}},
		{"/work/consultations/" + consultation + "/publish", []url.Values{{"confirm": {"yes"}}}},
		{comment + "/triage", []url.Values{{"relevance": {"not_relevant"}, "groups": {"seniori"}, "response": {"Netýká se plánu."}, "version": {"1"}}}},
		{comment + "/decision", []url.Values{{"outcome": {"accepted"}, "response": {"Ano."}, "version": {"2"}}}},
		{"/work/consultations/new", section},
		{"/work/consultations/" + consultation + "/edit", section},
		{"/work/outbox/retry", []url.Values{{"id": {failedMail}}}},
		{"/work/groups", []url.Values{{"id": {"rodiny"}, "name": {"Rodiny"}, "description": {"S dětmi"}, "tags": {"rodiny, deti"}},
			{"id": {"dlouhy"}, "name": {"Dlouhý popis"}, "description": {strings.Repeat("ž", 2001)}}}},
		{"/work/groups/seniori", []url.Values{{"name": {"Senioři"}, "description": {"Nad 65"}, "tags": {"seniori"}}}},
		{"/work/groups/seniori/members", []url.Values{{"member": {f.member}}}},
		{"/work/groups/seniori/members/" + f.member + "/remove", []url.Values{{}}},
		{"/work/people", []url.Values{{"email": {"novy@triada.test"}, "name": {"Nový"}, "role": {"member"}}}},
		{person + "/role", []url.Values{{"role": {"coordinator"}}, {"role": {"member"}}}},
		{person + "/reset", []url.Values{{}}},
		{person + "/remove", []url.Values{{}}},
	}
}

// hostile are bodies every route gets as seeds besides its valid forms.
var hostile = []string{
	"", "=", "&&&", "%zz", "a=%zz&b=%", "version=-1", "version=99999999999999999999999", "version=1e308",
	"obec=\xff\xfe&name=\xc3\x28", "email=a&email=b&email=c", "csrf_token=forged&csrf_token=x",
	"page=0&page=-5", "ids=x&ids=x&ids=x", "website=spam", "opens_at=9999-99-99T99:99", "op=remove:-1",
	"op=down:2147483647", "id=../../etc&name=%00", "text=" + strings.Repeat("ž", 5000),
}

// FuzzPageForm posts arbitrary url-encoded bodies to every POST route of
// the pages, from a visitor's browser or signed in as a member, a
// coordinator or an admin, with the browser's CSRF token or without:
// each answer is an HTML page under 500, or a redirect, and a refused
// form has written nothing.
func FuzzPageForm(f *testing.F) {
	fx := mustFixture(f)
	routes := fx.formRoutes()
	for i, r := range routes {
		for _, form := range r.seeds {
			for _, who := range []uint8{admin, coordinator, member} {
				f.Add(uint8(i), []byte(form.Encode()), who, true)
			}
		}
		f.Add(uint8(i), []byte(r.seeds[0].Encode()), uint8(visitor), false)
	}
	// Each hostile body on a few routes, not on all: the fuzzer moves
	// bodies between routes, and fewer seeds leave the time for it.
	for j, body := range hostile {
		for k := range 3 {
			f.Add(uint8(j*3+k), []byte(body), uint8(admin), true)
		}
	}
	f.Fuzz(func(t *testing.T, route uint8, body []byte, who uint8, withCSRF bool) {
		r := routes[int(route)%len(routes)]
		b := fx.browsers[int(who)%len(fx.browsers)]
		if r.path == "/signin" {
			// A sign-in ends the browser's old session: the signed-in
			// browsers stay out of it, or a good password would end theirs.
			b = fx.browsers[visitor]
		}
		form := string(body) // a copy: the fuzzer owns body and reuses it
		if withCSRF {
			form += "&csrf_token=" + b.csrf.Value
		}
		req := httptest.NewRequest(http.MethodPost, r.path, strings.NewReader(form))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		before := fx.changes(t)
		w := fx.do(req, b)
		checkPage(t, w, "")
		// A refused form changes nothing; but a triage of several
		// comments keeps those that did not conflict, and says so (409).
		partial := w.Code == http.StatusConflict && r.path == "/work/consultations/"+consultation+"/triage"
		if w.Code >= 400 && !partial && fx.changes(t) != before {
			t.Fatalf("status %d changed the store: %q", w.Code, form)
		}
	})
}
