package handlers

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"reflect"
	"strings"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/triada-kpss/triada/engine"
)

// Definition formats that readDefinition reports, as forms.Parse takes them.
const (
	formatJSON = "json"
	formatYAML = "yaml"
)

// decodeJSON reads the request body as one JSON value into v, a pointer to
// a struct (or map). Unknown fields are rejected. On failure it writes the
// error answer and returns false: 415 for another media type, 413 for a body
// over the limit, 400 for an empty body, invalid UTF-8 or malformed JSON
// (with the line and column), 422 naming the field for a value of the wrong
// type or a field the endpoint does not know.
func decodeJSON(c *gin.Context, v any) bool {
	if err := decodeBody(c, v); err != nil {
		writeError(c, err)
		return false
	}
	return true
}

// readDefinition reads a questionnaire definition sent as YAML
// (application/yaml, application/x-yaml, text/yaml) or JSON
// (application/json); without a Content-Type the body's first character
// decides. It returns the body and its format ("yaml" or "json"); on
// failure it writes the error answer (415, 413, 400) and returns false.
func readDefinition(c *gin.Context) (body []byte, format string, ok bool) {
	format, err := definitionFormat(c.GetHeader("Content-Type"))
	if err == nil {
		body, err = readBody(c)
	}
	if err != nil {
		writeError(c, err)
		return nil, "", false
	}
	if format == "" {
		format = formatYAML
		if bytes.HasPrefix(bytes.TrimLeft(body, " \t\r\n"), []byte("{")) {
			format = formatJSON
		}
	}
	return body, format, true
}

// definitionFormat returns the format a Content-Type names, "" for none.
func definitionFormat(contentType string) (string, error) {
	if contentType == "" {
		return "", nil
	}
	switch mediaType(contentType) {
	case "application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml":
		return formatYAML, nil
	case "application/json":
		return formatJSON, nil
	}
	return "", &requestError{http.StatusUnsupportedMediaType,
		"Send the definition as YAML (Content-Type: application/yaml) or JSON (Content-Type: application/json)."}
}

// mediaType returns the lower-case media type of a Content-Type header,
// without parameters; a +json suffix counts as application/json.
func mediaType(contentType string) string {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		mt = strings.ToLower(strings.TrimSpace(strings.Split(contentType, ";")[0]))
	}
	if strings.HasSuffix(mt, "+json") {
		return "application/json"
	}
	return mt
}

// decodeBody is decodeJSON without the answer.
func decodeBody(c *gin.Context, v any) error {
	if ct := c.GetHeader("Content-Type"); ct != "" && mediaType(ct) != "application/json" {
		return &requestError{http.StatusUnsupportedMediaType, "Send JSON with Content-Type: application/json."}
	}
	body, err := readBody(c)
	if err != nil {
		return err
	}
	return unmarshal(body, v)
}

// readBody reads the whole request body within the limit (limitBody) and
// checks that it is UTF-8 text.
func readBody(c *gin.Context) ([]byte, error) {
	limit := c.GetInt64(maxBodyKey)
	if limit > 0 && c.Request.ContentLength > limit {
		return nil, tooLarge(limit)
	}
	body, err := io.ReadAll(c.Request.Body)
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &mbe):
		return nil, tooLarge(mbe.Limit)
	case err != nil:
		return nil, &requestError{http.StatusBadRequest, "The request body could not be read."}
	case len(bytes.TrimSpace(body)) == 0:
		return nil, &requestError{http.StatusBadRequest, "The request body is empty."}
	case !utf8.Valid(body):
		return nil, &requestError{http.StatusBadRequest, "The request body is not valid UTF-8 text."}
	}
	return body, nil
}

func tooLarge(limit int64) error {
	return &requestError{http.StatusRequestEntityTooLarge, fmt.Sprintf("The request body is larger than the limit of %d bytes.", limit)}
}

// unmarshal decodes exactly one JSON value from body into v and turns the
// decoder's errors into answers a client can act on.
func unmarshal(body []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil {
		if _, err := dec.Token(); err != io.EOF {
			line, col := position(body, dec.InputOffset())
			return &requestError{http.StatusBadRequest, fmt.Sprintf("Malformed JSON at line %d, column %d: unexpected data after the JSON value.", line, col)}
		}
		return nil
	}
	var (
		syntax  *json.SyntaxError
		typ     *json.UnmarshalTypeError
		invalid *json.InvalidUnmarshalError
		eng     *engine.Error
	)
	switch {
	case errors.As(err, &syntax):
		line, col := position(body, syntax.Offset)
		return &requestError{http.StatusBadRequest, fmt.Sprintf("Malformed JSON at line %d, column %d: %s.", line, col, strings.TrimPrefix(syntax.Error(), "json: "))}
	case errors.Is(err, io.ErrUnexpectedEOF):
		return &requestError{http.StatusBadRequest, "Malformed JSON: the body ends before the JSON value does."}
	case errors.As(err, &typ):
		if typ.Field == "" {
			return engine.Invalid(fmt.Sprintf("Send a JSON %s, not %s.", jsonKind(typ.Type), got(typ.Value)))
		}
		return engine.Invalid("A field has a value of the wrong type.", engine.FieldError{
			Field: typ.Field, Message: fmt.Sprintf("Expected %s, got %s.", article(jsonKind(typ.Type)), got(typ.Value))})
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return engine.Invalid(fmt.Sprintf("Unknown field %q.", name), engine.FieldError{Field: name, Message: "This field is not known here."})
	case errors.As(err, &eng):
		return err
	case errors.As(err, &invalid):
		return err // a bug: v is not a pointer
	}
	// An UnmarshalJSON method (a time, a text) refused its value.
	return engine.Invalid("A field has an invalid value: " + strings.TrimPrefix(err.Error(), "json: ") + ".")
}

// position returns the 1-based line and column (in characters) of the byte
// offset in body.
func position(body []byte, offset int64) (line, col int) {
	if offset > int64(len(body)) {
		offset = int64(len(body))
	}
	before := body[:offset]
	line = bytes.Count(before, []byte("\n")) + 1
	col = utf8.RuneCount(before[bytes.LastIndexByte(before, '\n')+1:])
	if col == 0 {
		col = 1
	}
	return line, col
}

// jsonKind names the JSON kind that a Go type decodes from.
func jsonKind(t reflect.Type) string {
	if t == nil {
		return "value"
	}
	switch t.Kind() {
	case reflect.String:
		return "string"
	case reflect.Bool:
		return "boolean"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return "whole number"
	case reflect.Float32, reflect.Float64:
		return "number"
	case reflect.Slice, reflect.Array:
		return "array"
	case reflect.Map, reflect.Struct:
		return "object"
	case reflect.Pointer:
		return jsonKind(t.Elem())
	}
	return "value"
}

// got describes the JSON value the decoder found: "a string", "1.5".
func got(value string) string {
	if n, ok := strings.CutPrefix(value, "number "); ok {
		return n
	}
	return article(value)
}

// article puts "a" or "an" before a JSON kind as the decoder names it
// ("string", "number 1.5", "object", "bool").
func article(kind string) string {
	if kind == "bool" {
		kind = "boolean"
	}
	if kind == "" {
		return "a value"
	}
	if strings.ContainsRune("aeiou", rune(kind[0])) {
		return "an " + kind
	}
	return "a " + kind
}
