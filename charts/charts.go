package charts

import (
	"fmt"
	"html/template"
	"math"
	"strconv"
	"strings"
)

// Bar is one bar: its label, its length as a value, and the text written
// at its end (the count and the share, formatted by the caller).
type Bar struct {
	Label string
	Value float64
	Text  string
}

// Chart is a horizontal bar chart.
type Chart struct {
	// ID is unique on the page: it prefixes the ids of the chart's title,
	// description and patterns.
	ID    string
	Title string
	Desc  string
	Bars  []Bar
	// Max is the value of a bar of full length; 0 means the largest value.
	Max float64
}

// Grouped is a grouped bar chart: one group per category (an option),
// one bar in each group per series (a segment value).
type Grouped struct {
	ID     string
	Title  string
	Desc   string
	Series []string // the series' names, in order
	Groups []Group
	Max    float64 // as Chart.Max
}

// Group is one category of a grouped chart; Bars[i] belongs to Series[i]
// (its Label is not drawn: the series' name is).
type Group struct {
	Label string
	Bars  []Bar
}

// Layout, in pixels, and the share of the width a full bar takes; the
// rest holds the value written after the bar.
const (
	labelLine = 20 // a line of a label
	labelFont = 16
	valueFont = 14
	barHeight = 18
	barRow    = 24 // a bar and the space under it
	seriesRow = 18 // a series' name above its bar
	groupGap  = 12
	fullBar   = 70.0 // percent of the width
	// wrapAt is how many characters a label line holds: about what fits
	// 16px text on the narrowest phone (320 px, minus the page's margins).
	wrapAt = 34
)

// Palette are the series' colours: each has a contrast of at least 3:1
// against white (WCAG 1.4.11), and each comes with its own pattern.
var Palette = []string{"#1d70b8", "#00703c", "#4c2c92", "#b3261e", "#6f4e00", "#383f43"}

// TextColour is the colour of labels and values (contrast 19:1 on white).
const TextColour = "#0b0c0c"

// SVG draws the chart.
func (c Chart) SVG() template.HTML {
	max := scaleOf(c.Max, c.Bars)
	var body strings.Builder
	y := 0
	for _, b := range c.Bars {
		y = writeLabel(&body, b.Label, y, "chart__label")
		writeBar(&body, b, max, y, fill(c.ID, 0), Palette[0])
		y += barRow + groupGap/2
	}
	return frame(c.ID, c.Title, c.Desc, y, patterns(c.ID, 1), body.String())
}

// SVG draws the grouped chart, with a legend of the series above the
// groups.
func (g Grouped) SVG() template.HTML {
	var bars []Bar
	for _, gr := range g.Groups {
		bars = append(bars, gr.Bars...)
	}
	max := scaleOf(g.Max, bars)
	var body strings.Builder
	y := 0
	body.WriteString(`<g class="chart__legend">`)
	for i, name := range g.Series {
		fmt.Fprintf(&body, `<rect x="0" y="%d" width="28" height="%d" fill="%s" stroke="%s"/>`, y+2, labelLine-6, fill(g.ID, i), colour(i))
		fmt.Fprintf(&body, `<text x="36" y="%d" font-size="%d" fill="%s">%s</text>`, y+labelFont-1, valueFont, TextColour, escape(name))
		y += labelLine
	}
	body.WriteString(`</g>`)
	y += groupGap
	for _, gr := range g.Groups {
		y = writeLabel(&body, gr.Label, y, "chart__label chart__label--group")
		for i, b := range gr.Bars {
			name := ""
			if i < len(g.Series) {
				name = g.Series[i]
			}
			fmt.Fprintf(&body, `<text class="chart__series" x="0" y="%d" font-size="%d" fill="%s">%s</text>`, y+valueFont, valueFont, TextColour, escape(name))
			y += seriesRow
			writeBar(&body, b, max, y, fill(g.ID, i), colour(i))
			y += barRow
		}
		y += groupGap
	}
	return frame(g.ID, g.Title, g.Desc, y, patterns(g.ID, len(g.Series)), body.String())
}

// frame wraps a chart's body in the svg element with its title,
// description and patterns.
func frame(id, title, desc string, height int, defs, body string) template.HTML {
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="100%%" height="%d" role="img" aria-labelledby="%s-title %s-desc" font-family="inherit">`,
		max(height, 1), escape(id), escape(id))
	fmt.Fprintf(&b, `<title id="%s-title">%s</title><desc id="%s-desc">%s</desc>`, escape(id), escape(title), escape(id), escape(desc))
	b.WriteString(`<defs>` + defs + `</defs>`)
	b.WriteString(body)
	b.WriteString(`</svg>`)
	return template.HTML(b.String()) // every text in it is escaped
}

// writeLabel writes a label, wrapped into lines, from y; it returns the
// y under it.
func writeLabel(b *strings.Builder, label string, y int, class string) int {
	for _, line := range wrap(label, wrapAt) {
		y += labelLine
		fmt.Fprintf(b, `<text class="%s" x="0" y="%d" font-size="%d" fill="%s">%s</text>`, class, y-4, labelFont, TextColour, escape(line))
	}
	return y + 4
}

// writeBar writes one bar at y, its length a share of max, and its text
// after it.
func writeBar(b *strings.Builder, bar Bar, max float64, y int, fill, stroke string) {
	pct := 0.0
	if max > 0 && bar.Value > 0 {
		pct = min(bar.Value/max, 1) * fullBar
	}
	fmt.Fprintf(b, `<rect class="chart__bar" x="0" y="%d" width="%s%%" height="%d" fill="%s" stroke="%s" stroke-width="1" data-value="%s"/>`,
		y, num(pct), barHeight, fill, stroke, strconv.FormatFloat(bar.Value, 'f', -1, 64))
	fmt.Fprintf(b, `<text class="chart__value" x="%s%%" y="%d" font-size="%d" fill="%s">%s</text>`,
		num(pct+1), y+barHeight-4, valueFont, TextColour, escape(bar.Text))
}

// scaleOf is the value of a full bar: max when set, else the largest.
func scaleOf(max float64, bars []Bar) float64 {
	if max > 0 {
		return max
	}
	for _, b := range bars {
		if b.Value > max {
			max = b.Value
		}
	}
	return max
}

func colour(i int) string { return Palette[i%len(Palette)] }

// fill is the paint of series i: its pattern.
func fill(id string, i int) string {
	return "url(#" + escape(id) + "-p" + strconv.Itoa(i%len(Palette)) + ")"
}

// patterns defines the patterns of the first n series: the first solid,
// then diagonal stripes, dots, horizontal stripes, a cross-hatch and
// vertical stripes, each on its own colour.
func patterns(id string, n int) string {
	var b strings.Builder
	for i := range min(n, len(Palette)) {
		c := colour(i)
		turn := ""
		if i == 1 {
			turn = ` patternTransform="rotate(45)"` // vertical stripes turned: diagonal
		}
		fmt.Fprintf(&b, `<pattern id="%s-p%d" width="8" height="8" patternUnits="userSpaceOnUse"%s>`, escape(id), i, turn)
		fmt.Fprintf(&b, `<rect width="8" height="8" fill="%s"/>`, c)
		switch i {
		case 1:
			b.WriteString(`<rect width="3" height="8" fill="#fff"/>`)
		case 2:
			b.WriteString(`<circle cx="4" cy="4" r="1.8" fill="#fff"/>`)
		case 3:
			b.WriteString(`<rect width="8" height="3" fill="#fff"/>`)
		case 4:
			b.WriteString(`<path d="M0 0L8 8M8 0L0 8" stroke="#fff" stroke-width="1.5"/>`)
		case 5:
			b.WriteString(`<rect width="3" height="8" fill="#fff"/>`)
		}
		b.WriteString(`</pattern>`)
	}
	return b.String()
}

// wrap breaks text into lines of at most width characters at spaces; a
// longer word gets a line of its own.
func wrap(text string, width int) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(text) {
		switch {
		case line == "":
			line = word
		case len([]rune(line))+1+len([]rune(word)) <= width:
			line += " " + word
		default:
			lines = append(lines, line)
			line = word
		}
	}
	if line != "" || len(lines) == 0 {
		lines = append(lines, line)
	}
	return lines
}

// num writes a length with at most two decimals.
func num(f float64) string { return strconv.FormatFloat(math.Round(f*100)/100, 'f', -1, 64) }

// escape escapes text for XML content and attributes.
func escape(s string) string { return template.HTMLEscapeString(s) }
