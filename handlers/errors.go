package handlers

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/triada-kpss/triada/engine"
)

// errorBody is the shape of every error answer (CONTRACT.md): a message,
// and for validation errors (422) one entry per field at fault, always
// present there, if empty.
type errorBody struct {
	Error  string              `json:"error"`
	Errors []engine.FieldError `json:"errors,omitempty"`
}

type invalidBody struct {
	Error  string              `json:"error"`
	Errors []engine.FieldError `json:"errors"`
}

// statusOf maps the engine's error codes to HTTP statuses; this is the only
// place that does.
var statusOf = map[string]int{
	engine.EINVALID:      http.StatusUnprocessableEntity,
	engine.ENOTFOUND:     http.StatusNotFound,
	engine.ECONFLICT:     http.StatusConflict,
	engine.EUNAUTHORIZED: http.StatusUnauthorized,
	engine.EFORBIDDEN:    http.StatusForbidden,
	engine.EINTERNAL:     http.StatusInternalServerError,
}

// requestError is an error of the HTTP layer itself (a body that is too
// large, not JSON, of the wrong media type), with the status to answer.
type requestError struct {
	status  int
	message string
}

func (e *requestError) Error() string { return e.message }

// writeError answers err as JSON and aborts the handler chain. Engine
// errors get the status of their code; an EINVALID error lists its fields.
// Internal errors are shown as a plain message and recorded on the context,
// so that the request log writes them once, with the request.
func writeError(c *gin.Context, err error) {
	var re *requestError
	if errors.As(err, &re) {
		c.AbortWithStatusJSON(re.status, errorBody{Error: re.message})
		return
	}
	code := engine.ErrorCode(err)
	status, ok := statusOf[code]
	if !ok {
		status = http.StatusInternalServerError
	}
	switch status {
	case http.StatusInternalServerError:
		_ = c.Error(err)
		c.AbortWithStatusJSON(status, errorBody{Error: "Internal error."})
		return
	case http.StatusUnprocessableEntity:
		body := invalidBody{Error: engine.ErrorMessage(err), Errors: []engine.FieldError{}}
		var e *engine.Error
		if errors.As(err, &e) && e.Fields != nil {
			body.Errors = e.Fields
		}
		c.AbortWithStatusJSON(status, body)
		return
	case http.StatusUnauthorized:
		c.Header("WWW-Authenticate", `Bearer realm="triada"`)
	}
	c.AbortWithStatusJSON(status, errorBody{Error: engine.ErrorMessage(err)})
}
