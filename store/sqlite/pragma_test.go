package sqlite

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"
)

// TestOpen_Pragmas checks the settings of the connections of both pools.
func TestOpen_Pragmas(t *testing.T) {
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "triada.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	want := map[string]string{"journal_mode": "wal", "synchronous": "2", "foreign_keys": "1", "busy_timeout": "10000"}
	for pool, db := range map[string]*sql.DB{"write": s.write, "read": s.read} {
		for pragma, value := range want {
			var got string
			if err := db.QueryRow(`PRAGMA ` + pragma).Scan(&got); err != nil {
				t.Fatal(err)
			}
			if got != value {
				t.Errorf("%s pool: PRAGMA %s = %s, want %s", pool, pragma, got, value)
			}
		}
	}
	var only string
	if err := s.read.QueryRow(`PRAGMA query_only`).Scan(&only); err != nil || only != "1" {
		t.Errorf("read pool: query_only = %s (%v), want 1", only, err)
	}
}

// TestResponseReaders_Index guards the plans the readers of responses
// depend on: counting and counting per day read the index
// responses_listing alone, never the table rows (the days, a few dozen
// groups, are then sorted); counting and walking follow the index in its
// order, without sorting the responses.
func TestResponseReaders_Index(t *testing.T) {
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "triada.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, c := range []struct {
		name, query string
		args        []any
		want        string
		steps       int
	}{
		{"count", countQuery, []any{"q"}, "COVERING INDEX responses_listing", 1},
		{"count per day", countByDayQuery, []any{dayMillis, "q", 0, 1}, "COVERING INDEX responses_listing", 2},
		{"walk", walkQuery(""), []any{"q", "", 10}, "USING INDEX responses_listing", 1},
	} {
		plan := queryPlan(t, s, c.query, c.args...)
		if len(plan) != c.steps || !strings.Contains(plan[0], c.want) {
			t.Errorf("query plan of %s: %q, want %d step(s), the first: %s", c.name, plan, c.steps, c.want)
		}
	}
}

// queryPlan returns the details of the query's EXPLAIN QUERY PLAN.
func queryPlan(t *testing.T, s *Store, query string, args ...any) []string {
	t.Helper()
	rows, err := s.read.Query(`EXPLAIN QUERY PLAN `+query, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return plan
}
