package handlers

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"

	"github.com/triada-kpss/triada/engine"
)

func TestWriteError(t *testing.T) {
	tests := []struct {
		name      string
		err       error
		status    int
		fragments []string
	}{
		{"Invalid", engine.Invalid("Some answers need attention.", engine.FieldError{Field: "quality", Message: "Choose 1 to 5."}),
			422, []string{`"error":"Some answers need attention."`, `"errors":[{"field":"quality","message":"Choose 1 to 5."}]`}},
		{"InvalidWithLine", engine.Invalid("The definition has errors.", engine.FieldError{Field: "pages", Message: "Unknown key.", Line: 7}),
			422, []string{`"line":7`}},
		{"InvalidNoFields", engine.Invalid("Bad."), 422, []string{`"errors":[]`}},
		{"NotFound", engine.Errorf(engine.ENOTFOUND, "No questionnaire has the id %q.", "x"), 404, []string{`No questionnaire`}},
		{"StoreNotFound", fmt.Errorf("find: %w", engine.ErrNotFound), 404, nil},
		{"Conflict", engine.Errorf(engine.ECONFLICT, "Closed."), 409, []string{`{"error":"Closed."}`}},
		{"StoreDuplicate", fmt.Errorf("insert: %w", engine.ErrDuplicate), 409, nil},
		{"Unauthorized", engine.Errorf(engine.EUNAUTHORIZED, "Sign in."), 401, nil},
		{"Forbidden", engine.Errorf(engine.EFORBIDDEN, "Not you."), 403, nil},
		{"Internal", errors.New("disk I/O error at /var/secret"), 500, []string{`{"error":"Internal error."}`}},
		{"InternalCode", engine.Errorf(engine.EINTERNAL, "pool exhausted"), 500, []string{`{"error":"Internal error."}`}},
		{"UnknownCode", engine.Errorf("weird", "weird"), 500, []string{`{"error":"Internal error."}`}},
		{"Request", &requestError{http.StatusRequestEntityTooLarge, "Too large."}, 413, []string{`{"error":"Too large."}`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var logged []*gin.Error
			r := gin.New()
			r.GET("/", func(c *gin.Context) {
				writeError(c, tt.err)
				logged = c.Errors
			})
			w := do(r, http.MethodGet, "/", "")
			assertJSON(t, w, tt.status, tt.fragments...)
			if tt.status == 500 {
				if strings.Contains(w.Body.String(), "secret") || strings.Contains(w.Body.String(), "pool") {
					t.Errorf("the answer shows detail: %s", w.Body)
				}
				if len(logged) != 1 {
					t.Errorf("%d errors recorded for the log, want 1", len(logged))
				}
			} else if len(logged) != 0 {
				t.Errorf("a client error was recorded for the log: %v", logged)
			}
			if tt.status == 401 && w.Header().Get("WWW-Authenticate") == "" {
				t.Error("no WWW-Authenticate header")
			}
		})
	}
}
