package handlers

import (
	"encoding/csv"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
)

// auditCSVBatch is how many entries the CSV download reads at a time, so
// that a long log is never held in memory at once.
const auditCSVBatch = 1000

// auditCSV answers GET /work/audit.csv with the entries the filter
// selects, every page of them, for a spreadsheet (UTF-8 with a byte-order
// mark, which Excel needs to read Czech letters).
func (p *pages) auditCSV(c *gin.Context) {
	q := readAuditQuery(c)
	b := p.staffBase(c, "audit.title")
	f, errs := q.filter(b.L)
	if len(errs) > 0 {
		p.message(c, http.StatusUnprocessableEntity, "msg.cannot", "/work/audit", "audit.title", errs[0].Message)
		return
	}
	u := p.staffUser(c)
	ctx := c.Request.Context()
	f.Limit = auditCSVBatch
	// The first batch before any byte is written: a refusal still gets its page.
	entries, err := p.eng.ListAudit(ctx, u, f)
	if err != nil {
		p.staffFail(c, err)
		return
	}
	c.Header("Content-Type", "text/csv; charset=utf-8")
	c.Header("Content-Disposition", `attachment; filename="triada-audit.csv"`)
	c.Header("Cache-Control", "no-store")
	c.Status(http.StatusOK)
	_, _ = c.Writer.WriteString("\uFEFF")
	w := csv.NewWriter(c.Writer)
	_ = w.Write([]string{"time", "email", "user_id", "action", "targets", "status"})
	for {
		for _, e := range entries {
			_ = w.Write([]string{e.At.UTC().Format(time.RFC3339), defuseCell(e.Email), e.UserID, defuseCell(e.Action),
				defuseCell(strings.Join(e.Targets, " ")), strconv.Itoa(e.Status)})
		}
		if len(entries) < auditCSVBatch {
			break
		}
		f.Offset += auditCSVBatch
		if entries, err = p.eng.ListAudit(ctx, u, f); err != nil {
			_ = c.Error(err) // the download ends short; the log says why
			break
		}
	}
	w.Flush()
}

// defuseCell keeps a spreadsheet from taking a value for a formula: an
// e-mail or a path parameter is typed by people.
func defuseCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
