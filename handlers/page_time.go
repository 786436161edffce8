package handlers

import (
	"time"

	"github.com/triada-kpss/triada/engine"
	"github.com/triada-kpss/triada/i18n"
)

// prague is the time zone that dates on the pages are shown in.
var prague = engine.Prague

// closesText says until when a questionnaire takes answers: closes_at is
// the first moment it does not, so the day shown is the one before a
// midnight closing.
func closesText(L *i18n.Printer, closes *time.Time) string {
	if closes == nil {
		return ""
	}
	last := closes.In(prague).Add(-time.Second)
	return L.T("questionnaire.closes", L.Date(last))
}
