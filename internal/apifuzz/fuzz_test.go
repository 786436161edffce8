package apifuzz_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/triada-kpss/triada/engine"
	"github.com/triada-kpss/triada/forms"
	"github.com/triada-kpss/triada/handlers"
	"github.com/triada-kpss/triada/internal/loadgen"
	"github.com/triada-kpss/triada/store/sqlite"
)

const questionnaire = "fuzz"

// fixture is a handler over a fresh embedded store holding the load
// survey, and a coordinator's token.
type fixture struct {
	h     http.Handler
	def   *forms.Definition
	token string
}

func mustFixture(tb testing.TB) *fixture {
	tb.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(tb.TempDir(), "triada.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { _ = st.Close() })
	eng := engine.New(st, engine.Options{})
	if _, err := eng.AddUser(ctx, "fuzz@triada.test", engine.RoleCoordinator, "Fuzz", "fuzz password"); err != nil {
		tb.Fatal(err)
	}
	token, err := eng.CreateToken(ctx, "fuzz@triada.test")
	if err != nil {
		tb.Fatal(err)
	}
	actor, err := eng.Authenticate(ctx, token)
	if err != nil {
		tb.Fatal(err)
	}
	q, _, err := eng.CreateQuestionnaire(ctx, actor, loadgen.SurveyJSON(questionnaire, 12), "json")
	if err != nil {
		tb.Fatal(err)
	}
	h := handlers.New(eng, handlers.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), MaxBodyBytes: 64 << 10})
	return &fixture{h: h, def: q.Definition, token: token}
}

func (f *fixture) do(method, path, contentType string, body []byte, auth bool) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, path, strings.NewReader(string(body)))
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if auth {
		req.Header.Set("Authorization", "Bearer "+f.token)
	}
	w := httptest.NewRecorder()
	f.h.ServeHTTP(w, req)
	return w
}

// errorBody is the API's error answer.
type errorBody struct {
	Error  string `json:"error"`
	Errors []struct {
		Field   string `json:"field"`
		Message string `json:"message"`
	} `json:"errors"`
}

// checkAnswer fails unless w is a JSON answer of a status in ok, and an
// error answer has its message.
func checkAnswer(t *testing.T, w *httptest.ResponseRecorder, ok ...int) {
	t.Helper()
	if !strings.HasPrefix(w.Header().Get("Content-Type"), "application/json") {
		t.Fatalf("status %d with Content-Type %q: %.200s", w.Code, w.Header().Get("Content-Type"), w.Body)
	}
	known := false
	for _, code := range ok {
		known = known || w.Code == code
	}
	if !known {
		t.Fatalf("status %d (want one of %v): %.300s", w.Code, ok, w.Body)
	}
	if w.Code >= 400 {
		var e errorBody
		if err := json.Unmarshal(w.Body.Bytes(), &e); err != nil || e.Error == "" {
			t.Fatalf("status %d without an error message: %.300s", w.Code, w.Body)
		}
		for _, fe := range e.Errors {
			if fe.Message == "" {
				t.Fatalf("a field error without a message: %.300s", w.Body)
			}
		}
	}
}

// FuzzSubmitResponse posts arbitrary bodies as responses. The API must
// answer 201 with an id, or 400, 413, 415 or 422 with a message; a body
// it accepts must hold answers the definition accepts.
func FuzzSubmitResponse(f *testing.F) {
	fx := mustFixture(f)
	g := loadgen.NewGenerator(fx.def, 1)
	for range 5 {
		b, err := g.Body()
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, true)
	}
	for _, s := range []string{
		``, `null`, `{}`, `[]`, `{"answers": null}`, `{"answers": {}}`, `{"answers": []}`, `{"answers": {"obec": "obec-001"}}`,
		`{"answers": {"obec": "obec-001", "sluzby": ["denni-stacionar"], "cekani": 1e308}}`,
		`{"answers": {"obec": "obec-001", "deti": 2.5}}`, `{"answers": {"obec": "obec-001", "deti": -0}}`,
		`{"answers": {"obec": "obec-001", "poznamka": "\u0000\ud800"}}`, `{"answers": {"obec": 1}}`,
		`{"answers": {"obec": "obec-001"}, "extra": 1}`, `{"ANSWERS": {"obec": "obec-001"}}`,
		`{"answers": {"obec": "obec-001", "obec": "nope"}}`, `{"answers": {"obec": "obec-001"}} {}`,
		"\xff\xfe", strings.Repeat("[", 10000), `{"answers": {"sluzby": ["x", "x"]}}`,
	} {
		f.Add([]byte(s), true)
	}
	f.Add([]byte(`{"answers": {"obec": "obec-001"}}`), false)
	path := "/api/v1/questionnaires/" + questionnaire + "/responses"
	f.Fuzz(func(t *testing.T, body []byte, asJSON bool) {
		ct := "application/json"
		if !asJSON {
			ct = "text/plain"
		}
		w := fx.do(http.MethodPost, path, ct, body, false)
		checkAnswer(t, w, http.StatusCreated, http.StatusBadRequest, http.StatusRequestEntityTooLarge,
			http.StatusUnsupportedMediaType, http.StatusUnprocessableEntity)
		if w.Code != http.StatusCreated {
			return
		}
		var created struct {
			ID string `json:"id"`
		}
		if err := json.Unmarshal(w.Body.Bytes(), &created); err != nil || created.ID == "" {
			t.Fatalf("201 without an id: %s", w.Body)
		}
		var req struct {
			Answers map[string]json.RawMessage `json:"answers"`
		}
		if err := json.Unmarshal(body, &req); err != nil {
			t.Fatalf("201 for a body that does not decode (%v): %q", err, body)
		}
		if _, errs := fx.def.ValidateAnswers(req.Answers); len(errs) > 0 {
			t.Fatalf("201 for answers the definition refuses (%v): %q", errs, body)
		}
	})
}

// routes are the API's POST routes, with the path parameters filled in.
var routes = []string{
	"/api/v1/questionnaires",
	"/api/v1/questionnaires/" + questionnaire + "/responses",
	"/api/v1/groups",
	"/api/v1/groups/g/members",
	"/api/v1/providers",
	"/api/v1/consultations",
	"/api/v1/consultations/c/comments",
	"/api/v1/consultations/c/publish",
	"/api/v1/comments/x/triage",
	"/api/v1/comments/x/decision",
}

// FuzzAPIRequest posts arbitrary bodies to every POST route of the API,
// as JSON or YAML, anonymously or as a coordinator: every answer is JSON,
// with a status under 500.
func FuzzAPIRequest(f *testing.F) {
	fx := mustFixture(f)
	seeds := []string{
		``, `{}`, `[]`, `{"id": "g", "name": "Senioři", "tags": ["seniori"]}`, `{"email": "fuzz@triada.test"}`,
		`{"name": "Domov", "ico": "25596641", "municipality": "Znojmo", "address": "Náměstí 1", "contact": {"email": "a@b.cz"},
		  "services": [{"type": "domovy_pro_seniory", "form": "residential", "target_groups": ["seniori"], "capacity": 10, "waiting_days": 30}]}`,
		`{"id": "c", "title": "Plán", "sections": [{"id": "s1", "title": "Úvod", "text": "…"}], "opens_at": "2020-01-01T00:00:00Z", "closes_at": "2099-01-01T00:00:00Z"}`,
		`{"section": "s1", "text": "Chybí stacionář.", "author": {"name": "Jana", "email": "jana@example.cz", "municipality": "Znojmo"}}`,
		`{"relevance": "relevant", "groups": ["g"], "response": ""}`, `{"outcome": "accepted", "response": "Ano."}`,
		"id: q\ntitle: T\naudience: resident\npages:\n  - questions:\n      - {id: a, type: text, text: A}\n",
		string(loadgen.SurveyJSON("fuzz-2", 3)), `{"id": 1, "name": [], "tags": {}, "email": 5}`, "id: &a [*a]\n",
	}
	for i, s := range seeds {
		f.Add(uint8(i), []byte(s), true, true)
	}
	f.Fuzz(func(t *testing.T, route uint8, body []byte, auth, asJSON bool) {
		ct := "application/json"
		if !asJSON {
			ct = "application/yaml"
		}
		w := fx.do(http.MethodPost, routes[int(route)%len(routes)], ct, body, auth)
		checkAnswer(t, w, http.StatusOK, http.StatusCreated, http.StatusBadRequest, http.StatusUnauthorized,
			http.StatusForbidden, http.StatusNotFound, http.StatusConflict, http.StatusRequestEntityTooLarge,
			http.StatusUnsupportedMediaType, http.StatusUnprocessableEntity, http.StatusTooManyRequests)
	})
}
