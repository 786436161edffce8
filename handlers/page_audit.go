package handlers

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/triada-kpss/triada/engine"
)

// auditPageSize is how many entries one page of the audit log shows;
// maxAuditPage keeps the offset far from overflowing.
const (
	auditPageSize = 50
	maxAuditPage  = 1_000_000
)

// auditView is the audit log with its filter form.
type auditView struct {
	pageBase
	Email, Action, From, To string
	Actions                 []auditActionOption
	Entries                 []auditRow
	Page                    int
	PrevURL, NextURL        string
	CSVURL                  string
	Filtered                bool
}

type auditActionOption struct {
	Value, Label string
	Selected     bool
}

type auditRow struct {
	At, Email, Action, Targets string
	Status                     int
	Failed                     bool
}

// auditQuery is the filter as typed, read from the query string.
type auditQuery struct {
	Email, Action, From, To string
	Page                    int
}

func readAuditQuery(c *gin.Context) auditQuery {
	q := auditQuery{Email: strings.TrimSpace(c.Query("email")), Action: c.Query("action"),
		From: strings.TrimSpace(c.Query("from")), To: strings.TrimSpace(c.Query("to"))}
	page, err := strconv.Atoi(c.Query("page"))
	if err != nil || page < 1 {
		page = 1
	}
	q.Page = min(page, maxAuditPage)
	return q
}

// values is the query string of the filter, on page (none for 0).
func (q auditQuery) values(page int) url.Values {
	v := url.Values{}
	for k, s := range map[string]string{"email": q.Email, "action": q.Action, "from": q.From, "to": q.To} {
		if s != "" {
			v.Set(k, s)
		}
	}
	if page > 1 {
		v.Set("page", strconv.Itoa(page))
	}
	return v
}

// filter turns the typed filter into the engine's; the dates are days
// in Prague time, the end day included. It returns the fields at fault.
func (q auditQuery) filter(L interface{ T(string, ...any) string }) (engine.AuditFilter, []errorView) {
	f := engine.AuditFilter{Email: q.Email, Action: q.Action}
	var errs []errorView
	if q.From != "" {
		d, err := time.ParseInLocation(time.DateOnly, q.From, prague)
		if err != nil {
			errs = append(errs, errorView{InputID: "audit-from", Message: L.T("audit.error.date")})
		}
		f.From = d
	}
	if q.To != "" {
		d, err := time.ParseInLocation(time.DateOnly, q.To, prague)
		if err != nil {
			errs = append(errs, errorView{InputID: "audit-to", Message: L.T("audit.error.date")})
		}
		f.To = d.AddDate(0, 0, 1)
	}
	if len(errs) == 0 && !f.From.IsZero() && !f.To.IsZero() && !f.To.After(f.From) {
		errs = append(errs, errorView{InputID: "audit-to", Message: L.T("audit.error.range")})
	}
	return f, errs
}

// auditLog answers GET /work/audit: the latest changes first, filtered
// by person, action and days, a page at a time.
func (p *pages) auditLog(c *gin.Context) {
	q := readAuditQuery(c)
	b := p.staffBase(c, "audit.title")
	v := auditView{pageBase: b, Email: q.Email, Action: q.Action, From: q.From, To: q.To, Page: q.Page}
	v.Filtered = q.Email != "" || q.Action != "" || q.From != "" || q.To != ""
	v.Actions = append(v.Actions, auditActionOption{Value: "", Label: b.L.T("audit.action.any")})
	for _, a := range p.auditActions {
		v.Actions = append(v.Actions, auditActionOption{Value: a, Label: auditActionLabel(b.L, a), Selected: a == q.Action})
	}
	f, errs := q.filter(b.L)
	if len(errs) > 0 {
		v.Errors = errs
		p.render(c, http.StatusUnprocessableEntity, "audit", v)
		return
	}
	f.Offset, f.Limit = (q.Page-1)*auditPageSize, auditPageSize+1
	entries, err := p.eng.ListAudit(c.Request.Context(), p.staffUser(c), f)
	if err != nil {
		p.staffFail(c, err)
		return
	}
	if len(entries) > auditPageSize {
		entries = entries[:auditPageSize]
		v.NextURL = "/work/audit?" + q.values(q.Page+1).Encode()
	}
	if q.Page > 1 {
		v.PrevURL = "/work/audit?" + q.values(q.Page-1).Encode()
	}
	v.CSVURL = "/work/audit.csv?" + q.values(0).Encode()
	for _, e := range entries {
		v.Entries = append(v.Entries, auditRow{At: e.At.In(prague).Format("2. 1. 2006 15:04:05"), Email: e.Email,
			Action: auditActionLabel(b.L, e.Action), Targets: strings.Join(e.Targets, ", "), Status: e.Status,
			Failed: e.Status >= 400})
	}
	p.render(c, http.StatusOK, "audit", v)
}

// auditActionLabel names sign-in events in words; other actions are
// routes, shown as they are ("POST /work/questionnaires/:id").
func auditActionLabel(L interface{ T(string, ...any) string }, action string) string {
	switch action {
	case engine.AuditSignIn, engine.AuditSignInFailed, engine.AuditSignOut:
		return L.T("audit.action." + action)
	}
	return action
}

// auditActions lists what the audit log can hold, for its filter: the
// sign-in events, then every state-changing route of /work and /api/v1.
func auditActions(routes gin.RoutesInfo) []string {
	out := []string{engine.AuditSignIn, engine.AuditSignInFailed, engine.AuditSignOut}
	var changes []string
	for _, r := range routes {
		switch r.Method {
		case http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete:
		default:
			continue
		}
		if r.Path == "/work" || strings.HasPrefix(r.Path, "/work/") || strings.HasPrefix(r.Path, "/api/v1/") {
			changes = append(changes, r.Method+" "+r.Path)
		}
	}
	slices.SortFunc(changes, func(a, b string) int {
		_, pa, _ := strings.Cut(a, " ")
		_, pb, _ := strings.Cut(b, " ")
		return strings.Compare(pa+a, pb+b)
	})
	return append(out, slices.Compact(changes)...)
}
