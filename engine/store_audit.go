package engine

import (
	"context"
	"time"
)

// AuditStore persists the audit log: who changed what, and when.
type AuditStore interface {
	// CreateAuditEntry stores e; ErrDuplicate if its id exists.
	CreateAuditEntry(ctx context.Context, e *AuditEntry) error
	// ListAuditEntries returns the entries matching every set field of f,
	// the latest first (then by id, descending), skipping f.Offset and
	// returning at most f.Limit (every one when Limit is zero).
	ListAuditEntries(ctx context.Context, f AuditFilter) ([]*AuditEntry, error)
}

// QuestionnaireEditStore changes stored questionnaires and counts their
// responses over time, for the coordinators' workspace.
type QuestionnaireEditStore interface {
	// UpdateQuestionnaire replaces the questionnaire q.ID if its stored
	// Version equals expectedVersion (the caller has set q.Version to
	// expectedVersion+1); ErrNotFound for an unknown id, ErrConflict
	// when the version differs.
	UpdateQuestionnaire(ctx context.Context, q *Questionnaire, expectedVersion int) error
	// QuestionnaireVersion returns the stored Version of the
	// questionnaire, or ErrNotFound; it reads far less than
	// FindQuestionnaire, so that caches can recheck often.
	QuestionnaireVersion(ctx context.Context, id string) (int, error)
	// CountResponsesByDay counts the questionnaire's responses created in
	// [from, to), per UTC day: one DayCount per day that has responses,
	// in date order.
	CountResponsesByDay(ctx context.Context, questionnaireID string, from, to time.Time) ([]DayCount, error)
}

// DayCount is the number of responses of one UTC day.
type DayCount struct {
	Day   time.Time // midnight UTC
	Count int
}
