package handlers

import (
	"errors"

	"github.com/gin-gonic/gin"

	"github.com/triada-kpss/triada/engine"
	"github.com/triada-kpss/triada/i18n"
)

// Pages show the engine's refusals and the questionnaire checker's
// messages in the page's language: the engine keeps the English format of
// each message and its arguments, and the i18n engine message catalogs
// translate the format (i18n/messages.go). A message with no translation
// shows in English. The API answers the English messages as they are.

// engineText returns the message of err in l's language; an internal
// error gets the plain message engine.ErrorMessage gives it.
func engineText(l *i18n.Printer, err error) string {
	var e *engine.Error
	if errors.As(err, &e) {
		return l.Translate(e)
	}
	return l.Message(engine.ErrorMessage(err), nil)
}

// requestText returns the message of err in the language of the request.
func requestText(c *gin.Context, err error) string {
	return engineText(i18n.New(languageOf(c)), err)
}

// fieldText returns the message of a field error in l's language.
func fieldText(l *i18n.Printer, f engine.FieldError) string { return l.Translate(f) }
