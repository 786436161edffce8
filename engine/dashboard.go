package engine

import (
	"context"
	"time"
)

// ResponsesPerDay returns the number of responses of the questionnaire
// on each of the last days UTC days, today included, oldest first and
// with the days without responses as zeros; for every signed-in role.
func (e *Engine) ResponsesPerDay(ctx context.Context, actor *User, questionnaireID string, days int) ([]DayCount, error) {
	if err := requireSignedIn(actor); err != nil {
		return nil, err
	}
	if days < 1 || days > 366 {
		return nil, Errorf(EINVALID, "Ask for 1 to 366 days.")
	}
	today := e.Now().Truncate(24 * time.Hour)
	from, to := today.AddDate(0, 0, 1-days), today.AddDate(0, 0, 1)
	counts, err := e.store.CountResponsesByDay(ctx, questionnaireID, from, to)
	if err != nil {
		return nil, err
	}
	byDay := make(map[time.Time]int, len(counts))
	for _, c := range counts {
		byDay[c.Day.UTC()] = c.Count
	}
	out := make([]DayCount, days)
	for i := range out {
		d := from.AddDate(0, 0, i)
		out[i] = DayCount{Day: d, Count: byDay[d]}
	}
	return out, nil
}
