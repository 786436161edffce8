package richtext

import (
	"html"
	"html/template"
	"net/url"
	"strings"
)

// block kinds.
const (
	paragraph = iota
	bullets
	numbers
)

// Render returns the HTML of src. It never fails: what is not formatting
// is text.
func Render(src string) template.HTML {
	var b strings.Builder
	r := renderer{out: &b}
	for _, line := range strings.Split(strings.ReplaceAll(src, "\r\n", "\n"), "\n") {
		r.line(strings.TrimRight(line, " \t\r"))
	}
	r.close()
	// The builder holds only escaped text and the tags written below.
	return template.HTML(b.String()) //nolint:gosec // safe by construction
}

// renderer turns lines into blocks: an open paragraph or list is
// continued or closed by each line.
type renderer struct {
	out   *strings.Builder
	open  bool // a block is open
	kind  int
	para  []string // the lines of an open paragraph
	inLI  bool     // a list item is open (its continuation lines follow)
	lines []string // lines of the open list item
}

func (r *renderer) line(s string) {
	trimmed := strings.TrimLeft(s, " \t")
	switch {
	case trimmed == "":
		r.close()
	case headingLevel(trimmed) > 0:
		r.close()
		level := headingLevel(trimmed)
		tag := []string{"h3", "h4", "h5"}[level-1]
		text := strings.TrimSpace(trimmed[level+1:])
		r.out.WriteString("<" + tag + ">" + inline(text, 0) + "</" + tag + ">\n")
	case bulletItem(trimmed) != "":
		r.item(bullets, bulletItem(trimmed))
	case numberItem(trimmed) != "":
		r.item(numbers, numberItem(trimmed))
	case r.open && r.kind != paragraph:
		r.lines = append(r.lines, trimmed) // continues the list item
	default:
		if !r.open {
			r.open, r.kind = true, paragraph
		}
		r.para = append(r.para, trimmed)
	}
}

// item starts a list item, opening the list or switching to the other
// kind of list.
func (r *renderer) item(kind int, text string) {
	if r.open && r.kind != kind {
		r.close()
	}
	if !r.open {
		r.open, r.kind = true, kind
		r.out.WriteString(listTag(kind, false) + "\n")
	}
	r.closeItem()
	r.inLI, r.lines = true, []string{text}
}

func (r *renderer) closeItem() {
	if r.inLI {
		r.out.WriteString("<li>" + inline(strings.Join(r.lines, " "), 0) + "</li>\n")
	}
	r.inLI, r.lines = false, nil
}

// close ends the open block.
func (r *renderer) close() {
	if !r.open {
		return
	}
	switch r.kind {
	case paragraph:
		r.out.WriteString("<p>" + inline(strings.Join(r.para, "\n"), 0) + "</p>\n")
		r.para = nil
	default:
		r.closeItem()
		r.out.WriteString(listTag(r.kind, true) + "\n")
	}
	r.open = false
}

func listTag(kind int, closing bool) string {
	name := "ul"
	if kind == numbers {
		name = "ol"
	}
	if closing {
		return "</" + name + ">"
	}
	return "<" + name + ">"
}

// headingLevel returns 1 to 3 for "# ", "## ", "### ", else 0.
func headingLevel(s string) int {
	n := 0
	for n < len(s) && s[n] == '#' {
		n++
	}
	if n == 0 || n > 3 || len(s) <= n || s[n] != ' ' || strings.TrimSpace(s[n:]) == "" {
		return 0
	}
	return n
}

// bulletItem returns the text of "- item" or "* item", else "".
func bulletItem(s string) string {
	if len(s) > 2 && (s[0] == '-' || s[0] == '*') && s[1] == ' ' {
		return strings.TrimSpace(s[2:])
	}
	return ""
}

// numberItem returns the text of "12. item" or "12) item", else "".
func numberItem(s string) string {
	n := 0
	for n < len(s) && n < 9 && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	if n == 0 || len(s) < n+3 || (s[n] != '.' && s[n] != ')') || s[n+1] != ' ' {
		return ""
	}
	return strings.TrimSpace(s[n+2:])
}

// maxSpan bounds how far the closing half of emphasis or a link is
// looked for, so that rendering stays linear in the length of the text
// whatever it holds (a long run of unclosed "[" or "*").
const maxSpan = 2000

// maxDepth bounds the nesting of emphasis within emphasis, so that no
// input makes the rendering recurse deeply.
const maxDepth = 4

// inline renders text with emphasis, strong emphasis and links; depth
// counts the nesting. Markup without its closing half is text.
func inline(s string, depth int) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		if depth < maxDepth && !(s[i] == '_' && i > 0 && isWordByte(s[i-1])) {
			if h, n := markup(s[i:], depth); n > 0 {
				b.WriteString(h)
				i += n
				continue
			}
		}
		// One character of text, escaped; a UTF-8 sequence is copied whole.
		j := i + 1
		for j < len(s) && s[j]&0xC0 == 0x80 {
			j++
		}
		b.WriteString(html.EscapeString(s[i:j]))
		i = j
	}
	return b.String()
}

// markup renders the emphasis or link that s starts with, and how many
// bytes of s it took; 0 when s starts with none.
func markup(s string, depth int) (string, int) {
	switch {
	case strings.HasPrefix(s, "**"):
		if end := closing(s[2:], "**"); end > 0 {
			return "<strong>" + inline(s[2:2+end], depth+1) + "</strong>", end + 4
		}
	case s[0] == '*' || s[0] == '_':
		if end := closing(s[1:], s[:1]); end > 0 {
			return "<em>" + inline(s[1:1+end], depth+1) + "</em>", end + 2
		}
	case s[0] == '[':
		return link(s)
	}
	return "", 0
}

// closing returns where the delimiter closes in s: not at its start, and
// not after a space (so that "a * b * c" stays text), else -1.
func closing(s, delim string) int {
	if s == "" || s[0] == ' ' || strings.HasPrefix(s, delim) {
		return -1
	}
	for i := 1; i+len(delim) <= len(s) && i < maxSpan; i++ {
		if strings.HasPrefix(s[i:], delim) && s[i-1] != ' ' {
			return i
		}
	}
	return -1
}

// link renders "[text](url)" when the URL is http, https or mailto.
func link(s string) (string, int) {
	end := strings.Index(s[:min(len(s), maxSpan)], "](")
	if end < 2 || strings.ContainsAny(s[1:end], "[]") {
		return "", 0
	}
	rest := s[end+2:]
	stop := strings.IndexByte(rest[:min(len(rest), maxSpan)], ')')
	if stop < 1 {
		return "", 0
	}
	href := strings.TrimSpace(rest[:stop])
	if !SafeURL(href) {
		return "", 0
	}
	text := inline(s[1:end], maxDepth) // no links or emphasis inside a link's text
	return `<a href="` + html.EscapeString(href) + `" rel="nofollow">` + text + `</a>`, end + 2 + stop + 1
}

// isWordByte reports whether c belongs to a word, so that an underscore
// inside one (snake_case, a file name) is not emphasis.
func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

// SafeURL reports whether u is an absolute http or https address with a
// host, or a mailto: address: the links that a draft and its attachments
// may carry.
func SafeURL(u string) bool {
	if u == "" || len(u) > 2000 || strings.ContainsAny(u, " \t\r\n\"'<>`\\") {
		return false
	}
	p, err := url.Parse(u)
	if err != nil {
		return false
	}
	switch strings.ToLower(p.Scheme) {
	case "http", "https":
		return p.Host != "" && p.User == nil
	case "mailto":
		return p.Opaque != "" && strings.Contains(p.Opaque, "@")
	}
	return false
}
