package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/triada-kpss/triada/engine"
)

// TestUpgrade_ResponseIndex opens a database written at schema version 9
// (before responses_listing) holding responses, and reads them back
// through every reader the new index serves: counting, walking in id
// order and counting per day.
func TestUpgrade_ResponseIndex(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "triada.db")
	old, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	for v, m := range migrations[:9] {
		if _, err := old.Exec(m); err != nil {
			t.Fatalf("migration %d: %v", v+1, err)
		}
	}
	day := time.Date(2026, 11, 2, 10, 0, 0, 0, time.UTC)
	stmts := []string{
		`PRAGMA user_version = 9`,
		`INSERT INTO questionnaires (id, definition, created_at, created_by) VALUES ('q', '{}', 0, 'test')`,
	}
	for i, id := range []string{"r3", "r1", "r2"} { // arrival order differs from id order
		stmts = append(stmts, fmt.Sprintf(`INSERT INTO responses (id, questionnaire_id, answers, codes, created_at)
			VALUES ('%s', 'q', '{}', 'a=x' || char(10), %d)`, id, day.Add(time.Duration(i)*24*time.Hour).UnixMilli()))
	}
	for _, s := range stmts {
		if _, err := old.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
	if err := old.Close(); err != nil {
		t.Fatal(err)
	}

	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	counts, err := s.CountAnswers(ctx, engine.CountQuery{Questionnaire: "q"})
	if err != nil || counts.Total != 3 || counts.Codes["a=x"] != 3 {
		t.Fatalf("counts after the upgrade: %+v, %v; want 3 responses holding a=x", counts, err)
	}
	var walked []string
	err = s.WalkResponses(ctx, "q", nil, 2, func(batch []*engine.Response) error {
		for _, r := range batch {
			walked = append(walked, r.ID)
		}
		return nil
	})
	if err != nil || fmt.Sprint(walked) != "[r1 r2 r3]" {
		t.Fatalf("walked %v, %v; want [r1 r2 r3]", walked, err)
	}
	days, err := s.CountResponsesByDay(ctx, "q", day.Add(-time.Hour), day.Add(48*time.Hour))
	if err != nil || len(days) != 2 || days[0].Count != 1 || !days[1].Day.Equal(day.Truncate(24*time.Hour).Add(24*time.Hour)) {
		t.Fatalf("days %+v, %v; want the first two days, one response each", days, err)
	}
}
