package richtext_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/triada-kpss/triada/richtext"
)

func TestRender(t *testing.T) {
	for _, tt := range []struct{ name, src, want string }{
		{"Paragraphs", "První řádek\ndruhý.\n\nDalší odstavec.", "<p>První řádek\ndruhý.</p>\n<p>Další odstavec.</p>\n"},
		{"Headings", "# Cíle\n## Dílčí\n### Malý\n#### Moc", "<h3>Cíle</h3>\n<h4>Dílčí</h4>\n<h5>Malý</h5>\n<p>#### Moc</p>\n"},
		{"HashWithoutSpace", "#hashtag", "<p>#hashtag</p>\n"},
		{"Bullets", "Úvod\n- jedna\n* dvě\n  pokračuje\n\nKonec", "<p>Úvod</p>\n<ul>\n<li>jedna</li>\n<li>dvě pokračuje</li>\n</ul>\n<p>Konec</p>\n"},
		{"Numbers", "1. první\n2) druhý\n- odrážka", "<ol>\n<li>první</li>\n<li>druhý</li>\n</ol>\n<ul>\n<li>odrážka</li>\n</ul>\n"},
		{"Emphasis", "**silně** a *lehce* a _také_", "<p><strong>silně</strong> a <em>lehce</em> a <em>také</em></p>\n"},
		{"Nested", "**velmi *důležité* věci**", "<p><strong>velmi <em>důležité</em> věci</strong></p>\n"},
		{"SnakeCase", "soubor plan_2027_final.pdf", "<p>soubor plan_2027_final.pdf</p>\n"},
		{"Spaced stars", "3 * 4 * 5", "<p>3 * 4 * 5</p>\n"},
		{"Link", "[Plán](https://znojmo.cz/plan?a=1&b=2)", `<p><a href="https://znojmo.cz/plan?a=1&amp;b=2" rel="nofollow">Plán</a></p>` + "\n"},
		{"Mailto", "[napište](mailto:kpss@znojmo.cz)", `<p><a href="mailto:kpss@znojmo.cz" rel="nofollow">napište</a></p>` + "\n"},
		{"LinkTextNoMarkup", "[**a**](https://a.cz)", `<p><a href="https://a.cz" rel="nofollow">**a**</a></p>` + "\n"},
		{"Empty", "", ""},
		{"Blank lines", "\n\n  \n", ""},
		{"CRLF", "a\r\n\r\nb", "<p>a</p>\n<p>b</p>\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(richtext.Render(tt.src)); got != tt.want {
				t.Errorf("Render(%q)\n got %q\nwant %q", tt.src, got, tt.want)
			}
		})
	}
}

// Hostile input comes out as text: no tag but the package's own, no
// attribute but a checked href.
func TestRender_Hostile(t *testing.T) {
	for _, tt := range []struct{ name, src, want string }{
		{"Script", "<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n"},
		{"Img", `<img src=x onerror="alert(1)">`, "<p>&lt;img src=x onerror=&#34;alert(1)&#34;&gt;</p>\n"},
		{"JavaScriptLink", "[klik](javascript:alert(1))", "<p>[klik](javascript:alert(1))</p>\n"},
		{"JavaScriptUpper", "[klik](JaVaScRiPt:alert(1))", "<p>[klik](JaVaScRiPt:alert(1))</p>\n"},
		{"DataLink", "[x](data:text/html;base64,PHNjcmlwdD4=)", "<p>[x](data:text/html;base64,PHNjcmlwdD4=)</p>\n"},
		{"QuoteInURL", `[x](https://a.cz/"onmouseover="alert(1))`, "<p>[x](https://a.cz/&#34;onmouseover=&#34;alert(1))</p>\n"},
		{"RelativeLink", "[x](/work)", "<p>[x](/work)</p>\n"},
		{"ProtocolRelative", "[x](//evil.example)", "<p>[x](//evil.example)</p>\n"},
		{"UserInfo", "[x](https://znojmo.cz@evil.example)", "<p>[x](https://znojmo.cz@evil.example)</p>\n"},
		{"Unclosed strong", "**bez konce", "<p>**bez konce</p>\n"},
		{"Unclosed em", "*bez konce", "<p>*bez konce</p>\n"},
		{"Unclosed link", "[text](https://a.cz", "<p>[text](https://a.cz</p>\n"},
		{"Unclosed bracket", "[text", "<p>[text</p>\n"},
		{"Tag in heading", "# <b>x</b>", "<h3>&lt;b&gt;x&lt;/b&gt;</h3>\n"},
		{"Entity", "&lt;script&gt;", "<p>&amp;lt;script&amp;gt;</p>\n"},
		{"Tag in link text", "[<i>x</i>](https://a.cz)", `<p><a href="https://a.cz" rel="nofollow">&lt;i&gt;x&lt;/i&gt;</a></p>` + "\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := string(richtext.Render(tt.src))
			if got != tt.want {
				t.Errorf("Render(%q)\n got %q\nwant %q", tt.src, got, tt.want)
			}
			checkSafe(t, tt.src, got)
		})
	}
}

func TestSafeURL(t *testing.T) {
	for u, want := range map[string]bool{
		"https://znojmo.cz/plan.pdf": true, "http://a.cz": true, "HTTPS://A.CZ": true, "mailto:a@b.cz": true,
		"javascript:alert(1)": false, "ftp://a.cz": false, "/relative": false, "https://": false, "mailto:": false,
		"https://a b.cz": false, "": false, "data:text/plain,x": false, "https://u:p@a.cz": false, "vbscript:x": false,
	} {
		if got := richtext.SafeURL(u); got != want {
			t.Errorf("SafeURL(%q) = %v, want %v", u, got, want)
		}
	}
}

// A deep nest of emphasis renders without deep recursion, as text past
// the bound.
func TestRender_Deep(t *testing.T) {
	src := strings.Repeat("**a *", 5000) + strings.Repeat("* b**", 5000)
	checkSafe(t, src, string(richtext.Render(src)))
}

var (
	ownTag  = regexp.MustCompile(`<(/?)(p|ul|ol|li|strong|em|h3|h4|h5|a)(?: href="([^"<>]*)" rel="nofollow")?>`)
	anyMark = regexp.MustCompile(`[<>"']`)
)

// checkSafe fails unless out holds only the package's own tags, balanced,
// links only to safe addresses, and no other markup characters.
func checkSafe(tb testing.TB, src, out string) {
	tb.Helper()
	var stack []string
	for _, m := range ownTag.FindAllStringSubmatch(out, -1) {
		switch {
		case m[1] == "":
			if m[2] == "a" && !richtext.SafeURL(unescape(m[3])) {
				tb.Fatalf("Render(%q): unsafe link %q", src, m[3])
			}
			if (m[2] == "a") != (m[3] != "") {
				tb.Fatalf("Render(%q): tag %s with wrong attributes", src, m[0])
			}
			stack = append(stack, m[2])
		case len(stack) == 0 || stack[len(stack)-1] != m[2]:
			tb.Fatalf("Render(%q): unbalanced </%s> in %q", src, m[2], out)
		default:
			stack = stack[:len(stack)-1]
		}
	}
	if len(stack) > 0 {
		tb.Fatalf("Render(%q): unclosed %v in %q", src, stack, out)
	}
	if rest := ownTag.ReplaceAllString(out, ""); anyMark.MatchString(rest) {
		tb.Fatalf("Render(%q): markup outside the package's own tags: %q", src, rest)
	}
}

func unescape(s string) string {
	return strings.NewReplacer("&amp;", "&", "&#39;", "'", "&#34;", `"`, "&lt;", "<", "&gt;", ">").Replace(s)
}

// Long runs of unclosed markup render in linear time: this would take
// minutes if every opener searched the whole text.
func TestRender_Long(t *testing.T) {
	for _, unit := range []string{"[", "*x", "**", "_ ", "[a](", "[a]("} {
		src := strings.Repeat(unit, 200_000/len(unit))
		checkSafe(t, unit+"…", string(richtext.Render(src)))
	}
}
