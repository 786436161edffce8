package handlers

import (
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/triada-kpss/triada/engine"
	"github.com/triada-kpss/triada/i18n"
)

// draftCompareView is a draft beside the published record, field by
// field, with the forms to approve it or return it with a note.
type draftCompareView struct {
	pageBase
	ICO, Name, State, Note string
	Pending, New           bool // it can be decided; the IČO is not listed yet
	Version                int
	Rows                   []compareRow
	NoteInput              string // the note typed, kept after an error
	NoteError              string
	Approved               string // the published page after an approval
}

// compareRow is one field: its value published and proposed.
type compareRow struct {
	Label, Published, Proposed string
	Changed                    bool
}

// draftCompare answers GET /work/providers/drafts/{ico}.
func (p *pages) draftCompare(c *gin.Context) {
	p.renderCompare(c, http.StatusOK, "", "")
}

// renderCompare shows the comparison, with the note typed and its error
// after a refused return.
func (p *pages) renderCompare(c *gin.Context, status int, note, noteError string) {
	cmp, err := p.eng.CompareCatalogueDraft(c.Request.Context(), p.staffUser(c), c.Param("ico"))
	if err != nil {
		p.staffFail(c, err)
		return
	}
	b := p.staffBase(c, "drafts.compare.title")
	d := cmp.Draft
	v := draftCompareView{pageBase: b, ICO: d.ICO, Name: d.Record.Name, State: b.L.T("drafts.state." + d.State), Note: d.Note,
		Pending: d.State == engine.DraftPending, New: cmp.Published == nil, Version: d.Version, NoteInput: note, NoteError: noteError}
	if d.State == engine.DraftApproved && cmp.Published != nil {
		v.Approved = "/providers/" + cmp.Published.ID
	}
	if noteError != "" {
		v.Errors = []errorView{{InputID: "note", Message: noteError}}
	}
	v.Rows = compareRows(b.L, labels{p.eng.CodeLists(), b.L.Lang()}, cmp.Published, &d.Record)
	p.render(c, status, "draft", v)
}

// compareRows lists the record's fields, then one row per service:
// services are matched by kind and form, those only published last.
func compareRows(L *i18n.Printer, lb labels, pub, rec *engine.Provider) []compareRow {
	if pub == nil {
		pub = &engine.Provider{}
	}
	row := func(key, a, b string) compareRow {
		return compareRow{Label: L.T(key), Published: a, Proposed: b, Changed: a != b}
	}
	rows := []compareRow{
		row("drafts.field.name", pub.Name, rec.Name),
		row("provider.ico", pub.ICO, rec.ICO),
		row("catalogue.municipality", pub.Municipality, rec.Municipality),
		row("drafts.field.address", pub.Address, rec.Address),
		row("drafts.field.description", pub.Description, rec.Description),
		row("provider.person", pub.Contact.Person, rec.Contact.Person),
		row("provider.email", pub.Contact.Email, rec.Contact.Email),
		row("provider.phone", pub.Contact.Phone, rec.Contact.Phone),
		row("provider.web", pub.Contact.Web, rec.Contact.Web),
	}
	key := func(s engine.Service) string { return s.Type + "/" + s.Form }
	var seen []string
	for _, s := range rec.Services {
		old := ""
		if i := slices.IndexFunc(pub.Services, func(o engine.Service) bool { return key(o) == key(s) }); i >= 0 {
			old = serviceSummary(L, lb, pub.Services[i])
		}
		seen = append(seen, key(s))
		rows = append(rows, compareRow{Label: L.T("provider.service") + ": " + lb.serviceTitle(s), Published: old,
			Proposed: serviceSummary(L, lb, s), Changed: old != serviceSummary(L, lb, s)})
	}
	for _, s := range pub.Services {
		if !slices.Contains(seen, key(s)) {
			rows = append(rows, compareRow{Label: L.T("provider.service") + ": " + lb.serviceTitle(s),
				Published: serviceSummary(L, lb, s), Changed: true})
		}
	}
	return rows
}

// serviceSummary writes a service on one line.
func serviceSummary(L *i18n.Printer, lb labels, s engine.Service) string {
	parts := []string{lb.serviceType(s.Type) + ", " + lb.form(s.Form),
		L.T("provider.target_groups") + ": " + lb.targetGroups(s.TargetGroups),
		fmt.Sprintf("%s: %d", L.T("provider.capacity"), s.Capacity),
		L.T("provider.waiting") + ": " + L.N("provider.days", s.WaitingDays)}
	if s.Area != "" {
		parts = append(parts, L.T("provider.area")+": "+s.Area)
	}
	if s.Description != "" {
		parts = append(parts, s.Description)
	}
	return strings.Join(parts, "; ")
}
