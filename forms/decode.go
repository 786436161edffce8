package forms

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// decoder turns nodes into a Definition, reporting every value of the
// wrong kind and every unknown key, and recording the line of every field
// path. A null value counts as absent.
type decoder struct {
	ps     *problems
	format string
}

// field is one key an object takes, with the function that decodes its
// value found at path.
type field struct {
	key string
	set func(n *node, path string)
}

// object decodes a mapping with the given keys. what names the object in
// messages ("a question"), as the place of a key ("in a question"); it is
// translated as such. It reports false when n is not a mapping.
func (d *decoder) object(n *node, path string, what Phrase, fields []field) bool {
	d.ps.lines[path] = n.line
	if n.kind != mapNode {
		if path == "" {
			d.ps.fail(path, n.line, "the definition must be %s, not %s", aMapping(d.format), n.describe(d.format)) // only the root has no path
		} else {
			d.ps.fail(path, n.line, "%s must be %s, not %s", nameOf(path), aMapping(d.format), n.describe(d.format))
		}
		return false
	}
	seen := map[string]int{}
	for i, k := range n.keys {
		p := keyPath(path, k.value)
		if first, dup := seen[k.value]; dup {
			d.ps.report(p, k.line, "the key %q appears twice in %s (first on line %d)", k.value, what, first)
			continue
		}
		seen[k.value] = k.line
		if k.value == "<<" && n.items[i].kind != scalarNode {
			d.ps.fail(path, k.line, "merge keys (<<) are not supported; write the keys out")
			continue
		}
		f := findField(fields, k.value)
		if f == nil {
			d.ps.report(p, k.line, "%s", unknownKey(k.value, what, fields))
			continue
		}
		d.ps.lines[p] = k.line
		if v := n.items[i]; !isNull(v) {
			f.set(v, p)
		}
	}
	return true
}

func findField(fields []field, key string) *field {
	for i := range fields {
		if fields[i].key == key {
			return &fields[i]
		}
	}
	return nil
}

// unknownKey words the error for a key an object does not take, naming
// the nearest known key when one is close and listing them all.
func unknownKey(key string, what Phrase, fields []field) Phrase {
	known := make([]string, len(fields))
	best, bestDist := "", min(2, (len([]rune(key))+1)/2)+1
	for i, f := range fields {
		known[i] = f.key
		if len(key) > 64 {
			continue
		}
		if dist := editDistance(strings.ToLower(key), f.key); dist < bestDist {
			best, bestDist = f.key, dist
		}
	}
	list := strings.Join(known, ", ")
	switch {
	case what.Format == textWhat.Format && best != "":
		return Phrasef("unknown language code %s in a text (did you mean %q?); known: %s", quoteShort(key), best, list)
	case what.Format == textWhat.Format:
		return Phrasef("unknown language code %s in a text; known: %s", quoteShort(key), list)
	case best != "":
		return Phrasef("unknown key %s in %s (did you mean %q?); known: %s", quoteShort(key), what, best, list)
	}
	return Phrasef("unknown key %s in %s; known: %s", quoteShort(key), what, list)
}

// editDistance is the optimal string alignment distance between two
// strings: the fewest insertions, deletions, substitutions and swaps of
// neighbours that turn one into the other.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}

func isNull(n *node) bool { return n.kind == scalarNode && n.tag == tagNull }

// nameOf names the value at path in messages: its key in quotes, as a
// phrase, so that a translation can use its own quotation marks. (The
// whole definition, at path "", is named by object.)
func nameOf(path string) Phrase { return Phrasef("%q", lastKey(path)) }

// str decodes a string. A number is taken as written, so that option
// values such as 1 or 2.5 need no quotes.
func (d *decoder) str(n *node, path string) (string, bool) {
	if n.kind == scalarNode && (n.tag == tagStr || n.tag == tagInt || n.tag == tagFloat) {
		return n.value, true
	}
	d.ps.fail(path, n.line, "%s must be a string, not %s", nameOf(path), n.describe(d.format))
	return "", false
}

// boolean decodes true or false.
func (d *decoder) boolean(n *node, path string) bool {
	if n.kind == scalarNode && n.tag == tagBool {
		return n.value == "true" || n.value == "True" || n.value == "TRUE"
	}
	d.ps.fail(path, n.line, "%s must be true or false, not %s", nameOf(path), n.describe(d.format))
	return false
}

// number decodes a finite number.
func (d *decoder) number(n *node, path string) (float64, bool) {
	if v, ok := scalarNumber(n); ok {
		return v, true
	}
	d.ps.fail(path, n.line, "%s must be a number, not %s", nameOf(path), n.describe(d.format))
	return 0, false
}

// scalarNumber reads an int or float scalar as YAML and JSON write them.
func scalarNumber(n *node) (float64, bool) {
	if n.kind != scalarNode || (n.tag != tagInt && n.tag != tagFloat) {
		return 0, false
	}
	s := strings.ReplaceAll(n.value, "_", "")
	if i, err := strconv.ParseInt(s, 0, 64); err == nil {
		return float64(i), true
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, false
	}
	return v, true
}

// whole decodes a whole number that fits an int32.
func (d *decoder) whole(n *node, path string) (int, bool) {
	v, ok := scalarNumber(n)
	if ok && v == math.Trunc(v) && math.Abs(v) <= math.MaxInt32 {
		return int(v), true
	}
	d.ps.fail(path, n.line, "%s must be a whole number, not %s", nameOf(path), n.describe(d.format))
	return 0, false
}

// time decodes an RFC 3339 time, quoted or not.
func (d *decoder) time(n *node, path string) *time.Time {
	if n.kind == scalarNode && (n.tag == tagStr || n.tag == tagTime) {
		if t, err := time.Parse(time.RFC3339, n.value); err == nil {
			return &t
		}
	}
	d.ps.fail(path, n.line, "%s must be an RFC 3339 time such as 2027-01-10T00:00:00Z, not %s", nameOf(path), n.describe(d.format))
	return nil
}

// strings decodes a list of strings; a bad item is reported and left out.
func (d *decoder) strings(n *node, path string) []string {
	if n.kind != listNode {
		d.ps.fail(path, n.line, "%s must be %s, not %s", nameOf(path), aList(d.format), n.describe(d.format))
		return nil
	}
	out := make([]string, 0, len(n.items))
	for i, item := range n.items {
		p := itemPath(path, i)
		d.ps.lines[p] = item.line
		if s, ok := d.str(item, p); ok {
			out = append(out, s)
		}
	}
	return out
}

// list checks that n is a list and records the line of every item.
func (d *decoder) list(n *node, path string) bool {
	if n.kind != listNode {
		d.ps.fail(path, n.line, "%s must be %s, not %s", nameOf(path), aList(d.format), n.describe(d.format))
		return false
	}
	for i, item := range n.items {
		d.ps.lines[itemPath(path, i)] = item.line
	}
	return true
}

// textWhat names a text in messages.
var textWhat = Phrasef("a text")

// text decodes a Text: a string for every language, or a mapping of
// language codes to strings.
func (d *decoder) text(n *node, path string) Text {
	if n.kind == scalarNode {
		if s, ok := d.str(n, path); ok {
			return Plain(s)
		}
		return nil
	}
	if n.kind != mapNode {
		d.ps.fail(path, n.line, "%s must be a string or %s of language codes (cs, sk, en) to strings, not %s", nameOf(path), aMapping(d.format), n.describe(d.format))
		return nil
	}
	t := Text{}
	fields := make([]field, len(Languages))
	for i, lang := range Languages {
		fields[i] = field{key: lang, set: func(v *node, p string) {
			if s, ok := d.str(v, p); ok {
				t[lang] = s
			}
		}}
	}
	d.object(n, path, textWhat, fields)
	return t
}
