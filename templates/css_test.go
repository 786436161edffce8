package templates

import (
	"strings"
	"testing"
)

// The stylesheet's braces balance: one left open (as a merge of two
// appended blocks can leave) silently swallows every rule after it.
func TestStylesheet_BracesBalance(t *testing.T) {
	raw, err := static.ReadFile("static/site.css")
	if err != nil {
		t.Fatal(err)
	}
	depth := 0
	for i, line := range strings.Split(string(raw), "\n") {
		depth += strings.Count(line, "{") - strings.Count(line, "}")
		if depth < 0 {
			t.Fatalf("line %d closes a brace that is not open", i+1)
		}
	}
	if depth != 0 {
		t.Fatalf("%d braces are left open at the end", depth)
	}
}
