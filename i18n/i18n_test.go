package i18n_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/triada-kpss/triada/i18n"
)

func TestCheck(t *testing.T) {
	for _, err := range i18n.Check() {
		t.Error(err)
	}
	if len(i18n.Keys()) < 50 {
		t.Errorf("only %d keys", len(i18n.Keys()))
	}
}

func TestPluralForm(t *testing.T) {
	tests := []struct {
		lang string
		n    int
		want int
	}{
		{"cs", 0, 2}, {"cs", 1, 0}, {"cs", 2, 1}, {"cs", 4, 1}, {"cs", 5, 2}, {"cs", 11, 2}, {"cs", 22, 2}, {"cs", -3, 1},
		{"sk", 1, 0}, {"sk", 3, 1}, {"sk", 500, 2},
		{"en", 0, 1}, {"en", 1, 0}, {"en", 2, 1},
	}
	for _, tt := range tests {
		if got := i18n.PluralForm(tt.lang, tt.n); got != tt.want {
			t.Errorf("PluralForm(%s, %d) = %d, want %d", tt.lang, tt.n, got, tt.want)
		}
	}
}

func TestPrinter_N(t *testing.T) {
	cs, sk, en := i18n.New("cs"), i18n.New("sk"), i18n.New("en")
	for n, want := range map[int]string{1: "Dotazník má 1 krok.", 3: "Dotazník má 3 kroky.", 5: "Dotazník má 5 kroků.", 0: "Dotazník má 0 kroků."} {
		if got := cs.N("start.steps", n); got != want {
			t.Errorf("cs %d: %q, want %q", n, got, want)
		}
	}
	if got := sk.N("hint.text_limit", 500); got != "Môžete napísať najviac 500 znakov." {
		t.Errorf("sk: %q", got)
	}
	if got := en.N("start.steps", 1); got != "The questionnaire has 1 step." {
		t.Errorf("en: %q", got)
	}
	if got := cs.N("error.text.long", 2, 7); got != "Odpověď může mít nejvýše 2 znaky, vaše má 7." {
		t.Errorf("args after n: %q", got)
	}
}

func TestPrinter_T(t *testing.T) {
	if got := i18n.New("xx").T("form.next"); got != "Pokračovat" {
		t.Errorf("unknown language: %q, want Czech", got)
	}
	if got := i18n.New("en").T("no.such.key"); got != "no.such.key" {
		t.Errorf("missing key: %q", got)
	}
	if got := i18n.New("sk").T("questionnaire.closes", "1. 2. 2027"); got != "Odpovede prijímame do 1. 2. 2027." {
		t.Errorf("%q", got)
	}
}

func TestPrinter_Step(t *testing.T) {
	tests := map[string]map[int]string{
		"cs": {2: "Krok 1 ze 2", 4: "Krok 1 ze 4", 5: "Krok 1 z 5", 7: "Krok 1 ze 7", 10: "Krok 1 z 10", 13: "Krok 1 ze 13", 25: "Krok 1 ze 25", 100: "Krok 1 ze 100"},
		"sk": {2: "Krok 1 z 2", 4: "Krok 1 zo 4", 6: "Krok 1 zo 6", 5: "Krok 1 z 5"},
		"en": {4: "Step 1 of 4"},
	}
	for lang, cases := range tests {
		for of, want := range cases {
			if got := i18n.New(lang).Step(1, of); got != want {
				t.Errorf("%s Step(1, %d) = %q, want %q", lang, of, got, want)
			}
		}
	}
}

func TestPrinter_Date(t *testing.T) {
	d := time.Date(2027, 2, 14, 0, 0, 0, 0, time.UTC)
	if got := i18n.New("cs").Date(d); got != "14. 2. 2027" {
		t.Errorf("cs %q", got)
	}
	if got := i18n.New("en").Date(d); got != "14 February 2027" {
		t.Errorf("en %q", got)
	}
	if got := i18n.New("sk").Number("2.5"); got != "2,5" {
		t.Errorf("sk number %q", got)
	}
}

func TestMatch(t *testing.T) {
	tests := map[string]string{
		"":                                 "cs",
		"sk-SK,sk;q=0.9,en;q=0.5":          "sk",
		"en-GB,en;q=0.9":                   "en",
		"de-DE,de;q=0.9":                   "cs",
		"de;q=1, en;q=0.8, sk;q=0.9":       "sk",
		"en;q=0, sk;q=0.1":                 "sk",
		"CS":                               "cs",
		"fr, en-US;q=0.7, cs;q=0.7":        "en",
		"en;q=nonsense, sk":                "sk",
		"*":                                "cs",
		"x-very-long-tag-" + "a;q=0.5, en": "en",
	}
	for header, want := range tests {
		if got := i18n.Match(header); got != want {
			t.Errorf("Match(%q) = %q, want %q", header, got, want)
		}
	}
}

// TestKeysUsed checks that every key the templates and handlers name is in
// the catalogs, so that no page shows a bare key.
func TestKeysUsed(t *testing.T) {
	known := map[string]bool{}
	for _, k := range i18n.Keys() {
		known[k] = true
	}
	pattern := regexp.MustCompile(`\.(?:T|N|Forms)\(?\s*"([a-z_]+\.[a-z_.]+)"`)
	var files []string
	for _, glob := range []string{"../templates/*.html", "../templates/*/*.html", "../handlers/page_*.go"} {
		m, _ := filepath.Glob(glob)
		files = append(files, m...)
	}
	if len(files) < 10 {
		t.Fatalf("found only %d files", len(files))
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range pattern.FindAllStringSubmatch(string(data), -1) {
			if !known[m[1]] && !strings.HasSuffix(m[1], ".") {
				t.Errorf("%s: %s is in no catalog", file, m[1])
			}
		}
	}
}
