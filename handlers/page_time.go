package handlers

import (
	"time"
	_ "time/tzdata" // Europe/Prague even where the system has no time zones

	"github.com/triada-kpss/triada/i18n"
)

// prague is the time zone that dates on the pages are shown in.
var prague = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Prague")
	if err != nil {
		return time.UTC
	}
	return loc
}()

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
