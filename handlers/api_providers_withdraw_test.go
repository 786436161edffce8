package handlers_test

import (
	"testing"

	"github.com/triada-kpss/triada/engine"
)

// A withdrawn provider leaves the public catalogue, its detail and the
// search, keeps its record, and comes back when restored.
func TestAPI_WithdrawProvider(t *testing.T) {
	c := mustServe(t)
	coord := c.token("k@example.cz", engine.RoleCoordinator)
	member := c.token("m@example.cz", engine.RoleMember)
	id := field(c.want(201, "POST", "/providers", coord, `{"name": "Domov Zlonice", "ico": "70891095", "municipality": "Zlonice",
		"services": [{"type": "domovy_pro_seniory", "form": "residential", "target_groups": ["seniori"], "capacity": 80}]}`), "id").(string)

	c.want(401, "POST", "/providers/"+id+"/withdraw", "", "")
	if v := c.want(403, "POST", "/providers/"+id+"/withdraw", member, ""); field(v, "error") != "Your role (member) does not allow this." {
		t.Errorf("the API names the role by its code, in English: %v", v) // pages name it in words (i18n)
	}
	c.want(404, "POST", "/providers/nope/withdraw", coord, "")
	if v := c.want(200, "POST", "/providers/"+id+"/withdraw", coord, ""); field(v, "status") != "withdrawn" {
		t.Errorf("withdrawn: %v", v)
	}
	if v := c.want(409, "POST", "/providers/"+id+"/withdraw", coord, ""); field(v, "error") != "The provider Domov Zlonice is withdrawn already." {
		t.Errorf("withdrawn twice: %v", v)
	}
	c.want(404, "GET", "/providers/"+id, "", "")
	if v := c.want(200, "GET", "/providers?q=zlonice", "", ""); len(v.([]any)) != 0 {
		t.Errorf("a withdrawn provider is still found: %v", v)
	}

	c.want(403, "POST", "/providers/"+id+"/restore", member, "")
	if v := c.want(200, "POST", "/providers/"+id+"/restore", coord, ""); field(v, "status") != "published" {
		t.Errorf("restored: %v", v)
	}
	c.want(409, "POST", "/providers/"+id+"/restore", coord, "")
	if v := c.want(200, "GET", "/providers?q=zlonice", "", ""); len(v.([]any)) != 1 {
		t.Errorf("a restored provider is not found: %v", v)
	}
}
