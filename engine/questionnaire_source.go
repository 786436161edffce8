package engine

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"

	"go.yaml.in/yaml/v3"
)

// SourceOf returns the text a coordinator edits for q: its source as
// written, or, for a questionnaire sent as JSON (or stored before
// sources were kept), its definition written as YAML.
func SourceOf(q *Questionnaire) string {
	if q.Source != "" {
		return q.Source
	}
	data, err := json.Marshal(q.Definition)
	if err != nil {
		return ""
	}
	out, err := rewriteSource(string(data), nil)
	if err != nil {
		return string(data)
	}
	return out
}

// rewriteSource sets the top-level keys of a YAML (or JSON) definition to
// the values given, keeping everything else, comments included; a nil
// value removes the key. JSON comes out as block-style YAML.
func rewriteSource(src string, set map[string]any) (string, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
		return "", fmt.Errorf("read the definition: %w", err)
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 || doc.Content[0].Kind != yaml.MappingNode {
		return "", fmt.Errorf("the definition is not a mapping")
	}
	root := doc.Content[0]
	block(root)
	for _, key := range []string{"id", "opens_at", "closes_at"} {
		value, ok := set[key]
		if !ok {
			continue
		}
		i := keyIndex(root, key)
		if value == nil || value == (*time.Time)(nil) {
			if i >= 0 {
				root.Content = append(root.Content[:i], root.Content[i+2:]...)
			}
			continue
		}
		var text string
		switch v := value.(type) {
		case *time.Time:
			text = v.UTC().Format(time.RFC3339)
		case string:
			text = v
		}
		n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: text}
		if i >= 0 {
			n.LineComment = root.Content[i+1].LineComment
			root.Content[i+1] = n
			continue
		}
		root.Content = insertAfter(root, key, n)
	}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		return "", fmt.Errorf("write the definition: %w", err)
	}
	_ = enc.Close()
	return buf.String(), nil
}

// keyIndex returns the index of the key node in a mapping, -1 if absent.
func keyIndex(m *yaml.Node, key string) int {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return i
		}
	}
	return -1
}

// insertAfter adds key: n where a person would look for it: opens_at
// after audience (or id), closes_at after opens_at.
func insertAfter(m *yaml.Node, key string, n *yaml.Node) []*yaml.Node {
	at := len(m.Content)
	for _, prev := range []string{"opens_at", "access", "audience", "id"} {
		if prev == key {
			continue
		}
		if i := keyIndex(m, prev); i >= 0 {
			at = i + 2
			break
		}
	}
	k := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: key}
	out := append([]*yaml.Node{}, m.Content[:at]...)
	out = append(out, k, n)
	return append(out, m.Content[at:]...)
}

// block turns flow-style collections (JSON) into block style, which
// people read and edit more easily; strings keep quotes only where needed.
func block(n *yaml.Node) {
	if n.Kind == yaml.MappingNode || n.Kind == yaml.SequenceNode {
		n.Style &^= yaml.FlowStyle
	}
	if n.Kind == yaml.ScalarNode {
		n.Style &^= yaml.DoubleQuotedStyle
	}
	for _, c := range n.Content {
		block(c)
	}
}
