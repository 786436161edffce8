package export_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/triada-kpss/triada/engine"
	"github.com/triada-kpss/triada/export"
	"github.com/triada-kpss/triada/store/sqlite"
)

const surveyYAML = `
id: needs-2027
title: "Průzkum potřeb"
audience: resident
segments: [municipality]
pages:
  - questions:
      - id: municipality
        type: choice
        text: {cs: "Obec", en: "Municipality"}
        options:
          - {value: znojmo, label: "Znojmo"}
          - {value: dyje, label: "Dyje"}
      - id: services
        type: multi
        text: "Co chybí?"
        options:
          - {value: day_care, label: "Denní stacionář", tags: [seniors]}
          - {value: transport, label: "Doprava"}
          - {value: advice, label: "Poradna"}
      - id: quality
        type: scale
        text: "Spokojenost"
        min: 1
        max: 5
      - id: age
        type: number
        text: "Věk"
        min: 0
        max: 120
      - id: remarks
        type: text
        text: "Poznámky"
        tags: [families]
`

// remarks are typed by people: commas, quotes, new lines, formulas.
var remarks = []string{"Málo míst, prosím.", `Říkají "brzy"`, "první řádek\ndruhý", "=1+1", "-5 bodů", "Doprava 👍"}

var codes = []string{"doprava", "kapacita", "informace"}

// answer is what the test submitted, to count independently.
type answer struct {
	id           string
	municipality string
	services     []string
	quality      float64 // 0: not answered
	age          float64 // -1: not answered
	remark       string
	codes        []string
}

type fixture struct {
	eng                 *engine.Engine
	coordinator, member *engine.User
	answers             []*answer // in id order
}

func mustFixture(t *testing.T, n int) *fixture {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "triada.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	f := &fixture{eng: engine.New(st, engine.Options{})}
	f.coordinator, err = f.eng.AddUser(ctx, "k@example.cz", engine.RoleCoordinator, "", "dlouhé heslo")
	must(t, err)
	f.member, err = f.eng.AddUser(ctx, "m@example.cz", engine.RoleMember, "", "dlouhé heslo")
	must(t, err)
	_, _, err = f.eng.CreateQuestionnaire(ctx, f.coordinator, []byte(surveyYAML), "yaml")
	must(t, err)
	rng := rand.New(rand.NewPCG(7, 27))
	for range n {
		a := &answer{age: -1}
		raw := map[string]json.RawMessage{}
		set := func(qid string, v any) {
			b, _ := json.Marshal(v)
			raw[qid] = b
		}
		if rng.IntN(10) > 0 {
			a.municipality = []string{"znojmo", "dyje"}[rng.IntN(2)]
			set("municipality", a.municipality)
		}
		for _, s := range []string{"day_care", "transport", "advice"} {
			if rng.IntN(3) == 0 {
				a.services = append(a.services, s)
			}
		}
		if a.services != nil {
			set("services", a.services)
		}
		if rng.IntN(5) > 0 {
			a.quality = float64(1 + rng.IntN(5))
			set("quality", a.quality)
		}
		if rng.IntN(4) > 0 {
			a.age = float64(rng.IntN(100)) + []float64{0, 0.5}[rng.IntN(2)]
			set("age", a.age)
		}
		if rng.IntN(2) == 0 {
			a.remark = remarks[rng.IntN(len(remarks))]
			set("remarks", a.remark)
		}
		r, err := f.eng.SubmitResponse(ctx, "needs-2027", raw, "")
		must(t, err)
		a.id = r.ID
		if a.remark != "" && rng.IntN(3) == 0 {
			a.codes = []string{codes[rng.IntN(len(codes))]}
			_, err := f.eng.CodeAnswer(ctx, f.coordinator, "needs-2027", "remarks", r.ID, engine.CodingChange{Add: a.codes})
			must(t, err)
		}
		f.answers = append(f.answers, a)
	}
	slices.SortFunc(f.answers, func(x, y *answer) int { return strings.Compare(x.id, y.id) })
	return f
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

var header = []string{"id", "created_at", "municipality", "services:day_care", "services:transport", "services:advice",
	"quality", "age", "remarks", "remarks#codes"}

// expectRow is the row of a, written here by hand; withText false leaves
// out the free text (a member's export).
func expectRow(a *answer, withText bool) []string {
	row := []string{a.id, a.municipality}
	for _, s := range []string{"day_care", "transport", "advice"} {
		switch {
		case a.services == nil:
			row = append(row, "")
		case slices.Contains(a.services, s):
			row = append(row, "1")
		default:
			row = append(row, "0")
		}
	}
	num := func(v float64, answered bool) string {
		if !answered {
			return ""
		}
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	row = append(row, num(a.quality, a.quality > 0), num(a.age, a.age >= 0))
	if withText {
		remark := a.remark
		if remark != "" && strings.ContainsAny(remark[:1], "=+-@") {
			remark = "'" + remark
		}
		row = append(row, remark, strings.Join(a.codes, "; "))
	}
	return row
}

// withoutTime drops the created_at column, which the test does not know.
func withoutTime(row []string) []string { return append([]string{row[0]}, row[2:]...) }

func (f *fixture) open(t *testing.T, actor *engine.User, filters ...engine.Filter) *engine.Export {
	t.Helper()
	x, err := f.eng.OpenExport(context.Background(), actor, "needs-2027", filters)
	must(t, err)
	return x
}

func TestWriteCSV(t *testing.T) {
	f := mustFixture(t, 1200) // more than one batch of responses
	ctx := context.Background()
	var buf bytes.Buffer
	must(t, export.WriteCSV(ctx, &buf, f.open(t, f.coordinator), export.CSVOptions{}))
	if !bytes.HasPrefix(buf.Bytes(), []byte("\xEF\xBB\xBF")) {
		t.Fatal("no UTF-8 byte order mark")
	}
	rows, err := csv.NewReader(bytes.NewReader(buf.Bytes()[3:])).ReadAll()
	must(t, err)
	if fmt.Sprint(rows[0]) != fmt.Sprint(header) {
		t.Fatalf("header: %q", rows[0])
	}
	if len(rows)-1 != len(f.answers) {
		t.Fatalf("%d rows, want %d", len(rows)-1, len(f.answers))
	}
	for i, a := range f.answers {
		if got, want := withoutTime(rows[i+1]), expectRow(a, true); fmt.Sprintf("%q", got) != fmt.Sprintf("%q", want) {
			t.Fatalf("row %d:\ngot  %q\nwant %q", i+1, got, want)
		}
	}

	t.Run("FilterLabelsSemicolon", func(t *testing.T) {
		var buf bytes.Buffer
		x := f.open(t, f.coordinator, engine.Filter{Question: "services", Value: "transport"})
		must(t, export.WriteCSV(ctx, &buf, x, export.CSVOptions{Labels: true, Semicolon: true, Lang: "en"}))
		r := csv.NewReader(bytes.NewReader(buf.Bytes()[3:]))
		r.Comma = ';'
		rows, err := r.ReadAll()
		must(t, err)
		if rows[1][2] != "Municipality" || rows[1][4] != "Co chybí?: Doprava" {
			t.Errorf("labels: %q", rows[1])
		}
		var want [][]string
		for _, a := range f.answers {
			if slices.Contains(a.services, "transport") {
				want = append(want, expectRow(a, true))
			}
		}
		if len(rows)-2 != len(want) || len(want) == 0 {
			t.Fatalf("%d filtered rows, want %d", len(rows)-2, len(want))
		}
		for i := range want {
			if fmt.Sprintf("%q", withoutTime(rows[i+2])) != fmt.Sprintf("%q", want[i]) {
				t.Fatalf("filtered row %d: %q, want %q", i, rows[i+2], want[i])
			}
		}
	})

	t.Run("MemberWithoutText", func(t *testing.T) {
		var buf bytes.Buffer
		must(t, export.WriteCSV(ctx, &buf, f.open(t, f.member), export.CSVOptions{}))
		rows, err := csv.NewReader(bytes.NewReader(buf.Bytes()[3:])).ReadAll()
		must(t, err)
		if fmt.Sprint(rows[0]) != fmt.Sprint(header[:8]) || fmt.Sprintf("%q", withoutTime(rows[1])) != fmt.Sprintf("%q", expectRow(f.answers[0], false)) {
			t.Errorf("a member's export: %q, %q", rows[0], rows[1])
		}
	})
}

func TestWriteXLSX(t *testing.T) {
	f := mustFixture(t, 600)
	ctx := context.Background()
	var buf bytes.Buffer
	must(t, export.WriteXLSX(ctx, &buf, f.open(t, f.coordinator), "cs"))
	wb, err := excelize.OpenReader(&buf)
	must(t, err)
	defer wb.Close()
	if got := wb.GetSheetList(); fmt.Sprint(got) != "[responses municipality services quality age remarks]" {
		t.Fatalf("sheets: %v", got)
	}
	rows, err := wb.GetRows(export.ResponsesSheet)
	must(t, err)
	if fmt.Sprint(rows[0]) != fmt.Sprint(header) || rows[1][2] != "Obec" || len(rows)-2 != len(f.answers) {
		t.Fatalf("responses sheet: %d rows, header %q, labels %q", len(rows), rows[0], rows[1])
	}
	for i, a := range f.answers {
		got := withoutTime(rows[i+2])
		want := expectRow(a, true)
		want[len(want)-2] = a.remark // a spreadsheet cell holds text as text: no apostrophe
		for len(got) < len(want) {
			got = append(got, "") // GetRows drops empty cells at the end
		}
		if fmt.Sprintf("%q", got) != fmt.Sprintf("%q", want) {
			t.Fatalf("row %d:\ngot  %q\nwant %q", i, got, want)
		}
	}
	// The summary of services against an independent count.
	summary, err := wb.GetRows("services")
	must(t, err)
	answered, counts := 0, map[string]int{}
	for _, a := range f.answers {
		if a.services != nil {
			answered++
		}
		for _, s := range a.services {
			counts[s]++
		}
	}
	cells := map[string]string{}
	for _, r := range summary {
		if len(r) >= 3 {
			cells[r[0]] = r[2]
		} else if len(r) == 2 {
			cells[r[0]] = r[1]
		}
	}
	want := map[string]string{"answered": strconv.Itoa(answered), "total": strconv.Itoa(len(f.answers)),
		"day_care": strconv.Itoa(counts["day_care"]), "transport": strconv.Itoa(counts["transport"]), "advice": strconv.Itoa(counts["advice"])}
	for k, v := range want {
		if cells[k] != v {
			t.Errorf("summary of services: %s = %q, want %q (%q)", k, cells[k], v, summary)
		}
	}
	// Codes of remarks, and the mean of quality.
	coded := map[string]int{}
	sum, n := 0.0, 0
	for _, a := range f.answers {
		for _, c := range a.codes {
			coded[c]++
		}
		if a.quality > 0 {
			sum, n = sum+a.quality, n+1
		}
	}
	rm, err := wb.GetRows("remarks")
	must(t, err)
	for _, r := range rm {
		if len(r) >= 3 && slices.Contains(codes, r[0]) && r[2] != strconv.Itoa(coded[r[0]]) {
			t.Errorf("code %s counted %s, want %d", r[0], r[2], coded[r[0]])
		}
	}
	mean, err := wb.GetCellValue("quality", "B6", excelize.Options{RawCellValue: true})
	must(t, err)
	if got, _ := strconv.ParseFloat(mean, 64); fmt.Sprintf("%.9f", got) != fmt.Sprintf("%.9f", sum/float64(n)) {
		t.Errorf("mean of quality: %s, want %v", mean, sum/float64(n))
	}
}

func TestWriteJSON(t *testing.T) {
	f := mustFixture(t, 700)
	var buf bytes.Buffer
	must(t, export.WriteJSON(context.Background(), &buf, f.open(t, f.coordinator, engine.Filter{Question: "municipality", Value: "dyje"})))
	var got []struct {
		ID      string              `json:"id"`
		Answers map[string]any      `json:"answers"`
		Codes   map[string][]string `json:"codes"`
	}
	must(t, json.Unmarshal(buf.Bytes(), &got))
	var want []*answer
	for _, a := range f.answers {
		if a.municipality == "dyje" {
			want = append(want, a)
		}
	}
	if len(got) != len(want) || len(want) == 0 {
		t.Fatalf("%d responses, want %d", len(got), len(want))
	}
	for i, a := range want {
		g := got[i]
		remark, _ := g.Answers["remarks"].(string)
		if g.ID != a.id || g.Answers["municipality"] != "dyje" || remark != a.remark || fmt.Sprint(g.Codes["remarks"]) != fmt.Sprint(a.codes) {
			t.Fatalf("response %d: %+v, want %+v", i, g, a)
		}
	}
	var empty bytes.Buffer
	must(t, export.WriteJSON(context.Background(), &empty, f.open(t, f.coordinator, engine.Filter{Question: "quality", Value: "9"})))
	if strings.TrimSpace(empty.String()) != "[]" {
		t.Errorf("no responses: %q", empty.String())
	}
}
