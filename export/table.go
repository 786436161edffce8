package export

import (
	"encoding/csv"
	"io"

	"github.com/xuri/excelize/v2"
)

// WriteTableCSV writes a small table (a header row, then the rows) as
// CSV, UTF-8 with a byte order mark so that Excel reads the letters
// right. Every cell is text that people may have typed, so each one that
// begins with = + - @ or a tab is written after an apostrophe: a
// spreadsheet shows it rather than running it as a formula.
func WriteTableCSV(w io.Writer, header []string, rows [][]string) error {
	if _, err := io.WriteString(w, bom); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	record := make([]string, len(header))
	for i, h := range header {
		record[i] = Defuse(h)
	}
	if err := cw.Write(record); err != nil {
		return err
	}
	for _, row := range rows {
		record = record[:0]
		for _, cell := range row {
			record = append(record, Defuse(cell))
		}
		if err := cw.Write(record); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteTableXLSX writes a small table as an XLSX workbook of one sheet
// with the name. Cells are strings, never formulas, whatever they begin
// with.
func WriteTableXLSX(w io.Writer, sheet string, header []string, rows [][]string) (err error) {
	f := excelize.NewFile()
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	if len(sheet) > maxSheetName {
		sheet = sheet[:maxSheetName]
	}
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	for i, row := range append([][]string{header}, rows...) {
		cells := make([]any, len(row))
		for j, c := range row {
			// A typed cell: excelize writes a string as inline text, which
			// no spreadsheet evaluates.
			cells[j] = excelize.Cell{Value: c}
		}
		cell, err := excelize.CoordinatesToCellName(1, i+1)
		if err != nil {
			return err
		}
		if err := sw.SetRow(cell, cells); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}
