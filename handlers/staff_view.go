package handlers

import (
	"slices"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/triada-kpss/triada/engine"
)

// staffInfo is what the layout shows of the signed-in person: who, and
// the staff area's navigation.
type staffInfo struct {
	Email string
	Role  string // the role's name in the page's language
	Nav   []navLink
}

type navLink struct {
	URL, Label string
	Current    bool
}

// staffNavEntry is one link of the staff area's navigation: its path,
// its catalog key and the roles it is shown to (nil: everyone signed
// in). Hiding a link is a courtesy; each route checks the role itself.
type staffNavEntry struct {
	path, key string
	roles     []engine.Role
}

// coordinators are the roles that run a planning cycle.
var coordinators = []engine.Role{engine.RoleCoordinator, engine.RoleAdmin}

// staffNav is the staff area's navigation. Each part of Triada adds its
// entry here, in the order a coordinator works through a cycle.
var staffNav = []staffNavEntry{
	{"/work", "work.nav.home", nil},
	{"/work/questionnaires", "work.nav.questionnaires", coordinators},
	{"/work/reports", "work.nav.reports", nil},
	{"/work/groups", "work.nav.groups", coordinators},
	{"/work/consultations", "cp.nav.consultations", coordinators},
	{"/work/comments", "cp.nav.comments", nil},
	{"/work/providers", "work.nav.providers", coordinators},
	{"/work/providers/drafts", "work.nav.drafts", coordinators},
	{"/work/outbox", "work.nav.outbox", coordinators},
	{"/work/personal-data", "work.nav.personal", coordinators},
	{"/work/people", "work.nav.people", []engine.Role{engine.RoleAdmin}},
	{"/work/audit", "work.nav.audit", coordinators},
}

// staffBase returns the layout's data for a staff page titled by the
// catalog key: the signed-in person, the navigation, a CSRF token for
// the sign-out button and the page's forms.
func (p *pages) staffBase(c *gin.Context, titleKey string) pageBase {
	b := p.base(c, "")
	b.Title = b.L.T(titleKey)
	b.CSRF = p.csrfToken(c)
	u := p.staffUser(c)
	if u == nil {
		return b
	}
	info := &staffInfo{Email: u.Email, Role: b.L.T("role." + string(u.Role))}
	current := currentNav(c.Request.URL.Path)
	for _, n := range staffNav {
		if n.roles != nil && !slices.Contains(n.roles, u.Role) {
			continue
		}
		info.Nav = append(info.Nav, navLink{URL: n.path, Label: b.L.T(n.key), Current: n.path == current})
	}
	b.Staff = info
	return b
}

// currentNav returns the path of the navigation entry a page belongs
// to: the longest entry that is the page's path or a folder of it, so
// that /work/providers/drafts/X is under "drafts", not "providers".
// The overview (/work) is current only on itself.
func currentNav(path string) string {
	best := ""
	for _, n := range staffNav {
		if (path == n.path || (n.path != "/work" && strings.HasPrefix(path, n.path+"/"))) && len(n.path) > len(best) {
			best = n.path
		}
	}
	return best
}
