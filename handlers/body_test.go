package handlers

import (
	"net/http"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"
)

// person is a typical API input.
type person struct {
	Name    string   `json:"name"`
	Age     int      `json:"age"`
	Tags    []string `json:"tags"`
	Contact struct {
		Email string `json:"email"`
	} `json:"contact"`
}

// bodyRouter serves POST /decode (decodeJSON into a person) and POST
// /definition (readDefinition), with a body limit of 64 bytes.
func bodyRouter() *gin.Engine {
	r := gin.New()
	r.Use(limitBody(64))
	r.POST("/decode", func(c *gin.Context) {
		var p person
		if !decodeJSON(c, &p) {
			return
		}
		c.JSON(http.StatusOK, p)
	})
	r.POST("/definition", func(c *gin.Context) {
		body, format, ok := readDefinition(c)
		if !ok {
			return
		}
		c.JSON(http.StatusOK, gin.H{"format": format, "length": len(body)})
	})
	return r
}

func TestDecodeJSON(t *testing.T) {
	const ctJSON = "application/json"
	tests := []struct {
		name        string
		contentType string
		body        string
		status      int
		fragments   []string
	}{
		{"OK", ctJSON, `{"name": "Jana", "age": 70, "tags": ["seniors"]}`, 200, []string{`"name":"Jana"`, `"age":70`}},
		{"OKCharset", "application/json; charset=utf-8", `{"name": "Jana"}`, 200, nil},
		{"OKNoContentType", "", `{"name": "Jana"}`, 200, nil},
		{"OKTrailingSpace", ctJSON, "{\"name\": \"Jana\"}\n\n", 200, nil},
		{"ErrMediaType", "text/plain", `{"name": "Jana"}`, 415, []string{"application/json"}},
		{"ErrFormMediaType", "application/x-www-form-urlencoded", `{"name": "Jana"}`, 415, nil},
		{"ErrTooLarge", ctJSON, `{"name": "` + strings.Repeat("x", 100) + `"}`, 413, []string{"64 bytes"}},
		{"ErrEmpty", ctJSON, "", 400, []string{"empty"}},
		{"ErrBlank", ctJSON, " \n ", 400, []string{"empty"}},
		{"ErrInvalidUTF8", ctJSON, "{\"name\": \"J\xffana\"}", 400, []string{"UTF-8"}},
		{"ErrMalformed", ctJSON, "{\n  \"name\": \"Jana\",\n  \"age\": 7x\n}", 400, []string{"line 3, column 11"}},
		{"ErrTruncated", ctJSON, `{"name": "Jana"`, 400, []string{"Malformed JSON"}},
		{"ErrTrailingData", ctJSON, `{"name": "Jana"} {}`, 400, []string{"after the JSON value"}},
		{"ErrWrongType", ctJSON, `{"name": 5}`, 422, []string{`"field":"name"`, "Expected a string, got a number"}},
		{"ErrWrongTypeFraction", ctJSON, `{"age": 1.5}`, 422, []string{`"field":"age"`, "whole number, got 1.5"}},
		{"ErrWrongTypeNested", ctJSON, `{"contact": {"email": ["a"]}}`, 422, []string{`"field":"contact.email"`}},
		{"ErrWrongTypeArray", ctJSON, `{"tags": "seniors"}`, 422, []string{`"field":"tags"`, "Expected an array"}},
		{"ErrNotObject", ctJSON, `["Jana"]`, 422, []string{"Send a JSON object", `"errors":[]`}},
		{"ErrUnknownField", ctJSON, `{"name": "Jana", "nmae": "Jana"}`, 422, []string{`"field":"nmae"`}},
	}
	r := bodyRouter()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			header := []string{}
			if tt.contentType != "" {
				header = append(header, "Content-Type", tt.contentType)
			}
			w := do(r, http.MethodPost, "/decode", tt.body, header...)
			assertJSON(t, w, tt.status, tt.fragments...)
			if tt.status >= 400 && !strings.Contains(w.Body.String(), `"error":`) {
				t.Errorf("no error message: %s", w.Body)
			}
		})
	}
	t.Run("ErrTooLargeChunked", func(t *testing.T) {
		// Without a Content-Length the limit holds while reading.
		req := strings.NewReader(`{"name": "` + strings.Repeat("x", 100) + `"}`)
		w := doReader(r, "/decode", req)
		assertJSON(t, w, http.StatusRequestEntityTooLarge)
	})
}

func TestReadDefinition(t *testing.T) {
	tests := []struct {
		name        string
		contentType string
		body        string
		status      int
		format      string
	}{
		{"YAML", "application/yaml", "id: x\n", 200, "yaml"},
		{"XYAML", "application/x-yaml", "id: x\n", 200, "yaml"},
		{"TextYAML", "text/yaml; charset=utf-8", "id: x\n", 200, "yaml"},
		{"JSON", "application/json", `{"id": "x"}`, 200, "json"},
		{"SniffJSON", "", ` {"id": "x"}`, 200, "json"},
		{"SniffYAML", "", "id: x\n", 200, "yaml"},
		{"ErrMediaType", "text/plain", "id: x\n", 415, ""},
		{"ErrInvalidUTF8", "application/yaml", "id: \xfe\n", 400, ""},
		{"ErrTooLarge", "application/yaml", "id: " + strings.Repeat("x", 100), 413, ""},
		{"ErrEmpty", "application/yaml", "", 400, ""},
	}
	r := bodyRouter()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			header := []string{}
			if tt.contentType != "" {
				header = append(header, "Content-Type", tt.contentType)
			}
			w := do(r, http.MethodPost, "/definition", tt.body, header...)
			if tt.format != "" {
				assertJSON(t, w, tt.status, `"format":"`+tt.format+`"`)
				return
			}
			assertJSON(t, w, tt.status, `"error":`)
		})
	}
}

func TestPosition(t *testing.T) {
	body := []byte("ab\nčd\nef")
	for _, tt := range []struct {
		offset    int64
		line, col int
	}{{0, 1, 1}, {2, 1, 2}, {3, 2, 1}, {6, 2, 2}, {100, 3, 2}} {
		if line, col := position(body, tt.offset); line != tt.line || col != tt.col {
			t.Errorf("position(%d) = %d:%d, want %d:%d", tt.offset, line, col, tt.line, tt.col)
		}
	}
}
