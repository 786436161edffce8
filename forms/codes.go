package forms

import (
	"encoding/json"
	"math"
	"strconv"
	"strings"
)

// Codes turns answers into the codes that results count, in questionnaire
// order: for every answered question the marker code "qid", and for a
// choice, multi, scale or number question one code "qid=value" per value
// given. A text answer gives the marker only. Numbers are written by
// FormatNumber. Answers to unknown questions and values of the wrong kind
// give no codes.
func (def *Definition) Codes(a Answers) []string {
	var out []string
	for _, q := range def.Questions() {
		v, ok := a[q.ID]
		if !ok || v == nil {
			continue
		}
		switch q.Type {
		case TypeChoice:
			if s, ok := v.(string); ok && s != "" {
				out = append(out, q.ID, q.ID+"="+s)
			}
		case TypeMulti:
			if values, ok := asStrings(v); ok && len(values) > 0 {
				out = append(out, q.ID)
				for _, s := range values {
					out = append(out, q.ID+"="+s)
				}
			}
		case TypeScale, TypeNumber:
			if f, ok := asNumber(v); ok {
				out = append(out, q.ID, q.ID+"="+FormatNumber(f))
			}
		case TypeText:
			if s, ok := v.(string); ok && s != "" {
				out = append(out, q.ID)
			}
		}
	}
	return out
}

// ParseCode splits an answer code into the question id and the value; a
// marker code has no value.
func ParseCode(code string) (qid, value string, hasValue bool) {
	return strings.Cut(code, "=")
}

// FormatNumber writes a number the way answer codes and results do: the
// shortest decimal form without an exponent ("3", "2.5", "1000000"), and
// "0" for negative zero.
func FormatNumber(f float64) string {
	if f == 0 {
		f = 0 // drops the sign of -0
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// asNumber reads a number from an answer or condition value, which may
// have come back from a store as another numeric type.
func asNumber(v any) (float64, bool) {
	var f float64
	switch n := v.(type) {
	case float64:
		f = n
	case float32:
		f = float64(n)
	case int:
		f = float64(n)
	case int32:
		f = float64(n)
	case int64:
		f = float64(n)
	case json.Number:
		var err error
		if f, err = n.Float64(); err != nil {
			return 0, false
		}
	default:
		return 0, false
	}
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, false
	}
	return f, true
}

// asStrings reads a multi answer, which may have come back from a store as
// a list of any.
func asStrings(v any) ([]string, bool) {
	switch list := v.(type) {
	case []string:
		return list, true
	case []any:
		out := make([]string, 0, len(list))
		for _, x := range list {
			s, ok := x.(string)
			if !ok {
				return nil, false
			}
			out = append(out, s)
		}
		return out, true
	}
	return nil, false
}
