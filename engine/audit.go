package engine

import (
	"context"
	"strings"
	"time"
)

// Audit actions that are not requests to change something: sign-ins,
// failed sign-ins and sign-outs. Other entries name their action by the
// request's method and route pattern ("POST /work/questionnaires/:id").
const (
	AuditSignIn       = "signin"
	AuditSignInFailed = "signin_failed"
	AuditSignOut      = "signout"
)

// AuditEntry is one line of the audit log: a change a signed-in person
// made, or a sign-in event. It never holds passwords, request bodies or
// tokens: only who, when, what route, on which ids, and how it ended.
type AuditEntry struct {
	ID     string
	At     time.Time
	UserID string // "" for a failed sign-in
	Email  string // lower case; for a failed sign-in, the e-mail typed
	Action string
	// Targets are the route's parameters, "name=value" in route order
	// ("id=needs-2027").
	Targets []string
	Status  int // the HTTP status of the answer
}

// AuditFilter selects audit entries; the zero value selects all.
type AuditFilter struct {
	Email  string    // exact, lower case
	Action string    // exact
	From   time.Time // inclusive; zero: no lower bound
	To     time.Time // exclusive; zero: no upper bound
	Offset int
	Limit  int // 0: no limit
}

// maxAuditField bounds each text of an entry: the log must not grow
// without bound from a long path or e-mail sent on purpose.
const maxAuditField = 200

// RecordAudit stores an entry of the audit log, giving it an id and the
// time when they are unset. Handlers call it for every change a
// signed-in person makes; it checks no role, as it records whatever
// happened, allowed or not.
func (e *Engine) RecordAudit(ctx context.Context, entry *AuditEntry) error {
	if entry.ID == "" {
		entry.ID = NewResponseID() // sortable by time, like responses
	}
	if entry.At.IsZero() {
		entry.At = e.Now()
	}
	entry.Email = clip(strings.ToLower(strings.TrimSpace(entry.Email)))
	entry.Action = clip(entry.Action)
	for i, t := range entry.Targets {
		entry.Targets[i] = clip(t)
	}
	return e.store.CreateAuditEntry(ctx, entry)
}

// ListAudit returns the audit entries matching f, the latest first;
// coordinators and admins only. EINVALID for a negative offset or limit,
// or a range that ends before it begins.
func (e *Engine) ListAudit(ctx context.Context, actor *User, f AuditFilter) ([]*AuditEntry, error) {
	if err := requireCoordinator(actor); err != nil {
		return nil, err
	}
	if f.Offset < 0 || f.Limit < 0 {
		return nil, Errorf(EINVALID, "Paging must not be negative.")
	}
	if !f.From.IsZero() && !f.To.IsZero() && f.To.Before(f.From) {
		return nil, Invalid("The date range ends before it begins.", FieldError{Field: "to", Message: "The end must not be before the start."})
	}
	f.Email = strings.ToLower(strings.TrimSpace(f.Email))
	return e.store.ListAuditEntries(ctx, f)
}

func clip(s string) string {
	if len(s) <= maxAuditField {
		return s
	}
	cut := maxAuditField
	for cut > 0 && !utf8Start(s[cut]) {
		cut--
	}
	return s[:cut]
}

// utf8Start reports whether b begins a UTF-8 sequence.
func utf8Start(b byte) bool { return b&0xC0 != 0x80 }
