package export_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/triada-kpss/triada/export"
)

func TestWriteTableCSV(t *testing.T) {
	var b bytes.Buffer
	err := export.WriteTableCSV(&b, []string{"reference", "text"}, [][]string{
		{"P-2027-001", "=HYPERLINK(\"http://evil.example\")"}, {"P-2027-002", "Dobrý den, \"plán\"\nřádek"}, {"P-2027-003", "-1+2"},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := "\uFEFFreference,text\nP-2027-001,\"'=HYPERLINK(\"\"http://evil.example\"\")\"\nP-2027-002,\"Dobrý den, \"\"plán\"\"\nřádek\"\nP-2027-003,'-1+2\n"
	if b.String() != want {
		t.Errorf("got %q\nwant %q", b.String(), want)
	}
}

func TestWriteTableXLSX(t *testing.T) {
	var b bytes.Buffer
	if err := export.WriteTableXLSX(&b, "vypořádání", []string{"reference", "text"}, [][]string{{"P-2027-001", "=1+1"}}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("vypořádání")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[1][1] != "=1+1" {
		t.Fatalf("rows %q", rows)
	}
	if formula, _ := f.GetCellFormula("vypořádání", "B2"); formula != "" {
		t.Errorf("B2 is the formula %q", formula)
	}
	if !strings.HasPrefix(rows[0][0], "reference") {
		t.Errorf("header %q", rows[0])
	}
}
