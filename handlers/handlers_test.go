package handlers

import (
	"net/http"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"

	"github.com/triada-kpss/triada/engine"
)

func TestNew_Healthz(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		h := New(engine.New(MustOpenStore(t), engine.Options{}), Options{Logger: quietLogger()})
		assertJSON(t, do(h, http.MethodGet, "/healthz", ""), http.StatusOK, `{"status":"ok"}`)
		if w := do(h, http.MethodHead, "/healthz", ""); w.Code != http.StatusOK {
			t.Errorf("HEAD: status %d", w.Code)
		}
	})
	t.Run("StoreDown", func(t *testing.T) {
		h := New(engine.New(downStore{MustOpenStore(t)}, engine.Options{}), Options{Logger: quietLogger()})
		w := do(h, http.MethodGet, "/healthz", "")
		assertJSON(t, w, http.StatusServiceUnavailable, `"status":"unavailable"`)
		if strings.Contains(w.Body.String(), "refused") {
			t.Errorf("the answer shows the store's error: %s", w.Body)
		}
	})
}

func TestNew_Errors(t *testing.T) {
	h := New(engine.New(MustOpenStore(t), engine.Options{}), Options{Logger: quietLogger()})
	t.Run("UnknownAPIPath", func(t *testing.T) {
		assertJSON(t, do(h, http.MethodGet, "/api/v1/no-such-thing", ""), http.StatusNotFound, `"error":`)
	})
	t.Run("UnknownPath", func(t *testing.T) {
		if w := do(h, http.MethodGet, "/no-such-page", ""); w.Code != http.StatusNotFound {
			t.Errorf("status %d, want 404", w.Code)
		}
	})
	t.Run("MethodNotAllowed", func(t *testing.T) {
		w := do(h, http.MethodDelete, "/healthz", "")
		assertJSON(t, w, http.StatusMethodNotAllowed, `"error":`)
		if allow := w.Header().Get("Allow"); !strings.Contains(allow, "GET") {
			t.Errorf("Allow %q lacks GET", allow)
		}
	})
	t.Run("BadURL", func(t *testing.T) {
		for _, path := range []string{"/api/v1/questionnaires/%ff", "/api/v1/questionnaires/a%00b", "/api/v1/providers?q=%fe", "/api/v1/providers?q=%zz", "/api/v1/providers?%00=x"} {
			assertJSON(t, do(h, http.MethodGet, path, ""), http.StatusBadRequest, "UTF-8")
		}
	})
	t.Run("BadToken", func(t *testing.T) {
		for _, header := range []string{"Bearer trd_nosuchtoken", "Bearer nonsense", "Bearer ", "Basic dXNlcjpwYXNz", "trd_x"} {
			w := do(h, http.MethodGet, "/api/v1/questionnaires", "", "Authorization", header)
			assertJSON(t, w, http.StatusUnauthorized, `"error":`)
			if w.Header().Get("WWW-Authenticate") == "" {
				t.Errorf("%q: no WWW-Authenticate header", header)
			}
		}
	})
	t.Run("BodyTooLarge", func(t *testing.T) {
		eng := engine.New(MustOpenStore(t), engine.Options{})
		h := New(eng, Options{Logger: quietLogger(), MaxBodyBytes: 100})
		body := "id: x\ntitle: " + strings.Repeat("a", 200) + "\n"
		assertJSON(t, do(h, http.MethodPost, "/api/v1/questionnaires", body, "Content-Type", "application/yaml", "Authorization", "Bearer "+MustCreateToken(t, eng)),
			http.StatusRequestEntityTooLarge, "100 bytes")
	})
}

func TestNew_SecurityHeaders(t *testing.T) {
	h := New(engine.New(MustOpenStore(t), engine.Options{}), Options{Logger: quietLogger()})
	for _, path := range []string{"/", "/healthz", "/api/v1/nothing"} {
		w := do(h, http.MethodGet, path, "")
		csp := w.Header().Get("Content-Security-Policy")
		if !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") {
			t.Errorf("%s: Content-Security-Policy %q", path, csp)
		}
		if w.Header().Get("X-Content-Type-Options") != "nosniff" || w.Header().Get("Referrer-Policy") == "" {
			t.Errorf("%s: headers %v", path, w.Header())
		}
	}
}

func TestAuthenticate(t *testing.T) {
	eng := engine.New(MustOpenStore(t), engine.Options{})
	token := MustCreateToken(t, eng)
	r := gin.New()
	r.GET("/who", authenticate(eng), func(c *gin.Context) {
		email := "anonymous"
		if u := actor(c); u != nil {
			email = u.Email
		}
		c.JSON(http.StatusOK, gin.H{"actor": email})
	})
	t.Run("Valid", func(t *testing.T) {
		assertJSON(t, do(r, http.MethodGet, "/who", "", "Authorization", "Bearer "+token), http.StatusOK, `"actor":"koordinatorka@znojmo.cz"`)
		assertJSON(t, do(r, http.MethodGet, "/who", "", "Authorization", "bearer  "+token+" "), http.StatusOK, `"actor":"koordinatorka@znojmo.cz"`)
	})
	t.Run("NoHeader", func(t *testing.T) {
		assertJSON(t, do(r, http.MethodGet, "/who", ""), http.StatusOK, `"actor":"anonymous"`)
	})
	t.Run("ErrUnauthorized", func(t *testing.T) {
		assertJSON(t, do(r, http.MethodGet, "/who", "", "Authorization", "Bearer "+token+"x"), http.StatusUnauthorized, `"error":"Invalid API token."`)
	})
}

func TestRecovery(t *testing.T) {
	r := gin.New()
	r.Use(recovery(quietLogger()))
	r.GET("/panic", func(*gin.Context) { panic("secret detail") })
	w := do(r, http.MethodGet, "/panic", "")
	assertJSON(t, w, http.StatusInternalServerError, `{"error":"Internal error."}`)
	if strings.Contains(w.Body.String(), "secret") {
		t.Errorf("the answer shows the panic: %s", w.Body)
	}
}
