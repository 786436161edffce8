package handlers

import (
	"bytes"
	"encoding/csv"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/triada-kpss/triada/export"
)

// The open data of the catalogue: the published records (the same
// search as the page narrows them) as CSV and JSON, and the code lists
// their codes come from. Published records only; a service's source
// (the response it came from) is never in them.

// csvHeader names the columns of providers.csv: one row per service.
var csvHeader = []string{"provider_id", "name", "ico", "municipality", "address", "description",
	"contact_person", "email", "phone", "web", "service_name", "service_type", "service_type_label",
	"form", "form_label", "target_groups", "target_group_labels", "service_description", "capacity",
	"waiting_days", "area", "updated_at"}

// providersCSV answers GET /providers.csv: UTF-8 with a byte order mark,
// so that Excel reads the accents; labels in the visitor's language;
// target groups separated by "|".
func (p *pages) providersCSV(c *gin.Context) {
	lang := p.language(c)
	ps, err := p.eng.ListProviders(c.Request.Context(), catalogueQuery(c))
	if err != nil {
		p.fail(c, err, nil)
		return
	}
	lb := labels{p.eng.CodeLists(), lang}
	var buf bytes.Buffer
	buf.WriteString("\uFEFF")
	w := csv.NewWriter(&buf)
	_ = w.Write(csvHeader) // a bytes.Buffer does not fail
	for _, pr := range ps {
		for _, s := range pr.Services {
			groupLabels := make([]string, len(s.TargetGroups))
			for i, tg := range s.TargetGroups {
				groupLabels[i] = lb.targetGroup(tg)
			}
			row := []string{pr.ID, pr.Name, pr.ICO, pr.Municipality, pr.Address, pr.Description,
				pr.Contact.Person, pr.Contact.Email, pr.Contact.Phone, pr.Contact.Web, s.Name, s.Type, lb.serviceType(s.Type),
				s.Form, lb.form(s.Form), strings.Join(s.TargetGroups, "|"), strings.Join(groupLabels, "|"), s.Description,
				strconv.Itoa(s.Capacity), strconv.Itoa(s.WaitingDays), s.Area, pr.UpdatedAt.UTC().Format(time.RFC3339)}
			// Providers typed these texts: none may run as a formula
			// in the spreadsheet of whoever opens the open data.
			for i := range row {
				row[i] = export.Defuse(row[i])
			}
			_ = w.Write(row)
		}
	}
	w.Flush()
	c.Header("Content-Disposition", `attachment; filename="providers.csv"`)
	c.Data(http.StatusOK, "text/csv; charset=utf-8", buf.Bytes())
}

// providersJSON answers GET /providers.json: the records as the API
// shows them.
func (p *pages) providersJSON(c *gin.Context) {
	p.language(c)
	ps, err := p.eng.ListProviders(c.Request.Context(), catalogueQuery(c))
	if err != nil {
		p.fail(c, err, nil)
		return
	}
	out := make([]providerView, 0, len(ps))
	for _, pr := range ps {
		out = append(out, newProviderView(pr))
	}
	c.Header("Content-Disposition", `inline; filename="providers.json"`)
	c.JSON(http.StatusOK, out)
}

// codeListsJSON answers GET /codelists.json.
func (p *pages) codeListsJSON(c *gin.Context) {
	c.JSON(http.StatusOK, newCodeListsView(p.eng.CodeLists()))
}
