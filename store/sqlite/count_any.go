package sqlite

import (
	"bytes"
	"strings"
)

// framedSets frames every code of CountQuery.AnyOf as "\ncode\n" for the
// byte search of counter.add; empty sets are left out (they are ignored).
func framedSets(sets [][]string) [][][]byte {
	var out [][][]byte
	for _, set := range sets {
		if len(set) == 0 {
			continue
		}
		framed := make([][]byte, len(set))
		for i, code := range set {
			framed[i] = []byte("\n" + code + "\n")
		}
		out = append(out, framed)
	}
	return out
}

// holdsOneOfEach reports whether framed codes hold at least one code of
// each set.
func holdsOneOfEach(framed []byte, sets [][][]byte) bool {
	for _, set := range sets {
		found := false
		for _, code := range set {
			if bytes.Contains(framed, code) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// codesAnyFilter is the SQL condition, on responses aliased r, that a
// response holds at least one code of each set.
func codesAnyFilter(sets [][]string) (string, []any) {
	var b strings.Builder
	var args []any
	for _, set := range sets {
		if len(set) == 0 {
			continue
		}
		b.WriteString(` AND (`)
		for i, code := range set {
			if i > 0 {
				b.WriteString(` OR `)
			}
			b.WriteString(`instr(char(10) || r.codes, ?) > 0`)
			args = append(args, "\n"+code+"\n")
		}
		b.WriteString(`)`)
	}
	return b.String(), args
}
