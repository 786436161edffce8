package engine_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/triada-kpss/triada/engine"
)

func TestEngine_Audit(t *testing.T) {
	ctx := context.Background()
	f := mustOpen(t)
	long := strings.Repeat("č", 300) // 600 bytes: clipped on a rune boundary
	mustNil(t, f.RecordAudit(ctx, &engine.AuditEntry{UserID: f.coordinator.ID, Email: " Coordinator@Example.cz ",
		Action: "POST /work/questionnaires/:id", Targets: []string{"id=" + long}, Status: 303}))
	mustNil(t, f.RecordAudit(ctx, &engine.AuditEntry{Email: "someone@x.cz", Action: engine.AuditSignInFailed, Status: 401}))

	_, err := f.ListAudit(ctx, f.member, engine.AuditFilter{})
	wantCode(t, err, engine.EFORBIDDEN)
	_, err = f.ListAudit(ctx, nil, engine.AuditFilter{})
	wantCode(t, err, engine.EUNAUTHORIZED)
	_, err = f.ListAudit(ctx, f.admin, engine.AuditFilter{Offset: -1})
	wantCode(t, err, engine.EINVALID)
	now := f.clock.Now()
	_, err = f.ListAudit(ctx, f.admin, engine.AuditFilter{From: now, To: now.Add(-time.Hour)})
	wantCode(t, err, engine.EINVALID)

	got, err := f.ListAudit(ctx, f.coordinator, engine.AuditFilter{Email: "COORDINATOR@example.cz"})
	mustNil(t, err)
	if len(got) != 1 || got[0].Email != "coordinator@example.cz" || !got[0].At.Equal(now) || got[0].ID == "" {
		t.Fatalf("entries: %+v", got)
	}
	if target := got[0].Targets[0]; len(target) > 200 || !strings.HasPrefix(target, "id=čč") || !json.Valid([]byte(`"`+target+`"`)) {
		t.Fatalf("the long target was not clipped on a rune boundary: %d bytes", len(target))
	}
}

func TestEngine_ResponsesPerDay(t *testing.T) {
	ctx := context.Background()
	f := mustOpen(t)
	mustEditable(t, f)
	submit := func() {
		_, err := f.SubmitResponse(ctx, "edit-2027", map[string]json.RawMessage{"obec": json.RawMessage(`"slany"`)}, "")
		mustNil(t, err)
	}
	submit()
	f.clock.Set(f.clock.Now().Add(-48 * time.Hour))
	submit()
	submit()
	f.clock.Set(f.clock.Now().Add(48 * time.Hour))
	days, err := f.ResponsesPerDay(ctx, f.member, "edit-2027", 30)
	mustNil(t, err)
	if len(days) != 30 || days[29].Count != 1 || days[27].Count != 2 || days[28].Count != 0 ||
		!days[29].Day.Equal(time.Date(2027, 1, 15, 0, 0, 0, 0, time.UTC)) {
		t.Fatalf("days: first %v, last three %v", days[0], days[27:])
	}
	_, err = f.ResponsesPerDay(ctx, nil, "edit-2027", 30)
	wantCode(t, err, engine.EUNAUTHORIZED)
	_, err = f.ResponsesPerDay(ctx, f.member, "edit-2027", 0)
	wantCode(t, err, engine.EINVALID)
}
