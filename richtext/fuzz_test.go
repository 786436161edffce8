package richtext_test

import (
	"testing"

	"github.com/triada-kpss/triada/richtext"
)

// FuzzRender checks that no input makes Render write markup of its own
// choosing: only the package's tags, balanced, safe links. Run it with
// go test ./richtext -fuzz FuzzRender (never in CI: it runs until
// stopped).
func FuzzRender(f *testing.F) {
	for _, seed := range []string{
		"# Nadpis\n\nText s **tučným** a *kurzívou*.\n- a\n- b\n1. c",
		"[odkaz](https://znojmo.cz) [zlý](javascript:alert(1))",
		"<script>alert(1)</script>", "**[x](https://a.cz)**", "*_**[", "](", "_a_b_",
		"[a](https://a.cz/\"x)", "1) a\n- b\n# c\n\n## d",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, src string) {
		checkSafe(t, src, string(richtext.Render(src)))
	})
}
