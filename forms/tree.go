package forms

import (
	"bytes"
	"errors"
	"io"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// node is a YAML or JSON value with the line it starts on. Both formats
// are read into nodes, so that one decoder serves both and every problem
// has a line.
type node struct {
	kind  nodeKind
	tag   string // of a scalar: tagStr, tagInt, tagFloat, tagBool, tagNull or tagTime
	value string // of a scalar, as written (a string unquoted)
	line  int
	keys  []*node // of a mapping, scalars
	items []*node // of a list; of a mapping, the values of keys
}

type nodeKind int

const (
	scalarNode nodeKind = iota
	mapNode
	listNode
)

// Scalar tags.
const (
	tagStr   = "str"
	tagInt   = "int"
	tagFloat = "float"
	tagBool  = "bool"
	tagNull  = "null"
	tagTime  = "timestamp"
)

// maxNodes bounds the nodes one definition may expand to, aliases
// included, so that a few lines of YAML aliases cannot expand to millions.
const maxNodes = 200_000

var yamlLine = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)

// yamlTree reads one YAML document into nodes. It returns nil and reports
// a problem when the YAML is malformed.
func yamlTree(data []byte, ps *problems) (root *node) {
	defer func() {
		// The YAML parser is not ours; a panic in it must not take the
		// caller down.
		if r := recover(); r != nil {
			ps.fail("", 1, "the YAML could not be read: %v", r)
			root = nil
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			ps.fail("", 1, "the definition is empty")
			return nil
		}
		line, msg := yamlError(data, err)
		ps.fail("", line, "the YAML is not valid: %s", msg)
		return nil
	}
	for {
		// Another document is an error, unless it is empty, as after a
		// closing "---".
		var extra yaml.Node
		err := dec.Decode(&extra)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			line, msg := yamlError(data, err)
			ps.fail("", line, "the YAML is not valid: %s", msg)
			return nil
		}
		if len(extra.Content) == 1 && extra.Content[0].ShortTag() == "!!null" && extra.Content[0].Value == "" {
			continue
		}
		ps.fail("", max(extra.Line, doc.Line), "the file holds more than one YAML document; give one definition per file")
		return nil
	}
	c := yamlConverter{ps: ps, budget: maxNodes, active: map[*yaml.Node]bool{}}
	return c.convert(&doc)
}

// yamlParserErrors are the problems the YAML parser, unlike its scanner,
// reports with a 0-based line.
var yamlParserErrors = map[string]bool{
	"did not find expected <stream-start>":   true,
	"did not find expected <document start>": true,
	"did not find expected node content":     true,
	"did not find expected '-' indicator":    true,
	"did not find expected key":              true,
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"found duplicate %YAML directive":        true,
	"found incompatible YAML document":       true,
	"found duplicate %TAG directive":         true,
	"found undefined tag handle":             true,
}

var yamlAnchor = regexp.MustCompile(`^unknown anchor '(.*)' referenced$`)

// yamlError returns the 1-based line and the message of a YAML error.
func yamlError(data []byte, err error) (int, string) {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 0
	if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
	}
	if yamlParserErrors[msg] {
		line++
	}
	if m := yamlAnchor.FindStringSubmatch(msg); m != nil {
		if i := bytes.Index(data, []byte("*"+m[1])); i >= 0 {
			line = bytes.Count(data[:i], []byte("\n")) + 1
		}
	}
	return max(line, 1), msg
}

type yamlConverter struct {
	ps     *problems
	budget int
	active map[*yaml.Node]bool // anchors being expanded, to catch cycles
}

func (c *yamlConverter) convert(n *yaml.Node) *node {
	c.budget--
	if c.budget < 0 {
		c.ps.fail("", n.Line, "the definition is too large (aliases expand to more than %d values)", maxNodes)
		return nil
	}
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			c.ps.fail("", 1, "the definition is empty")
			return nil
		}
		return c.convert(n.Content[0])
	case yaml.AliasNode:
		if n.Alias == nil || c.active[n.Alias] {
			c.ps.fail("", n.Line, "the alias *%s refers to itself", n.Value)
			return nil
		}
		c.active[n.Alias] = true
		defer delete(c.active, n.Alias)
		return c.convert(n.Alias)
	case yaml.ScalarNode:
		// A scalar of another tag (!!binary, !custom, the merge key <<)
		// keeps it, and every decoding rejects it.
		tag := n.ShortTag()
		switch short := strings.TrimPrefix(tag, "!!"); short {
		case tagStr, tagInt, tagFloat, tagBool, tagNull, tagTime:
			tag = short
		}
		return &node{kind: scalarNode, tag: tag, value: n.Value, line: n.Line}
	case yaml.SequenceNode:
		out := &node{kind: listNode, line: n.Line}
		for _, item := range n.Content {
			v := c.convert(item)
			if v == nil {
				return nil
			}
			out.items = append(out.items, v)
		}
		return out
	case yaml.MappingNode:
		out := &node{kind: mapNode, line: n.Line}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := c.convert(n.Content[i]), c.convert(n.Content[i+1])
			if k == nil || v == nil {
				return nil
			}
			if k.kind != scalarNode {
				c.ps.fail("", k.line, "a key must be a plain word such as id or title")
				return nil
			}
			out.keys = append(out.keys, k)
			out.items = append(out.items, v)
		}
		return out
	}
	c.ps.fail("", n.Line, "the YAML holds a value of an unknown kind")
	return nil
}

// describe names a node's value for messages: a string quoted, another
// scalar as written, or the kind of a mapping or list.
func (n *node) describe(format string) any {
	switch n.kind {
	case mapNode:
		return aMapping(format)
	case listNode:
		return aList(format)
	}
	switch n.tag {
	case tagStr, tagTime:
		return quoteShort(n.value)
	case tagInt, tagFloat, tagBool, tagNull:
		return strings.TrimSpace(n.value)
	}
	return "a value tagged " + n.tag
}

// quoteShort quotes a string for a message, cut to 40 characters; as a
// phrase, so that a translation can use its own quotation marks.
func quoteShort(s string) Phrase {
	if r := []rune(s); len(r) > 40 {
		return Phrasef("%q…", string(r[:40]))
	}
	return Phrasef("%q", s)
}

// aMapping names a mapping as the format calls it.
func aMapping(format string) Phrase {
	if format == formatJSON {
		return Phrasef("an object")
	}
	return Phrasef("a mapping")
}

// aList names a list as the format calls it.
func aList(format string) Phrase {
	if format == formatJSON {
		return Phrasef("an array")
	}
	return Phrasef("a list")
}
