package engine

import (
	"strings"
	"testing"
)

// Fold's table gives what the definition gives, for every rune in and
// around the table and for mixed text.
func TestFold_SameAsDefinition(t *testing.T) {
	for r := rune(0); r < 0x3000; r++ {
		for _, s := range []string{string(r), "Pe" + string(r) + "ovatelská  služba", string(r) + "\u0301e"} {
			if got, want := Fold(s), slowFold(s); got != want {
				t.Fatalf("Fold(%q) = %q, the definition gives %q", s, got, want)
			}
		}
	}
	for _, s := range []string{"", "  Žluťoučký KŮŇ\tÚPĚL ďábelské ódy \n", "Ǆemal ǅ ǆ", "e\u0301\u0323", "\xff\xfeneplatné",
		"Ångström Œuvre ß ĳ", "Straße", strings.Repeat("Dlouhá věta s čárkami, háčky a\u00a0mezerami. ", 50)} {
		if got, want := Fold(s), slowFold(s); got != want {
			t.Errorf("Fold(%q) = %q, the definition gives %q", s, got, want)
		}
	}
}

// FuzzFold holds Fold to its definition on any text.
func FuzzFold(f *testing.F) {
	for _, s := range []string{"Pečovatelská služba", "ÍÓÚ\u00a0x", "a\u0308\u0301", "日本語 テキスト", "\xc3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Fold(s), slowFold(s); got != want {
			t.Fatalf("Fold(%q) = %q, the definition gives %q", s, got, want)
		}
	})
}

func BenchmarkFold(b *testing.B) {
	const s = "Chybí nám odlehčovací služba pro seniory a doprava k lékaři, hlavně večer a o víkendech."
	b.Run("table", func(b *testing.B) {
		for b.Loop() {
			Fold(s)
		}
	})
	b.Run("definition", func(b *testing.B) {
		for b.Loop() {
			slowFold(s)
		}
	})
}
