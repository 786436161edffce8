package handlers

import (
	"bytes"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/triada-kpss/triada/engine"
	"github.com/triada-kpss/triada/export"
	"github.com/triada-kpss/triada/i18n"
)

// outcomesView is the published settlement of comments: the counts, then
// every comment with its outcome. Names only with consent, e-mails never.
type outcomesView struct {
	pageBase
	ID, Heading, DraftURL, CSVURL, XLSXURL, Published string
	Summary                                           engine.SettlementSummary
	Rows                                              []outcomeRow
}

type outcomeRow struct {
	Reference, Section, Author, Text, Relevance, Outcome, Response string
}

// outcomesPage answers GET /c/{id}/outcomes: 404 before publication.
func (p *pages) outcomesPage(c *gin.Context) {
	s, ok := p.settlement(c)
	if !ok {
		return
	}
	b := p.base(c, "")
	cons := s.Consultation
	b.Title = b.L.T("consult.outcomes.title", cons.Title)
	v := outcomesView{pageBase: b, ID: cons.ID, Heading: cons.Title, DraftURL: consultationPath(cons.ID),
		CSVURL: outcomesPath(cons.ID) + ".csv", XLSXURL: outcomesPath(cons.ID) + ".xlsx",
		Published: b.L.Date(cons.PublishedAt.In(prague)), Summary: s.Summary, Rows: outcomeRows(b.L, s)}
	p.render(c, http.StatusOK, "outcomes", v)
}

// outcomesCSV answers GET /c/{id}/outcomes.csv.
func (p *pages) outcomesCSV(c *gin.Context) {
	p.outcomesFile(c, ".csv", "text/csv; charset=utf-8", func(b *bytes.Buffer, header []string, rows [][]string) error {
		return export.WriteTableCSV(b, header, rows)
	})
}

// outcomesXLSX answers GET /c/{id}/outcomes.xlsx.
func (p *pages) outcomesXLSX(c *gin.Context) {
	p.outcomesFile(c, ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
		func(b *bytes.Buffer, header []string, rows [][]string) error {
			return export.WriteTableXLSX(b, "settlement", header, rows)
		})
}

// outcomesFile writes the settlement as a file, in the visitor's
// language: into a buffer first, so that a failure is a whole error page.
func (p *pages) outcomesFile(c *gin.Context, ext, contentType string, write func(*bytes.Buffer, []string, [][]string) error) {
	s, ok := p.settlement(c)
	if !ok {
		return
	}
	L := i18n.New(languageOf(c))
	header := []string{L.T("cp.comments.reference"), L.T("consult.sent.section"), L.T("consult.outcomes.author"),
		L.T("cp.comments.text"), L.T("cp.triage.relevance"), L.T("cp.decision.outcome"), L.T("cp.comment.response")}
	var rows [][]string
	for _, r := range outcomeRows(L, s) {
		rows = append(rows, []string{r.Reference, r.Section, r.Author, r.Text, r.Relevance, r.Outcome, r.Response})
	}
	var b bytes.Buffer
	if err := write(&b, header, rows); err != nil {
		p.fail(c, err, nil)
		return
	}
	c.Header("Content-Disposition", `attachment; filename="`+s.Consultation.ID+`-outcomes`+ext+`"`)
	c.Data(http.StatusOK, contentType, b.Bytes())
}

// settlement loads the published settlement, answering 404 itself for
// an unknown consultation and one not published yet.
func (p *pages) settlement(c *gin.Context) (*engine.Settlement, bool) {
	s, err := p.eng.Outcomes(c.Request.Context(), c.Param("id"))
	if err != nil {
		p.fail(c, err, nil)
		return nil, false
	}
	return s, true
}

// outcomeRows are the settlement's comments as the public sees them: the
// author's name only with consent, never the e-mail.
func outcomeRows(L *i18n.Printer, s *engine.Settlement) []outcomeRow {
	rows := make([]outcomeRow, 0, len(s.Comments))
	for _, cm := range s.Comments {
		r := outcomeRow{Reference: cm.Reference, Section: sectionTitle(L, s.Consultation, cm.Section), Text: cm.Text,
			Response: cm.Response}
		if cm.Author.PublishName {
			r.Author = cm.Author.Name
		}
		if cm.Relevance != "" {
			r.Relevance = L.T("cp.relevance." + cm.Relevance)
		}
		if cm.Outcome != "" {
			r.Outcome = L.T("cp.outcome." + cm.Outcome)
		}
		rows = append(rows, r)
	}
	return rows
}
