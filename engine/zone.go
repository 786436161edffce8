package engine

import (
	"time"
	_ "time/tzdata" // Europe/Prague even where the system has no time zones
)

// Prague is the time zone of Triada's calendar: dates on pages and in
// e-mails, and the year of a comment's reference. Czech and Slovak
// municipalities share it.
var Prague = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Prague")
	if err != nil {
		return time.UTC
	}
	return loc
}()
