package handlers

import (
	"strings"
	"testing"

	"github.com/gin-gonic/gin"

	"github.com/triada-kpss/triada/engine"
)

// isPage reports whether a route serves pages (HTML) rather than JSON.
func isPage(path string) bool {
	return !strings.HasPrefix(path, "/api/") && path != "/healthz"
}

// TestNew_NoInputGives500 sends awkward input to every route, anonymously
// and as a coordinator, and wants a 2xx or 4xx answer each time, JSON from
// the API.
func TestNew_NoInputGives500(t *testing.T) {
	eng := engine.New(MustOpenStore(t), engine.Options{})
	token := MustCreateToken(t, eng)
	h := New(eng, Options{Logger: quietLogger()})
	bodies := []string{
		"", "null", "0", `"x"`, "[]", "{}", "{", `{"a":1}{`, "\xff\xfe", strings.Repeat("[", 20000),
		`{"id": 1, "name": [], "tags": {}, "answers": [], "email": 5}`,
		`{"id": "x", "name": "x", "tags": ["x"], "answers": {"x": 1e400}}`,
		`{"answers": null}`, `{"answers": {"": null, "\u0000": "\ud800"}}`,
		`{"id": "` + strings.Repeat("x", 5000) + `", "title": "t", "sections": null, "opens_at": "yesterday"}`,
		`{"relevance": "maybe", "groups": [null], "outcome": 7, "response": ""}`,
		"id: x\ntitle: [\n", "id: &a [*a]\n",
	}
	params := []string{"x", "%C3%A9", strings.Repeat("a", 300)}
	for _, route := range h.(*gin.Engine).Routes() {
		for _, p := range params {
			path := route.Path
			for _, part := range strings.Split(route.Path, "/") {
				if strings.HasPrefix(part, ":") || strings.HasPrefix(part, "*") {
					path = strings.Replace(path, part, p, 1)
				}
			}
			for _, q := range []string{"", "?segment=x&filter=x&filter=a:b&q=%C3%A9&questionnaire=x&target_group=x"} {
				for _, body := range bodies {
					for _, auth := range []string{"", "Bearer " + token} {
						for _, ct := range []string{"application/json", "application/yaml"} {
							w := do(h, route.Method, path+q, body, "Content-Type", ct, "Authorization", auth)
							isJSON := strings.HasPrefix(w.Header().Get("Content-Type"), "application/json")
							if w.Code >= 500 || !isJSON && !isPage(route.Path) {
								t.Errorf("%s %s (%s, %.30q, auth %t): %d %s", route.Method, path+q, ct, body, auth != "", w.Code, w.Body)
							}
						}
					}
				}
			}
		}
	}
}
