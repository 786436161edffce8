package handlers

import (
	"context"
	"io"
	"maps"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/triada-kpss/triada/engine"
	"github.com/triada-kpss/triada/forms/builtin"
)

// pageClock is a settable clock for the pages' tests.
type pageClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *pageClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *pageClock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// pageFixture is Triada over a fresh store on a test server, with the
// residents' needs survey and the questionnaire of testdata/all-types.yaml.
type pageFixture struct {
	eng   *engine.Engine
	clock *pageClock
	srv   *httptest.Server
}

// MustServePages starts the fixture; the server stops when the test ends.
func MustServePages(tb testing.TB, opts PageOptions) *pageFixture {
	tb.Helper()
	clk := &pageClock{now: time.Date(2027, 1, 15, 10, 0, 0, 0, time.UTC)}
	eng := engine.New(MustOpenStore(tb), engine.Options{Now: clk.Now})
	f := &pageFixture{eng: eng, clock: clk}
	f.MustCreate(tb, builtin.Files()["needs-survey.yaml"])
	data, err := os.ReadFile("testdata/all-types.yaml")
	if err != nil {
		tb.Fatal(err)
	}
	f.MustCreate(tb, data)
	f.srv = httptest.NewServer(New(eng, Options{Logger: quietLogger(), Pages: opts}))
	tb.Cleanup(f.srv.Close)
	return f
}

// MustCreate stores a questionnaire definition written in YAML.
func (f *pageFixture) MustCreate(tb testing.TB, yaml []byte) {
	tb.Helper()
	if _, _, err := f.eng.CreateQuestionnaire(context.Background(), engine.Operator(), yaml, "yaml"); err != nil {
		tb.Fatalf("create questionnaire: %v", err)
	}
}

// visitor is one browser: its own cookies, redirects not followed.
type visitor struct {
	tb     testing.TB
	f      *pageFixture
	client *http.Client
	header http.Header
}

// visitor returns a new browser that has opened the first page of the
// questionnaire all-types, and so holds a CSRF cookie.
func (f *pageFixture) visitor(tb testing.TB) *visitor {
	tb.Helper()
	jar, _ := cookiejar.New(nil)
	v := &visitor{tb: tb, f: f, header: http.Header{}, client: &http.Client{
		Jar:           jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
	v.get("/q/all-types/page/1").want(tb, http.StatusOK)
	return v
}

// page is one answer the visitor got.
type page struct {
	status   int
	header   http.Header
	body     string
	location string
}

// do sends a request, with a form-encoded body if there is one.
func (v *visitor) do(method, path string, body io.Reader) *page {
	v.tb.Helper()
	contentType := ""
	if body != nil {
		contentType = "application/x-www-form-urlencoded"
	}
	return v.send(method, path, contentType, body)
}

// send sends a request with the visitor's headers and cookies and the body
// of that content type.
func (v *visitor) send(method, path, contentType string, body io.Reader) *page {
	v.tb.Helper()
	req, err := http.NewRequest(method, v.f.srv.URL+path, body)
	if err != nil {
		v.tb.Fatal(err)
	}
	for k, vs := range v.header {
		req.Header[k] = vs
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	res, err := v.client.Do(req)
	if err != nil {
		v.tb.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return &page{status: res.StatusCode, header: res.Header, body: string(b), location: res.Header.Get("Location")}
}

func (v *visitor) get(path string) *page { return v.do(http.MethodGet, path, nil) }

// post sends a form, with the CSRF token of the visitor's cookie unless
// the form sets one.
func (v *visitor) post(path string, form url.Values) *page {
	v.tb.Helper()
	form = maps.Clone(form)
	if form == nil {
		form = url.Values{}
	}
	if _, ok := form["csrf_token"]; !ok {
		form.Set("csrf_token", v.cookie(csrfCookie, "/"))
	}
	return v.do(http.MethodPost, path, strings.NewReader(form.Encode()))
}

// cookie returns the value of the visitor's cookie sent to path.
func (v *visitor) cookie(name, path string) string {
	u, _ := url.Parse(v.f.srv.URL + path)
	for _, c := range v.client.Jar.Cookies(u) {
		if c.Name == name {
			return c.Value
		}
	}
	return ""
}

// follow GETs where a redirect points.
func (v *visitor) follow(p *page) *page {
	v.tb.Helper()
	if p.status != http.StatusSeeOther && p.status != http.StatusFound {
		v.tb.Fatalf("status %d, want a redirect; body %.500s", p.status, p.body)
	}
	return v.get(p.location)
}

// want fails unless the page has the status and every fragment.
func (p *page) want(tb testing.TB, status int, fragments ...string) *page {
	tb.Helper()
	if p.status != status {
		tb.Errorf("status %d, want %d; body %.800s", p.status, status, p.body)
	}
	for _, f := range fragments {
		if !strings.Contains(p.body, f) {
			tb.Errorf("the page lacks %q; body %.3000s", f, p.body)
		}
	}
	return p
}

// lacks fails when the page has one of the fragments.
func (p *page) lacks(tb testing.TB, fragments ...string) *page {
	tb.Helper()
	for _, f := range fragments {
		if strings.Contains(p.body, f) {
			tb.Errorf("the page has %q", f)
		}
	}
	return p
}

// redirects fails unless the page is a 303 to location.
func (p *page) redirects(tb testing.TB, location string) *page {
	tb.Helper()
	if p.status != http.StatusSeeOther || p.location != location {
		tb.Errorf("got %d to %q, want 303 to %q; body %.500s", p.status, p.location, location, p.body)
	}
	return p
}

var referencePattern = regexp.MustCompile(`class="reference">([A-Z2-7]{4}-[A-Z2-7]{4})<`)

// reference returns the reference a thank-you page shows.
func (p *page) reference(tb testing.TB) string {
	tb.Helper()
	m := referencePattern.FindStringSubmatch(p.body)
	if m == nil {
		tb.Fatalf("no reference on the page: %.2000s", p.body)
	}
	return m[1]
}

// countResponses counts the stored responses of a questionnaire.
func (f *pageFixture) countResponses(tb testing.TB, id string) int {
	tb.Helper()
	c, err := f.eng.Store().CountAnswers(context.Background(), engine.CountQuery{Questionnaire: id})
	if err != nil {
		tb.Fatal(err)
	}
	return c.Total
}
