package handlers

import (
	"strconv"

	"github.com/triada-kpss/triada/engine"
	"github.com/triada-kpss/triada/i18n"
)

// dayChart is a small bar chart of responses per day, drawn on the
// server as SVG (it prints and needs no script), with the same numbers
// as a table for screen readers and anyone who prefers one.
type dayChart struct {
	ID            string // unique on the page, for aria-labelledby
	Label         string // what the chart shows, read by screen readers
	Width, Height int
	Bars          []dayBar
	Max, Total    int
	MaxLabel      string
	Rows          []dayRow
}

type dayBar struct {
	X, Y, W, H int
	Title      string
}

type dayRow struct {
	Day   string
	Count int
}

const (
	chartBarWidth = 8
	chartGap      = 2
	chartHeight   = 60
)

// newDayChart draws counts (oldest first) as bars scaled to the highest
// day; a day without responses gets a one-pixel line, so that the days
// stay visible.
func newDayChart(L *i18n.Printer, id, label string, counts []engine.DayCount) *dayChart {
	ch := &dayChart{ID: id, Label: label, Height: chartHeight, Width: len(counts) * (chartBarWidth + chartGap)}
	for _, c := range counts {
		ch.Max = max(ch.Max, c.Count)
		ch.Total += c.Count
	}
	ch.MaxLabel = L.N("dash.chart.max", ch.Max)
	for i, c := range counts {
		h := 1
		if ch.Max > 0 && c.Count > 0 {
			h = max(2, c.Count*(chartHeight-2)/ch.Max)
		}
		day := L.Date(c.Day)
		ch.Bars = append(ch.Bars, dayBar{X: i * (chartBarWidth + chartGap), Y: chartHeight - h, W: chartBarWidth, H: h,
			Title: day + ": " + strconv.Itoa(c.Count)})
		ch.Rows = append(ch.Rows, dayRow{Day: day, Count: c.Count})
	}
	return ch
}
