package handlers_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/triada-kpss/triada/engine"
	"github.com/triada-kpss/triada/handlers"
	"github.com/triada-kpss/triada/store/sqlite"
)

// client is an independent API client of CONTRACT.md against a real
// server on loopback.
type client struct {
	tb    testing.TB
	base  string
	eng   *engine.Engine
	clock *testClock
}

type testClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *testClock) Now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *testClock) Set(t time.Time) { c.mu.Lock(); defer c.mu.Unlock(); c.now = t }

func mustServe(tb testing.TB) *client {
	tb.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(tb.TempDir(), "triada.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	clk := &testClock{now: time.Date(2027, 1, 20, 12, 0, 0, 0, time.UTC)}
	eng := engine.New(st, engine.Options{Now: clk.Now})
	srv := httptest.NewServer(handlers.New(eng, handlers.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}))
	tb.Cleanup(srv.Close)
	return &client{tb: tb, base: srv.URL + "/api/v1", eng: eng, clock: clk}
}

// token adds a user with the role and returns an API token of theirs.
func (c *client) token(email string, role engine.Role) string {
	c.tb.Helper()
	ctx := context.Background()
	if _, err := c.eng.AddUser(ctx, email, role, "", "correct horse battery"); err != nil {
		c.tb.Fatal(err)
	}
	t, err := c.eng.CreateToken(ctx, email)
	if err != nil {
		c.tb.Fatal(err)
	}
	return t
}

// call sends a request and decodes the JSON answer into a generic value.
func (c *client) call(method, path, token, contentType, body string) (int, any) {
	c.tb.Helper()
	req, err := http.NewRequest(method, c.base+path, strings.NewReader(body))
	if err != nil {
		c.tb.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		c.tb.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if ct := resp.Header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
		c.tb.Errorf("%s %s: Content-Type %q, body %s", method, path, ct, b)
	}
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		c.tb.Fatalf("%s %s: not JSON: %s", method, path, b)
	}
	return resp.StatusCode, v
}

// want calls and fails unless the status matches; it returns the body.
func (c *client) want(status int, method, path, token, body string) any {
	c.tb.Helper()
	ct := "application/json"
	if strings.HasPrefix(body, "id:") || strings.HasPrefix(body, "#") {
		ct = "application/yaml"
	}
	got, v := c.call(method, path, token, ct, body)
	if got != status {
		c.tb.Fatalf("%s %s: status %d, want %d; body %v", method, path, got, status, v)
	}
	return v
}

// field walks a decoded JSON value by keys and indexes.
func field(v any, path ...any) any {
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m, _ := v.(map[string]any)
			v = m[k]
		case int:
			a, _ := v.([]any)
			if k >= len(a) {
				return nil
			}
			v = a[k]
		}
	}
	return v
}

func contractExample(tb testing.TB) string {
	b, err := os.ReadFile("testdata/contract-example.yaml")
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

func errorFields(v any) []string {
	var out []string
	for _, e := range field(v, "errors").([]any) {
		out = append(out, field(e, "field").(string))
	}
	return out
}

func TestAPI_QuestionnairesAndResponses(t *testing.T) {
	c := mustServe(t)
	coord := c.token("koordinatorka@example.cz", engine.RoleCoordinator)
	member := c.token("clen@example.cz", engine.RoleMember)
	yaml := contractExample(t)

	c.want(401, "POST", "/questionnaires", "", yaml)
	c.want(403, "POST", "/questionnaires", member, yaml)
	v := c.want(201, "POST", "/questionnaires", coord, yaml)
	if field(v, "id") != "needs-2027" {
		t.Errorf("created: %v", v)
	}
	c.want(409, "POST", "/questionnaires", coord, yaml)
	bad := c.want(422, "POST", "/questionnaires", coord, strings.Replace(yaml, "type: scale", "type: slider", 1))
	if line := field(bad, "errors", 0, "line"); line != float64(24) {
		t.Errorf("the error names line %v, want 24: %v", line, bad)
	}
	// The same definition as JSON.
	asJSON := `{"id":"short","title":"Krátký","audience":"resident","pages":[{"questions":[{"id":"q","type":"text","text":"Co?"}]}]}`
	c.want(201, "POST", "/questionnaires", coord, asJSON)

	list := c.want(200, "GET", "/questionnaires", "", "").([]any)
	if len(list) != 2 || field(list, 0, "id") != "needs-2027" || field(list, 0, "open") != true || field(list, 0, "audience") != "resident" {
		t.Errorf("list: %v", list)
	}
	def := c.want(200, "GET", "/questionnaires/needs-2027", "", "")
	if field(def, "pages", 0, "questions", 3, "show_if", "includes") != "day_care" {
		t.Errorf("definition: %v", def)
	}
	c.want(404, "GET", "/questionnaires/nope", "", "")

	post := func(status int, answers string) any {
		t.Helper()
		return c.want(status, "POST", "/questionnaires/needs-2027/responses", "", `{"answers":`+answers+`}`)
	}
	post(201, `{"municipality":"znojmo","services_missing":["day_care"],"quality":4,"waiting_days":30,"remarks":"Chybí místa."}`)
	post(201, `{"municipality":"znojmo","quality":2,"waiting_days":99}`) // hidden: not stored
	post(201, `{"municipality":"other","services_missing":["day_care"],"quality":5,"waiting_days":10}`)
	v = post(422, `{"municipality":"brno","services_missing":"day_care","quality":6,"waiting_days":1.5,"remarks":7,"nope":1}`)
	if got := strings.Join(errorFields(v), ","); got != "municipality,services_missing,quality,remarks,nope" {
		t.Errorf("one error per bad answer: %s (%v)", got, v)
	}
	post(422, `{"quality":3}`) // municipality is required
	c.want(404, "POST", "/questionnaires/nope/responses", "", `{"answers":{}}`)

	c.want(401, "GET", "/questionnaires/needs-2027/results", "", "")
	res := c.want(200, "GET", "/questionnaires/needs-2027/results?segment=municipality&filter=quality:4&filter=quality:5", member, "")
	_ = res
	res = c.want(200, "GET", "/questionnaires/needs-2027/results?segment=municipality", member, "")
	if field(res, "total") != float64(3) {
		t.Errorf("total: %v", field(res, "total"))
	}
	wd := field(res, "questions", 3)
	if field(wd, "id") != "waiting_days" || field(wd, "answered") != float64(2) || field(wd, "median") != float64(20) || field(wd, "mean") != float64(20) {
		t.Errorf("waiting_days (the hidden answer must not count): %v", wd)
	}
	q := field(res, "questions", 2)
	if field(q, "options", 0, "value") != "2" || field(q, "segments", 0, "value") != "znojmo" || field(q, "segments", 0, "total") != float64(2) {
		t.Errorf("quality: %v", q)
	}
	if rm := field(res, "questions", 4); field(rm, "answered") != float64(1) || field(rm, "options") != nil {
		t.Errorf("remarks: %v", rm)
	}
	c.want(422, "GET", "/questionnaires/needs-2027/results?segment=quality", member, "")
	c.want(422, "GET", "/questionnaires/needs-2027/results?filter=nocolon", member, "")
	c.want(404, "GET", "/questionnaires/nope/results", member, "")

	// Outside the open window.
	c.clock.Set(time.Date(2027, 2, 10, 0, 0, 0, 0, time.UTC))
	post(409, `{"municipality":"znojmo"}`)
}

func TestAPI_BadBodies(t *testing.T) {
	c := mustServe(t)
	coord := c.token("koordinatorka@example.cz", engine.RoleCoordinator)
	c.want(201, "POST", "/questionnaires", coord, contractExample(t))
	path := "/questionnaires/needs-2027/responses"
	for name, tc := range map[string]struct {
		body   string
		status int
	}{
		"Malformed":   {`{"answers":`, 400},
		"InvalidUTF8": {"{\"answers\":{\"remarks\":\"\xff\"}}", 400},
		"WrongType":   {`{"answers":[1,2]}`, 422},
		"TooLarge":    {`{"answers":{"remarks":"` + strings.Repeat("x", 2<<20) + `"}}`, 413},
	} {
		t.Run(name, func(t *testing.T) {
			status, v := c.call("POST", path, "", "application/json", tc.body)
			if status != tc.status || field(v, "error") == nil {
				t.Errorf("status %d, want %d; body %v", status, tc.status, v)
			}
		})
	}
	res := c.want(200, "GET", "/questionnaires/needs-2027/results", coord, "")
	if field(res, "total") != float64(0) {
		t.Errorf("a bad request stored a response: %v", res)
	}
	c.want(422, "POST", "/questionnaires", coord, "id: bad id!\n")
}
