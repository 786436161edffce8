package export

import (
	"context"
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"

	"github.com/triada-kpss/triada/engine"
	"github.com/triada-kpss/triada/forms"
)

// ResponsesSheet is the name of the XLSX sheet of responses.
const ResponsesSheet = "responses"

// maxSheetName is Excel's limit on a sheet name.
const maxSheetName = 31

// WriteXLSX writes x as an XLSX workbook: the sheet ResponsesSheet (a
// header row of column names, a row of labels in lang, then one row per
// response, numbers as numbers), streamed with excelize's StreamWriter,
// and one summary sheet per question named by its id (counted in the
// store, as results are): answered, counts and shares per option or
// value (codes for free text), mean, median, minimum and maximum for
// scales and numbers. Cells are values, never formulas.
func WriteXLSX(ctx context.Context, w io.Writer, x *engine.Export, lang string) (err error) {
	f := excelize.NewFile()
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	if err := f.SetSheetName("Sheet1", ResponsesSheet); err != nil {
		return err
	}
	if err := writeResponsesSheet(ctx, f, x, lang); err != nil {
		return err
	}
	res, err := x.Results(ctx)
	if err != nil {
		return err
	}
	names := map[string]bool{ResponsesSheet: true}
	for i := range res.Questions {
		qr := &res.Questions[i]
		name := sheetName(qr.ID, names)
		if _, err := f.NewSheet(name); err != nil {
			return err
		}
		if err := writeSummarySheet(f, name, x.Definition.Question(qr.ID), qr, res.Total, lang); err != nil {
			return err
		}
	}
	_, err = f.WriteTo(w)
	return err
}

func writeResponsesSheet(ctx context.Context, f *excelize.File, x *engine.Export, lang string) error {
	sw, err := f.NewStreamWriter(ResponsesSheet)
	if err != nil {
		return err
	}
	cols := Columns(x, lang)
	headers, labels := make([]any, len(cols)), make([]any, len(cols))
	for i, c := range cols {
		headers[i], labels[i] = c.Header, c.Label
	}
	if err := sw.SetRow("A1", headers); err != nil {
		return err
	}
	if err := sw.SetRow("A2", labels); err != nil {
		return err
	}
	row := 3
	values := make([]any, len(cols))
	err = x.Walk(ctx, func(r *engine.ExportedResponse) error {
		for i, c := range Row(cols, r) {
			switch {
			case c.IsNumber:
				values[i] = c.Number
			case c.Text == "":
				values[i] = nil
			default:
				values[i] = c.Text
			}
		}
		cell, err := excelize.CoordinatesToCellName(1, row)
		if err != nil {
			return err
		}
		row++
		return sw.SetRow(cell, values)
	})
	if err != nil {
		return err
	}
	return sw.Flush()
}

// writeSummarySheet writes the counts of one question.
func writeSummarySheet(f *excelize.File, sheet string, q *forms.Question, qr *engine.QuestionResult, total int, lang string) error {
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	rows := [][]any{
		{"question", qr.ID},
		{"text", q.Text.In(lang)},
		{"type", qr.Type},
		{"total", total},
		{"answered", qr.Answered},
	}
	if qr.Coded != nil {
		rows = append(rows, []any{"coded", *qr.Coded})
	}
	for _, stat := range []struct {
		name string
		v    *float64
	}{{"mean", qr.Mean}, {"median", qr.Median}, {"min", qr.Min}, {"max", qr.Max}} {
		if stat.v != nil {
			rows = append(rows, []any{stat.name, *stat.v})
		}
	}
	list, kind := qr.Options, "value"
	if q.Type == forms.TypeText {
		list, kind = qr.Codes, "code"
	}
	if list != nil {
		rows = append(rows, nil, []any{kind, "label", "count", "share"})
		for _, o := range list {
			rows = append(rows, []any{o.Value, o.Label.In(lang), o.Count, o.Share})
		}
	}
	for i, r := range rows {
		cell, err := excelize.CoordinatesToCellName(1, i+1)
		if err != nil {
			return err
		}
		if err := sw.SetRow(cell, r); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// sheetName returns a sheet name for question qid that is not in names
// yet (Excel takes 31 characters, compared without case), and adds it.
func sheetName(qid string, names map[string]bool) string {
	base := qid
	if len(base) > maxSheetName {
		base = base[:maxSheetName]
	}
	name := base
	for n := 2; names[name]; n++ {
		suffix := fmt.Sprintf("~%d", n)
		name = base[:min(len(base), maxSheetName-len(suffix))] + suffix
	}
	names[name] = true
	return name
}
