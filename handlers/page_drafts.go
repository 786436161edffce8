package handlers

import (
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"

	"github.com/triada-kpss/triada/engine"
)

// draftListView lists the draft records in one state.
type draftListView struct {
	pageBase
	States []stateTab
	Drafts []draftItem
}

type stateTab struct {
	URL, Label string
	Current    bool
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
	for _, s := range draftStates {
		v.States = append(v.States, stateTab{URL: "/work/providers/drafts?state=" + s, Label: b.L.T("drafts.state." + s), Current: s == state})
	}
	for _, d := range ds {
		v.Drafts = append(v.Drafts, draftItem{URL: draftPath(d.ICO), Name: d.Record.Name, ICO: d.ICO,
			Municipality: d.Record.Municipality, State: b.L.T("drafts.state." + d.State), Updated: b.L.Date(d.UpdatedAt.In(prague))})
	}
	p.render(c, http.StatusOK, "drafts", v)
}

func draftPath(ico string) string { return "/work/providers/drafts/" + url.PathEscape(ico) }
