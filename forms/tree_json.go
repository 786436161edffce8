package forms

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"sort"
	"strings"
)

// jsonTree reads one JSON value into nodes. It returns nil and reports a
// problem, with the line where reading stopped, when the JSON is
// malformed.
func jsonTree(data []byte, ps *problems) *node {
	if len(bytes.TrimSpace(data)) == 0 {
		ps.fail("", 1, "the definition is empty")
		return nil
	}
	// Check the syntax first, for errors that tell where the bad byte is.
	var check json.RawMessage
	if err := json.Unmarshal(data, &check); err != nil {
		ps.fail("", jsonErrorLine(data, err), "the JSON is not valid: %s", jsonMessage(err))
		return nil
	}
	r := jsonReader{dec: json.NewDecoder(bytes.NewReader(data)), newlines: newlineOffsets(data)}
	r.dec.UseNumber()
	root, err := r.next()
	if err != nil {
		ps.fail("", r.line(), "the JSON is not valid: %s", jsonMessage(err))
		return nil
	}
	return root
}

// jsonErrorLine returns the line a syntax error concerns: that of the bad
// byte, or of the last one when the JSON ends too early.
func jsonErrorLine(data []byte, err error) int {
	end := len(bytes.TrimRight(data, " \t\r\n"))
	var syn *json.SyntaxError
	if errors.As(err, &syn) && syn.Offset > 0 && int(syn.Offset) <= end {
		end = int(syn.Offset)
	}
	return bytes.Count(data[:max(end-1, 0)], []byte("\n")) + 1
}

type jsonReader struct {
	dec      *json.Decoder
	newlines []int
	depth    int
}

// maxDepth bounds how deeply JSON values may nest; a definition needs
// about ten levels.
const maxDepth = 100

// line returns the line of the token that ends at the decoder's offset.
func (r *jsonReader) line() int { return r.lineAt(int(r.dec.InputOffset())) }

// lineAt returns the 1-based line of a byte offset.
func (r *jsonReader) lineAt(offset int) int {
	return sort.SearchInts(r.newlines, offset) + 1
}

func (r *jsonReader) value(tok json.Token) (*node, error) {
	line := r.line()
	switch t := tok.(type) {
	case json.Delim:
		if r.depth++; r.depth > maxDepth {
			return nil, errors.New("values nest too deeply")
		}
		defer func() { r.depth-- }()
		switch t {
		case '{':
			n := &node{kind: mapNode, line: line}
			for r.dec.More() {
				key, err := r.dec.Token()
				if err != nil {
					return nil, err
				}
				// Token has checked that an object key is a string.
				k := &node{kind: scalarNode, tag: tagStr, value: key.(string), line: r.line()}
				v, err := r.next()
				if err != nil {
					return nil, err
				}
				n.keys = append(n.keys, k)
				n.items = append(n.items, v)
			}
			_, err := r.dec.Token() // '}'
			return n, err
		case '[':
			n := &node{kind: listNode, line: line}
			for r.dec.More() {
				v, err := r.next()
				if err != nil {
					return nil, err
				}
				n.items = append(n.items, v)
			}
			_, err := r.dec.Token() // ']'
			return n, err
		}
		return nil, errors.New("unexpected " + t.String())
	case string:
		return &node{kind: scalarNode, tag: tagStr, value: t, line: line}, nil
	case json.Number:
		tag := tagInt
		if strings.ContainsAny(string(t), ".eE") {
			tag = tagFloat
		}
		return &node{kind: scalarNode, tag: tag, value: string(t), line: line}, nil
	case bool:
		v := "false"
		if t {
			v = "true"
		}
		return &node{kind: scalarNode, tag: tagBool, value: v, line: line}, nil
	case nil:
		return &node{kind: scalarNode, tag: tagNull, value: "null", line: line}, nil
	}
	return nil, errors.New("unexpected token")
}

func (r *jsonReader) next() (*node, error) {
	tok, err := r.dec.Token()
	if err != nil {
		return nil, err
	}
	return r.value(tok)
}

// newlineOffsets returns the offsets of the newlines in data, in order.
func newlineOffsets(data []byte) []int {
	var out []int
	for i, b := range data {
		if b == '\n' {
			out = append(out, i)
		}
	}
	return out
}

// jsonMessage turns a JSON reading error into words.
func jsonMessage(err error) string {
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) ||
		strings.HasPrefix(err.Error(), "unexpected end of JSON input") {
		return "it ends too early (is a closing bracket or quote missing?)"
	}
	return err.Error()
}
