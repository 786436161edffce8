package handlers

import (
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"

	"github.com/triada-kpss/triada/engine"
	"github.com/triada-kpss/triada/i18n"
)

// draftListView lists the draft records in one state.
type draftListView struct {
	pageBase
	Tabs   stateTabs
	Drafts []draftItem
}

// stateTabs are the tabs of a staff list that filter it by state
// (partial state_tabs); Label names their navigation.
type stateTabs struct {
	Label  string
	States []stateTab
}

type stateTab struct {
	URL, Label string
	Current    bool
}

// newStateTabs makes a tab per state, linking path?state=STATE and
// labelled by the text prefix+STATE; the state "" links path alone and
// is labelled prefix+"all".
func newStateTabs(L *i18n.Printer, label, path, prefix string, states []string, current string) stateTabs {
	t := stateTabs{Label: L.T(label)}
	for _, s := range states {
		url, key := path+"?state="+s, s
		if s == "" {
			url, key = path, "all"
		}
		t.States = append(t.States, stateTab{URL: url, Label: L.T(prefix + key), Current: s == current})
	}
	return t
}

type draftItem struct {
	URL, Name, ICO, Municipality, State, Updated string
}

// draftStates are the states the list shows, pending first.
var draftStates = []string{engine.DraftPending, engine.DraftReturned, engine.DraftApproved}

// draftList answers GET /work/providers/drafts?state=: the drafts
// waiting for a decision (or returned, or approved).
func (p *pages) draftList(c *gin.Context) {
	state := c.DefaultQuery("state", engine.DraftPending)
	ds, err := p.eng.ListCatalogueDrafts(c.Request.Context(), p.staffUser(c), state)
	if err != nil {
		p.staffFail(c, err)
		return
	}
	b := p.staffBase(c, "drafts.title")
	v := draftListView{pageBase: b}
	v.Tabs = newStateTabs(b.L, "drafts.states", "/work/providers/drafts", "drafts.state.", draftStates, state)
	for _, d := range ds {
		v.Drafts = append(v.Drafts, draftItem{URL: draftPath(d.ICO), Name: d.Record.Name, ICO: d.ICO,
			Municipality: d.Record.Municipality, State: b.L.T("drafts.state." + d.State), Updated: b.L.Date(d.UpdatedAt.In(prague))})
	}
	p.render(c, http.StatusOK, "drafts", v)
}

func draftPath(ico string) string { return "/work/providers/drafts/" + url.PathEscape(ico) }
