package handlers

import (
	"context"
	"io"
	"log/slog"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/triada-kpss/triada/engine"
	"github.com/triada-kpss/triada/export"
	"github.com/triada-kpss/triada/forms"
)

// Export media types.
const (
	mediaCSV  = "text/csv; charset=utf-8"
	mediaXLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	mediaJSON = "application/json; charset=utf-8"
)

// exportCSV streams the responses as CSV: repeatable ?filter=QID:VALUE,
// ?labels=1 for a row of question texts, ?lang=cs|sk|en for them,
// ?sep=semicolon for Excel in Czech and Slovak settings.
func (a *api) exportCSV(c *gin.Context) {
	a.export(c, ".csv", mediaCSV, func(ctx context.Context, w io.Writer, x *engine.Export) error {
		return export.WriteCSV(ctx, w, x, export.CSVOptions{
			Lang: exportLang(c), Labels: c.Query("labels") == "1", Semicolon: c.Query("sep") == "semicolon",
		})
	})
}

// exportXLSX writes the responses and a summary sheet per question.
func (a *api) exportXLSX(c *gin.Context) {
	a.export(c, ".xlsx", mediaXLSX, func(ctx context.Context, w io.Writer, x *engine.Export) error {
		return export.WriteXLSX(ctx, w, x, exportLang(c))
	})
}

// exportJSON streams the responses as one JSON array.
func (a *api) exportJSON(c *gin.Context) {
	a.export(c, ".json", mediaJSON, export.WriteJSON)
}

// export checks the request before anything is written (an error is a
// JSON answer), then streams the file. A store failure after the first
// byte drops the connection, so that the client sees a broken download
// rather than a file that looks complete.
func (a *api) export(c *gin.Context, ext, media string, write func(context.Context, io.Writer, *engine.Export) error) {
	rq, ok := resultsQuery(c)
	if !ok {
		return
	}
	if lang := c.Query("lang"); lang != "" && !isLanguage(lang) {
		writeError(c, engine.Invalid("Unknown language.", engine.FieldError{Field: "lang", Message: "Choose cs, sk or en."}))
		return
	}
	x, err := a.eng.OpenExport(c.Request.Context(), actor(c), c.Param("id"), rq.Filters)
	if err != nil {
		writeError(c, err)
		return
	}
	c.Header("Content-Type", media)
	c.Header("Content-Disposition", `attachment; filename="`+x.Definition.ID+ext+`"`)
	c.Header("Cache-Control", "no-store")
	c.Status(http.StatusOK)
	err = write(c.Request.Context(), c.Writer, x)
	if err == nil {
		return
	}
	if !c.Writer.Written() {
		writeError(c, err)
		return
	}
	slog.ErrorContext(c.Request.Context(), "export failed mid-way", "questionnaire", x.Definition.ID, "error", err.Error())
	panic(http.ErrAbortHandler)
}

// exportLang is the language of labels: ?lang, else Czech.
func exportLang(c *gin.Context) string {
	if lang := c.Query("lang"); isLanguage(lang) {
		return lang
	}
	return forms.DefaultLanguage
}

func isLanguage(lang string) bool {
	return lang == "cs" || lang == "sk" || lang == "en"
}
