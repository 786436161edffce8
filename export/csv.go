package export

import (
	"bufio"
	"context"
	"encoding/csv"
	"io"
	"strings"

	"github.com/triada-kpss/triada/engine"
)

// CSVOptions adjust a CSV export.
type CSVOptions struct {
	Lang      string // of the labels row
	Labels    bool   // a second row with the questions' texts
	Semicolon bool   // separate with ";" (what Excel expects in Czech and Slovak settings) instead of ","
}

// bom makes Excel read the file as UTF-8.
const bom = "\uFEFF"

// WriteCSV writes x as CSV (RFC 4180, UTF-8 with a byte order mark): a
// header row of column names (Columns), optionally a row of labels, then
// one row per response. Text people typed that begins with = + - @ or a
// tab is written after an apostrophe, so that a spreadsheet shows it
// rather than running it as a formula.
func WriteCSV(ctx context.Context, w io.Writer, x *engine.Export, opts CSVOptions) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	if _, err := bw.WriteString(bom); err != nil {
		return err
	}
	cw := csv.NewWriter(bw)
	if opts.Semicolon {
		cw.Comma = ';'
	}
	cols := Columns(x, opts.Lang)
	record := make([]string, len(cols))
	for i, c := range cols {
		record[i] = c.Header
	}
	if err := cw.Write(record); err != nil {
		return err
	}
	if opts.Labels {
		for i, c := range cols {
			record[i] = Defuse(c.Label)
		}
		if err := cw.Write(record); err != nil {
			return err
		}
	}
	err := x.Walk(ctx, func(r *engine.ExportedResponse) error {
		for i, c := range Row(cols, r) {
			record[i] = c.Text
			if c.Free {
				record[i] = Defuse(c.Text)
			}
		}
		return cw.Write(record)
	})
	if err != nil {
		return err
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

// Defuse keeps a spreadsheet from taking typed text for a formula: text
// that begins with = + - @ or a tab or carriage return gets a leading
// apostrophe (OWASP's advice against CSV injection).
func Defuse(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
