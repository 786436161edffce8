package charts_test

import (
	"encoding/xml"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/triada-kpss/triada/charts"
)

// node is a parsed SVG element.
type node struct {
	XMLName xml.Name
	Attrs   []xml.Attr `xml:",any,attr"`
	Text    string     `xml:",chardata"`
	Nodes   []node     `xml:",any"`
}

func (n node) attr(name string) string {
	for _, a := range n.Attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// all returns every element under n (n too) that keep holds for.
func (n node) all(keep func(node) bool) []node {
	var out []node
	if keep(n) {
		out = append(out, n)
	}
	for _, c := range n.Nodes {
		out = append(out, c.all(keep)...)
	}
	return out
}

func byClass(class string) func(node) bool {
	return func(n node) bool { return strings.Contains(" "+n.attr("class")+" ", " "+class+" ") }
}

func byName(name string) func(node) bool {
	return func(n node) bool { return n.XMLName.Local == name }
}

func mustParse(t *testing.T, svg string) node {
	t.Helper()
	var root node
	if err := xml.Unmarshal([]byte(svg), &root); err != nil {
		t.Fatalf("the SVG does not parse: %v\n%s", err, svg)
	}
	if root.XMLName.Local != "svg" {
		t.Fatalf("root element %q, want svg", root.XMLName.Local)
	}
	for _, n := range root.all(func(node) bool { return true }) {
		if n.attr("style") != "" {
			t.Fatalf("<%s> has a style attribute, which the CSP forbids", n.XMLName.Local)
		}
	}
	return root
}

// wantAccessibleName checks role="img" and that aria-labelledby names the
// chart's own title and desc with the given texts.
func wantAccessibleName(t *testing.T, root node, title, desc string) {
	t.Helper()
	if root.attr("role") != "img" {
		t.Fatalf(`role %q, want "img"`, root.attr("role"))
	}
	ids := strings.Fields(root.attr("aria-labelledby"))
	if len(ids) != 2 {
		t.Fatalf("aria-labelledby %q, want the title and the desc", root.attr("aria-labelledby"))
	}
	for i, want := range []struct{ element, text string }{{"title", title}, {"desc", desc}} {
		found := root.all(func(n node) bool { return n.attr("id") == ids[i] })
		if len(found) != 1 || found[0].XMLName.Local != want.element || found[0].Text != want.text {
			t.Fatalf("aria-labelledby[%d] = %q: %+v, want <%s>%s", i, ids[i], found, want.element, want.text)
		}
	}
}

func percent(t *testing.T, s string) float64 {
	t.Helper()
	f, err := strconv.ParseFloat(strings.TrimSuffix(s, "%"), 64)
	if err != nil || !strings.HasSuffix(s, "%") {
		t.Fatalf("length %q is not a percentage", s)
	}
	return f
}

func TestChart_SVG(t *testing.T) {
	c := charts.Chart{ID: "q-age", Title: "Věk <a & b>", Desc: "Počty odpovědí", Bars: []charts.Bar{
		{Label: "do 25 let", Value: 10, Text: "10 (25 %)"},
		{Label: "26–45 & \"víc\"", Value: 20, Text: "20 (50 %)"},
		{Label: "nikdo", Value: 0, Text: "0 (0 %)"},
		{Label: "46 a více let, a toto je dlouhý popisek, který se musí zalomit do řádků", Value: 10, Text: "10 (25 %)"},
	}}
	root := mustParse(t, string(c.SVG()))
	wantAccessibleName(t, root, "Věk <a & b>", "Počty odpovědí")

	bars := root.all(byClass("chart__bar"))
	values := root.all(byClass("chart__value"))
	if len(bars) != 4 || len(values) != 4 {
		t.Fatalf("%d bars and %d values, want 4 each", len(bars), len(values))
	}
	// The largest bar is the full length; the others in proportion.
	full := percent(t, bars[1].attr("width"))
	for i, want := range []float64{0.5, 1, 0, 0.5} {
		if got := percent(t, bars[i].attr("width")); math.Abs(got-want*full) > 0.01 {
			t.Errorf("bar %d: width %v%%, want %v%%", i, got, want*full)
		}
		if values[i].Text != c.Bars[i].Text {
			t.Errorf("bar %d: value %q, want %q", i, values[i].Text, c.Bars[i].Text)
		}
		// The value is written after the end of its bar.
		if percent(t, values[i].attr("x")) <= percent(t, bars[i].attr("width")) {
			t.Errorf("bar %d: its value starts inside it", i)
		}
	}
	if full <= 0 || full > 80 {
		t.Fatalf("a full bar takes %v%% of the width: no room for its value", full)
	}
	// Labels, the long one wrapped onto several lines, none longer than
	// what a phone shows.
	var label strings.Builder
	for _, l := range root.all(byClass("chart__label")) {
		if len([]rune(l.Text)) > 34 {
			t.Errorf("label line %q is too long for a phone", l.Text)
		}
		label.WriteString(l.Text + "|")
	}
	want := "do 25 let|26–45 & \"víc\"|nikdo|46 a více let, a toto je dlouhý|popisek, který se musí zalomit do|řádků|"
	if label.String() != want {
		t.Fatalf("labels %q, want %q", label.String(), want)
	}
	// Rows do not overlap: each bar lies below the one before.
	for i := 1; i < len(bars); i++ {
		if y(t, bars[i]) <= y(t, bars[i-1]) {
			t.Fatalf("bar %d is not below bar %d", i, i-1)
		}
	}
	if h, _ := strconv.Atoi(root.attr("height")); h <= y(t, bars[3]) {
		t.Fatalf("height %s cuts off the last bar at %d", root.attr("height"), y(t, bars[3]))
	}
}

func y(t *testing.T, n node) int {
	t.Helper()
	v, err := strconv.Atoi(n.attr("y"))
	if err != nil {
		t.Fatalf("y %q: %v", n.attr("y"), err)
	}
	return v
}

func TestChart_SVGMax(t *testing.T) {
	c := charts.Chart{ID: "c", Max: 100, Bars: []charts.Bar{{Label: "a", Value: 50}, {Label: "b", Value: 150}}}
	bars := mustParse(t, string(c.SVG())).all(byClass("chart__bar"))
	if a, b := percent(t, bars[0].attr("width")), percent(t, bars[1].attr("width")); math.Abs(a*2-b) > 0.01 {
		t.Fatalf("widths %v and %v: with Max 100, 50 is half a full bar and 150 a full one", a, b)
	}
}

func TestChart_SVGEmpty(t *testing.T) {
	root := mustParse(t, string(charts.Chart{ID: "e", Title: "t", Desc: "d"}.SVG()))
	wantAccessibleName(t, root, "t", "d")
	if n := len(root.all(byClass("chart__bar"))); n != 0 {
		t.Fatalf("%d bars in an empty chart", n)
	}
}

func TestGrouped_SVG(t *testing.T) {
	g := charts.Grouped{ID: "g1", Title: "Věk podle obce", Desc: "Podíly v obcích", Series: []string{"Znojmo", "Slaný", "Jiná"},
		Groups: []charts.Group{
			{Label: "do 25 let", Bars: []charts.Bar{{Value: 0.5, Text: "5 (50 %)"}, {Value: 0.25, Text: "1 (25 %)"}, {Value: 0, Text: "0 (0 %)"}}},
			{Label: "nad 25 let", Bars: []charts.Bar{{Value: 0.5, Text: "5 (50 %)"}, {Value: 0.75, Text: "3 (75 %)"}, {Value: 1, Text: "2 (100 %)"}}},
		}}
	root := mustParse(t, string(g.SVG()))
	wantAccessibleName(t, root, "Věk podle obce", "Podíly v obcích")

	bars := root.all(byClass("chart__bar"))
	series := root.all(byClass("chart__series"))
	if len(bars) != 6 || len(series) != 6 {
		t.Fatalf("%d bars and %d series names, want 6 each", len(bars), len(series))
	}
	// Every bar carries its series' name (a direct label) and the fill of
	// its series, a pattern defined in the chart; series differ in fill.
	patterns := map[string]node{}
	for _, p := range root.all(byName("pattern")) {
		patterns[p.attr("id")] = p
	}
	fills := map[string]bool{}
	for i, b := range bars {
		if series[i].Text != g.Series[i%3] {
			t.Errorf("bar %d is named %q, want %q", i, series[i].Text, g.Series[i%3])
		}
		id := strings.TrimSuffix(strings.TrimPrefix(b.attr("fill"), "url(#"), ")")
		if _, ok := patterns[id]; !ok {
			t.Errorf("bar %d: fill %q is not a pattern of the chart", i, b.attr("fill"))
		}
		if i < 3 {
			fills[b.attr("fill")] = true
		} else if b.attr("fill") != bars[i-3].attr("fill") {
			t.Errorf("bar %d: its series' fill changed between groups", i)
		}
	}
	if len(fills) != 3 {
		t.Fatalf("3 series drawn with %d different fills", len(fills))
	}
	// Beyond the first, solid series, every pattern draws shapes over its
	// colour, so that the series differ without colour too.
	for id, p := range patterns {
		if shapes := len(p.Nodes); !strings.HasSuffix(id, "-p0") && shapes < 2 {
			t.Errorf("pattern %s has no shape over its colour", id)
		}
	}
	// The legend names the series with their fills.
	legend := root.all(byClass("chart__legend"))
	if len(legend) != 1 || len(legend[0].all(byName("text"))) != 3 || len(legend[0].all(byName("rect"))) != 3 {
		t.Fatalf("legend %+v, want three swatches with names", legend)
	}
	// The scale is the largest value over all groups.
	if a, b := percent(t, bars[0].attr("width")), percent(t, bars[5].attr("width")); math.Abs(a*2-b) > 0.01 {
		t.Fatalf("widths %v and %v, want 1:2", a, b)
	}
}

// TestPalette_Contrast checks that every colour of a bar stands out from
// white by at least 3:1 (WCAG 1.4.11) and the text by 4.5:1.
func TestPalette_Contrast(t *testing.T) {
	for _, c := range append(append([]string(nil), charts.Palette...), charts.TextColour) {
		min := 3.0
		if c == charts.TextColour {
			min = 4.5
		}
		if r := contrast(t, c); r < min {
			t.Errorf("%s on white: contrast %.2f, want at least %.1f", c, r, min)
		}
	}
}

func contrast(t *testing.T, hex string) float64 {
	t.Helper()
	v, err := strconv.ParseUint(strings.TrimPrefix(hex, "#"), 16, 32)
	if err != nil || len(hex) != 7 {
		t.Fatalf("colour %q", hex)
	}
	lum := 0.0
	for i, w := range []float64{0.2126, 0.7152, 0.0722} {
		c := float64((v>>(16-8*i))&0xff) / 255
		if c <= 0.03928 {
			c /= 12.92
		} else {
			c = math.Pow((c+0.055)/1.055, 2.4)
		}
		lum += w * c
	}
	return 1.05 / (lum + 0.05)
}
