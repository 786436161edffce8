package main_test

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/triada-kpss/triada/engine"
)

const exportSurvey = `id: needs-2027
title: "Průzkum potřeb"
audience: resident
pages:
  - questions:
      - id: municipality
        type: choice
        text: "Obec"
        options:
          - {value: znojmo, label: "Znojmo"}
          - {value: dyje, label: "Dyje"}
      - id: services
        type: multi
        text: "Co chybí?"
        options:
          - {value: day_care, label: "Denní stacionář"}
          - {value: transport, label: "Doprava"}
      - id: remarks
        type: text
        text: "Poznámky"
`

func TestExecute_Export(t *testing.T) {
	dir := t.TempDir()
	m := MustRunMain(t, dir)
	ctx := context.Background()
	if _, _, err := m.Engine.CreateQuestionnaire(ctx, engine.Operator(), []byte(exportSurvey), "yaml"); err != nil {
		t.Fatal(err)
	}
	for _, body := range []string{
		`{"municipality": "znojmo", "services": ["transport"], "remarks": "Autobus, večer"}`,
		`{"municipality": "dyje", "services": ["day_care", "transport"]}`,
		`{"municipality": "dyje"}`,
	} {
		var raw map[string]json.RawMessage
		if err := json.Unmarshal([]byte(body), &raw); err != nil {
			t.Fatal(err)
		}
		if _, err := m.Engine.SubmitResponse(ctx, "needs-2027", raw, ""); err != nil {
			t.Fatal(err)
		}
	}
	env := map[string]string{"TRIADA_DATA_DIR": dir}

	r := execute(t, env, "", "export", "--questionnaire", "needs-2027", "--filter", "services:transport")
	if r.code != 0 || r.stderr != "" || !strings.HasPrefix(r.stdout, "\uFEFF") {
		t.Fatalf("CSV export: %+v", r)
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(r.stdout, "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"municipality", "services:day_care", "services:transport", "remarks", "remarks#codes"},
		{"znojmo", "0", "1", "Autobus, večer", ""},
		{"dyje", "1", "1", "", ""},
	}
	if len(rows) != len(want) {
		t.Fatalf("rows: %q", rows)
	}
	for i := range want {
		if strings.Join(rows[i][2:], "|") != strings.Join(want[i], "|") {
			t.Errorf("row %d: %q, want %q", i, rows[i][2:], want[i])
		}
	}

	out := filepath.Join(t.TempDir(), "needs.xlsx")
	r = execute(t, env, "", "export", "--questionnaire", "needs-2027", "--out", out)
	if r.code != 0 || r.stdout != "" || r.stderr != "" {
		t.Fatalf("XLSX export: %+v", r)
	}
	wb, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	if xr, _ := wb.GetRows("responses"); len(xr) != 5 {
		t.Errorf("XLSX rows: %q", xr)
	}
	if leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".*partial")); len(leftovers) > 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}

	r = execute(t, env, "", "export", "--questionnaire", "needs-2027", "--format", "json")
	var objs []map[string]any
	if r.code != 0 || json.Unmarshal([]byte(r.stdout), &objs) != nil || len(objs) != 3 {
		t.Errorf("JSON export: %+v", r)
	}

	for _, c := range []struct {
		name string
		args []string
		code int
	}{
		{"NoQuestionnaire", []string{"export"}, 2},
		{"Unknown", []string{"export", "--questionnaire", "nope"}, 3},
		{"BadFormat", []string{"export", "--questionnaire", "needs-2027", "--format", "pdf"}, 2},
		{"BadFilterSyntax", []string{"export", "--questionnaire", "needs-2027", "--filter", "oops"}, 2},
		{"BadFilterValue", []string{"export", "--questionnaire", "needs-2027", "--filter", "municipality:brno"}, 2},
		{"BadLanguage", []string{"export", "--questionnaire", "needs-2027", "--lang", "de"}, 2},
		{"NoFolder", []string{"export", "--questionnaire", "needs-2027", "--out", filepath.Join(dir, "none", "x.csv")}, 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := execute(t, env, "", c.args...)
			if r.code != c.code || r.stderr == "" || r.stdout != "" {
				t.Errorf("%+v, want exit %d and a message", r, c.code)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "none")); err == nil {
		t.Error("a folder was created")
	}
}
