package handlers_test

import (
	"strings"
	"testing"

	"github.com/triada-kpss/triada/engine"
)

// TestAPI_GroupDescription: POST /groups takes an optional description
// beside CONTRACT's fields and answers it back; one too long is refused
// with its field, and no group is left behind.
func TestAPI_GroupDescription(t *testing.T) {
	c := mustServe(t)
	coord := c.token("k@example.cz", engine.RoleCoordinator)
	v := c.want(201, "POST", "/groups", coord, `{"id": "seniori", "name": "Senioři", "tags": ["seniori"], "description": "Služby pro seniory"}`)
	if field(v, "description") != "Služby pro seniory" {
		t.Errorf("created: %v", v)
	}
	if v := c.want(201, "POST", "/groups", coord, `{"id": "rodiny", "name": "Rodiny", "tags": []}`); field(v, "description") != nil {
		t.Errorf("a group without a description shows one: %v", v)
	}
	long := strings.Repeat("ž", 2001)
	v = c.want(422, "POST", "/groups", coord, `{"id": "dlouhy", "name": "Dlouhý", "tags": [], "description": "`+long+`"}`)
	if field(v, "errors", 0, "field") != "description" {
		t.Errorf("too long: %v", v)
	}
	for _, g := range c.want(200, "GET", "/groups", coord, "").([]any) {
		if field(g, "id") == "dlouhy" {
			t.Errorf("a refused group was created: %v", g)
		}
	}
}
