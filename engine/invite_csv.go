package engine

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// MaxInviteRows is the most rows one uploaded list of invitations may hold.
const MaxInviteRows = 2000

// Problems of a row of a list of invitations; handlers translate them.
const (
	RowColumns        = "columns"         // not three columns
	RowName           = "name"            // no name, or too long
	RowICO            = "ico"             // not eight digits with a right check digit
	RowEmail          = "email"           // not an e-mail address
	RowDuplicateEmail = "duplicate_email" // the e-mail is on an earlier row
	RowDuplicateICO   = "duplicate_ico"   // the IČO is on an earlier row
	RowInvited        = "invited"         // the e-mail has an invitation already
)

// InviteRow is one row of a list of invitations: a provider's name, IČO
// and e-mail, with the line it was on and its problems (none: ready).
type InviteRow struct {
	Line     int
	Name     string
	ICO      string
	Email    string
	Problems []string
}

// ErrInviteFile is the error of a list that cannot be read at all.
var ErrInviteFile = errors.New("the file is not a CSV table")

// ParseInviteList reads a CSV list of invitations: columns name, IČO and
// e-mail, in UTF-8 (with or without a byte order mark) or Windows-1250
// (as Czech Excel saves "CSV"), separated by commas or semicolons, with
// or without a header row (recognised by its words; it may put the
// columns in another order). Each row gets its problems; duplicates are
// marked on the later row. ErrInviteFile for an empty or unreadable file,
// or more than MaxInviteRows rows.
func ParseInviteList(data []byte) ([]InviteRow, error) {
	text, err := decodeSpreadsheetText(data)
	if err != nil {
		return nil, err
	}
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = guessSeparator(text)
	r.FieldsPerRecord = -1
	r.TrimLeadingSpace = true
	cols := [3]int{0, 1, 2} // name, IČO, e-mail
	var rows []InviteRow
	seenEmail, seenICO := map[string]bool{}, map[string]bool{}
	for first := true; ; first = false {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, ErrInviteFile
		}
		line, _ := r.FieldPos(0)
		if blank(rec) {
			continue
		}
		if first {
			if c, ok := headerColumns(rec); ok {
				cols = c
				continue
			}
		}
		if len(rows) == MaxInviteRows {
			return nil, ErrInviteFile
		}
		rows = append(rows, inviteRow(line, rec, cols, seenEmail, seenICO))
	}
	if len(rows) == 0 {
		return nil, ErrInviteFile
	}
	return rows, nil
}

// CheckInviteRows checks rows sent back from a preview as ParseInviteList
// checked them when the list was read: it returns them with their
// problems, duplicates marked on the later row.
func CheckInviteRows(rows []InviteRow) []InviteRow {
	out := make([]InviteRow, len(rows))
	seenEmail, seenICO := map[string]bool{}, map[string]bool{}
	for i, r := range rows {
		out[i] = inviteRow(r.Line, []string{r.Name, r.ICO, r.Email}, [3]int{0, 1, 2}, seenEmail, seenICO)
	}
	return out
}

// inviteRow reads and checks one record.
func inviteRow(line int, rec []string, cols [3]int, seenEmail, seenICO map[string]bool) InviteRow {
	row := InviteRow{Line: line}
	if len(rec) < 3 || (len(rec) > 3 && !blank(rec[3:])) {
		row.Problems = []string{RowColumns}
	}
	field := func(i int) string {
		if i < len(rec) {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	row.Name, row.ICO, row.Email = field(cols[0]), strings.ReplaceAll(field(cols[1]), " ", ""), field(cols[2])
	if row.Name == "" || utf8.RuneCountInString(row.Name) > 300 {
		row.Problems = append(row.Problems, RowName)
	}
	if !ValidICO(row.ICO) {
		row.Problems = append(row.Problems, RowICO)
	} else if seenICO[row.ICO] {
		row.Problems = append(row.Problems, RowDuplicateICO)
	}
	seenICO[row.ICO] = true
	if email, err := NormalizeEmail("email", row.Email); err != nil {
		row.Problems = append(row.Problems, RowEmail)
	} else {
		row.Email = email
		if seenEmail[email] {
			row.Problems = append(row.Problems, RowDuplicateEmail)
		}
		seenEmail[email] = true
	}
	return row
}

// decodeSpreadsheetText returns data as text: UTF-8 without its byte
// order mark, or else Windows-1250, which decodes any byte.
func decodeSpreadsheetText(data []byte) (string, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if utf8.Valid(data) {
		if bytes.IndexByte(data, 0) >= 0 {
			return "", ErrInviteFile // UTF-16, or not text
		}
		return string(data), nil
	}
	out, err := charmap.Windows1250.NewDecoder().Bytes(data)
	if err != nil || bytes.IndexByte(out, 0) >= 0 {
		return "", ErrInviteFile
	}
	return string(out), nil
}

// guessSeparator picks ';' (what Czech Excel writes, as the comma is the
// decimal mark) when the first line has more semicolons than commas.
func guessSeparator(text string) rune {
	first, _, _ := strings.Cut(text, "\n")
	if strings.Count(first, ";") > strings.Count(first, ",") {
		return ';'
	}
	return ','
}

// headerColumns recognises a header row by its words and returns the
// positions of the name, IČO and e-mail columns: a row without an
// e-mail address that names at least one of them.
func headerColumns(rec []string) ([3]int, bool) {
	cols := [3]int{-1, -1, -1}
	for i, h := range rec {
		switch k := Fold(strings.TrimSpace(h)); {
		case strings.Contains(k, "mail"):
			cols[2] = i
		case k == "ico" || strings.HasPrefix(k, "ico ") || k == "ic" || k == "company number" || k == "company id":
			cols[1] = i
		case strings.Contains(k, "nazev") || strings.Contains(k, "jmeno") || strings.Contains(k, "meno") || strings.Contains(k, "name") || strings.Contains(k, "poskytovatel") || strings.Contains(k, "provider"):
			cols[0] = i
		}
	}
	found := 0
	for _, c := range cols {
		if c >= 0 {
			found++
		}
	}
	for _, f := range rec {
		if strings.Contains(f, "@") {
			return [3]int{}, false // a row of data
		}
	}
	if found < 3 {
		// Some words recognised: a header, columns in the usual order.
		return [3]int{0, 1, 2}, found > 0
	}
	return cols, true
}

func blank(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}
