package handlers

import (
	"html/template"
	"math"
	"strconv"

	"github.com/triada-kpss/triada/charts"
	"github.com/triada-kpss/triada/engine"
	"github.com/triada-kpss/triada/forms"
	"github.com/triada-kpss/triada/i18n"
)

// Limits of what a chart can show legibly; the tables show everything
// up to maxValueRows.
const (
	maxChartSeries = 12 // segment values in a grouped chart
	maxValueRows   = 30 // distinct values of a number question
	maxScalePoints = 20 // a scale listed point by point, zeros included
)

// reportQuestion is one question of a report: its figures as a table
// and as a chart, and its breakdown by the segment when one is chosen.
type reportQuestion struct {
	L         *i18n.Printer
	Anchor    string
	Text      string
	Type      string
	Answered  int
	RowHead   string // the first column's heading: option, value or code
	Rows      []reportRow
	Chart     template.HTML
	Stats     []statItem // scale and number: mean, median, minimum, maximum
	Coded     *int       // text: answers carrying a code
	CodingURL string     // text: the coding screen, for those who may code
	TooMany   bool       // a number with too many distinct values to list
	Segment   *segmentTable
}

type reportRow struct {
	Label string
	Count int
	Share string
}

type statItem struct {
	Label, Value string
}

// segmentTable is a question's breakdown: one column per segment value,
// one row per option (value, code) and for scales and numbers their
// statistics; the chart shows each option's share within each segment.
type segmentTable struct {
	Columns []segmentColumn
	Rows    []segmentRow
	Chart   template.HTML
	NoChart bool // too many segment values for a chart
}

type segmentColumn struct {
	Label string
	Total int
}

type segmentRow struct {
	Label string
	Cells []string
}

// newReportQuestions turns results into the report's questions. mayCode
// tells whether the reader may open the coding screen of a text question.
func newReportQuestions(l *i18n.Printer, q *engine.Questionnaire, res *engine.Results, mayCode func(qid string) bool) []reportQuestion {
	def := q.Definition
	lang := l.Lang()
	var segQ *forms.Question
	if res.Segment != "" {
		segQ = def.Question(res.Segment)
	}
	out := make([]reportQuestion, 0, len(res.Questions))
	for _, r := range res.Questions {
		fq := def.Question(r.ID)
		if fq == nil {
			continue
		}
		rq := reportQuestion{L: l, Anchor: "question-" + r.ID, Text: r.Text.In(lang), Type: r.Type, Answered: r.Answered}
		rows := valueRows(l, fq, r.Stats)
		switch r.Type {
		case forms.TypeText:
			rq.RowHead = l.T("report.col.code")
			rq.Coded = r.Coded
			if mayCode(r.ID) {
				rq.CodingURL = textPath(q.ID, r.ID, "", 0)
			}
		case forms.TypeScale, forms.TypeNumber:
			rq.RowHead = l.T("report.col.value")
			rq.Stats = stats(l, r.Stats)
		default:
			rq.RowHead = l.T("report.col.option")
		}
		if len(rows) > maxValueRows && r.Type == forms.TypeNumber {
			rq.TooMany, rows = true, nil
		}
		for _, row := range rows {
			rq.Rows = append(rq.Rows, reportRow{Label: row.label, Count: row.count, Share: percent(l, row.share)})
		}
		if len(rows) > 0 {
			bars := make([]charts.Bar, len(rows))
			for i, row := range rows {
				bars[i] = charts.Bar{Label: row.label, Value: float64(row.count), Text: countShare(l, row.count, row.share)}
			}
			rq.Chart = charts.Chart{ID: "chart-" + r.ID, Title: rq.Text, Desc: l.T("report.chart.desc"), Bars: bars}.SVG()
		}
		if segQ != nil {
			rq.Segment = segmentBreakdown(l, fq, segQ, r, rq.Text, rq.TooMany)
		}
		out = append(out, rq)
	}
	return out
}

// valueRow is one row of a question's figures before formatting.
type valueRow struct {
	key, label string
	count      int
	share      float64
}

// valueRows lists a question's figures: every option of a choice or
// multi question; every point of a short scale, zeros included, else
// every value given; every code of a text question.
func valueRows(l *i18n.Printer, q *forms.Question, s engine.Stats) []valueRow {
	share := func(n int) float64 {
		if s.Answered == 0 {
			return 0
		}
		return float64(n) / float64(s.Answered)
	}
	var rows []valueRow
	switch q.Type {
	case forms.TypeChoice, forms.TypeMulti:
		for _, o := range s.Options {
			label := o.Value
			if fo := q.Option(o.Value); fo != nil {
				label = fo.Label.In(l.Lang())
			}
			rows = append(rows, valueRow{key: o.Value, label: label, count: o.Count, share: o.Share})
		}
	case forms.TypeScale, forms.TypeNumber:
		given := map[string]int{}
		for _, o := range s.Options {
			given[o.Value] = o.Count
		}
		if points := scalePoints(q); points != nil {
			for _, v := range points {
				rows = append(rows, valueRow{key: v, label: l.Number(v), count: given[v], share: share(given[v])})
			}
			break
		}
		for _, o := range s.Options {
			rows = append(rows, valueRow{key: o.Value, label: l.Number(o.Value), count: o.Count, share: o.Share})
		}
	case forms.TypeText:
		for _, o := range s.Codes {
			rows = append(rows, valueRow{key: o.Value, label: o.Value, count: o.Count, share: o.Share})
		}
	}
	return rows
}

// scalePoints lists every whole point of a scale question with a short
// range, or nil.
func scalePoints(q *forms.Question) []string {
	if q.Type != forms.TypeScale || q.Min == nil || q.Max == nil {
		return nil
	}
	lo, hi := *q.Min, *q.Max
	if lo != math.Trunc(lo) || hi != math.Trunc(hi) || hi < lo || hi-lo > maxScalePoints {
		return nil
	}
	var out []string
	for v := lo; v <= hi; v++ {
		out = append(out, forms.FormatNumber(v))
	}
	return out
}

// stats lists the mean, median, minimum and maximum, when there are any.
func stats(l *i18n.Printer, s engine.Stats) []statItem {
	if s.Mean == nil {
		return nil
	}
	return []statItem{
		{l.T("report.stat.mean"), decimal(l, *s.Mean)},
		{l.T("report.stat.median"), decimal(l, *s.Median)},
		{l.T("report.stat.min"), decimal(l, *s.Min)},
		{l.T("report.stat.max"), decimal(l, *s.Max)},
	}
}

// segmentBreakdown builds a question's table by segment, and its grouped
// chart of shares when the segment values are few enough.
func segmentBreakdown(l *i18n.Printer, fq, segQ *forms.Question, r engine.QuestionResult, title string, tooMany bool) *segmentTable {
	lang := l.Lang()
	t := &segmentTable{}
	rowsBy := make([][]valueRow, len(r.Segments))
	keys, labels := []string{}, map[string]string{}
	for i, sg := range r.Segments {
		label := sg.Value
		if o := segQ.Option(sg.Value); o != nil {
			label = o.Label.In(lang)
		}
		t.Columns = append(t.Columns, segmentColumn{Label: label, Total: sg.Total})
		if tooMany {
			continue
		}
		rowsBy[i] = valueRows(l, fq, sg.Stats)
		for _, row := range rowsBy[i] {
			if _, ok := labels[row.key]; !ok {
				keys = append(keys, row.key)
				labels[row.key] = row.label
			}
		}
	}
	answered := segmentRow{Label: l.T("report.answered_row")}
	for _, sg := range r.Segments {
		answered.Cells = append(answered.Cells, strconv.Itoa(sg.Answered))
	}
	t.Rows = append(t.Rows, answered)
	find := func(rows []valueRow, key string) (valueRow, bool) {
		for _, row := range rows {
			if row.key == key {
				return row, true
			}
		}
		return valueRow{}, false
	}
	var groups []charts.Group
	for _, key := range keys {
		row := segmentRow{Label: labels[key]}
		g := charts.Group{Label: labels[key]}
		for i, sg := range r.Segments {
			v, _ := find(rowsBy[i], key)
			share := 0.0
			if sg.Answered > 0 {
				share = float64(v.count) / float64(sg.Answered)
			}
			row.Cells = append(row.Cells, countShare(l, v.count, share))
			g.Bars = append(g.Bars, charts.Bar{Value: share, Text: countShare(l, v.count, share)})
		}
		t.Rows = append(t.Rows, row)
		groups = append(groups, g)
	}
	if fq.Type == forms.TypeScale || fq.Type == forms.TypeNumber {
		for _, stat := range []struct {
			key string
			get func(engine.Stats) *float64
		}{
			{"report.stat.mean", func(s engine.Stats) *float64 { return s.Mean }},
			{"report.stat.median", func(s engine.Stats) *float64 { return s.Median }},
		} {
			row := segmentRow{Label: l.T(stat.key)}
			for _, sg := range r.Segments {
				cell := "–"
				if v := stat.get(sg.Stats); v != nil {
					cell = decimal(l, *v)
				}
				row.Cells = append(row.Cells, cell)
			}
			t.Rows = append(t.Rows, row)
		}
	}
	switch {
	case len(groups) == 0 || len(r.Segments) == 0:
	case len(r.Segments) > maxChartSeries:
		t.NoChart = true
	default:
		series := make([]string, len(t.Columns))
		for i, col := range t.Columns {
			series[i] = col.Label
		}
		t.Chart = charts.Grouped{ID: "chart-" + r.ID + "-segment", Title: l.T("report.segment.chart_title", title),
			Desc: l.T("report.segment.chart_desc"), Series: series, Groups: groups, Max: 1}.SVG()
	}
	return t
}

// percent writes a share as a percentage with at most one decimal.
func percent(l *i18n.Printer, share float64) string {
	return l.T("report.percent", l.Number(strconv.FormatFloat(math.Round(share*1000)/10, 'f', -1, 64)))
}

// countShare writes "12 (40 %)".
func countShare(l *i18n.Printer, n int, share float64) string {
	return l.T("report.count_share", n, percent(l, share))
}

// decimal writes a number with at most two decimals.
func decimal(l *i18n.Printer, f float64) string {
	return l.Number(strconv.FormatFloat(math.Round(f*100)/100, 'f', -1, 64))
}
