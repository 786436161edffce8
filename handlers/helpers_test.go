package handlers

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"

	"github.com/triada-kpss/triada/engine"
	"github.com/triada-kpss/triada/store/sqlite"
)

func TestMain(m *testing.M) {
	gin.SetMode(gin.ReleaseMode) // no debug banner from the test routers
	os.Exit(m.Run())
}

// MustOpenStore opens a fresh SQLite store in a temporary folder and
// closes it when the test ends.
func MustOpenStore(tb testing.TB) engine.Store {
	tb.Helper()
	s, err := sqlite.Open(context.Background(), filepath.Join(tb.TempDir(), "triada.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { _ = s.Close() })
	return s
}

// MustCreateToken adds the coordinator koordinatorka@znojmo.cz and returns
// an API token of hers.
func MustCreateToken(tb testing.TB, eng *engine.Engine) string {
	tb.Helper()
	ctx := context.Background()
	if _, err := eng.AddUser(ctx, "koordinatorka@znojmo.cz", engine.RoleCoordinator, "Jana", "dlouhé heslo"); err != nil {
		tb.Fatal(err)
	}
	token, err := eng.CreateToken(ctx, "koordinatorka@znojmo.cz")
	if err != nil {
		tb.Fatal(err)
	}
	return token
}

// downStore is a real store whose Ping fails, as when the database is gone.
type downStore struct{ engine.Store }

func (downStore) Ping(context.Context) error { return errors.New("connection refused") }

// quietLogger discards the logs of a test.
func quietLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// do sends a request to h and returns the recorded answer.
func do(h http.Handler, method, path, body string, header ...string) *httptest.ResponseRecorder {
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req := httptest.NewRequest(method, path, r)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w
}

// assertJSON fails unless w has the status and a JSON content type, and
// its body contains every fragment.
func assertJSON(tb testing.TB, w *httptest.ResponseRecorder, status int, fragments ...string) {
	tb.Helper()
	if w.Code != status {
		tb.Errorf("status %d, want %d; body %s", w.Code, status, w.Body)
	}
	if ct := w.Header().Get("Content-Type"); ct != "application/json; charset=utf-8" {
		tb.Errorf("Content-Type %q, want application/json; charset=utf-8", ct)
	}
	for _, f := range fragments {
		if !strings.Contains(w.Body.String(), f) {
			tb.Errorf("body %s lacks %s", w.Body, f)
		}
	}
}

// doReader posts r to path with no Content-Length, as a chunked upload.
func doReader(h http.Handler, path string, r io.Reader) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodPost, path, io.MultiReader(r))
	req.ContentLength = -1
	req.Header.Set("Content-Type", "application/json")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w
}
