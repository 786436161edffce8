package export

import (
	"fmt"
	"strings"
	"time"

	"github.com/triada-kpss/triada/engine"
	"github.com/triada-kpss/triada/forms"
)

// Column is one column of an export.
type Column struct {
	Header string // "id", "created_at", "qid", "qid:value" or "qid#codes"
	Label  string // the question's text (and option's label) in the language asked
	kind   columnKind
	q      *forms.Question
	option string // of a multi column
}

type columnKind int

const (
	colID columnKind = iota
	colCreated
	colValue  // choice, scale, number, text
	colOption // one option of a multi question: 1, 0, or "" when unanswered
	colCodes  // the codes of a text answer, joined by CodeSeparator
)

// CodeSeparator joins the codes of one answer in a cell.
const CodeSeparator = "; "

// Columns returns the columns of an export of x, with labels in lang.
func Columns(x *engine.Export, lang string) []Column {
	cols := []Column{{Header: "id", Label: "ID", kind: colID}, {Header: "created_at", Label: "created_at", kind: colCreated}}
	for _, q := range x.Questions {
		text := q.Text.In(lang)
		switch q.Type {
		case forms.TypeMulti:
			for _, o := range q.Options {
				cols = append(cols, Column{Header: q.ID + ":" + o.Value, Label: text + ": " + o.Label.In(lang), kind: colOption, q: q, option: o.Value})
			}
		case forms.TypeText:
			cols = append(cols, Column{Header: q.ID, Label: text, kind: colValue, q: q},
				Column{Header: q.ID + "#codes", Label: text + " (codes)", kind: colCodes, q: q})
		default:
			cols = append(cols, Column{Header: q.ID, Label: text, kind: colValue, q: q})
		}
	}
	return cols
}

// Cell is one value of a row: a number (IsNumber, Number) or a string.
type Cell struct {
	Text     string
	Number   float64
	IsNumber bool
	// Free marks text a person typed, which a spreadsheet must not take
	// for a formula.
	Free bool
}

// Row returns the cells of r under cols.
func Row(cols []Column, r *engine.ExportedResponse) []Cell {
	row := make([]Cell, len(cols))
	for i, c := range cols {
		row[i] = cell(c, r)
	}
	return row
}

func cell(c Column, r *engine.ExportedResponse) Cell {
	switch c.kind {
	case colID:
		return Cell{Text: r.ID}
	case colCreated:
		return Cell{Text: r.CreatedAt.UTC().Format(time.RFC3339)}
	case colCodes:
		return Cell{Text: strings.Join(r.Codes[c.q.ID], CodeSeparator), Free: true}
	case colOption:
		values, ok := stringsOf(r.Answers[c.q.ID])
		if !ok {
			return Cell{}
		}
		for _, v := range values {
			if v == c.option {
				return Cell{Text: "1", Number: 1, IsNumber: true}
			}
		}
		return Cell{Text: "0", Number: 0, IsNumber: true}
	}
	switch v := r.Answers[c.q.ID].(type) {
	case string:
		return Cell{Text: v, Free: c.q.Type == forms.TypeText}
	case float64:
		return Cell{Text: forms.FormatNumber(v), Number: v, IsNumber: true}
	case nil:
		return Cell{}
	default: // not written by forms; kept readable rather than lost
		return Cell{Text: fmt.Sprint(v)}
	}
}

// stringsOf reads a multi answer as stores return it.
func stringsOf(v any) ([]string, bool) {
	switch list := v.(type) {
	case []string:
		return list, true
	case []any:
		out := make([]string, 0, len(list))
		for _, x := range list {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
		return out, true
	}
	return nil, false
}
