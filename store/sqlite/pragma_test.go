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

// TestCountAnswers_CoveringIndex guards the plan counting depends on:
// reading the codes from the covering index, never the table rows.
func TestCountAnswers_CoveringIndex(t *testing.T) {
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "triada.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	rows, err := s.read.Query(`EXPLAIN QUERY PLAN `+countQuery, "q")
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
	if len(plan) != 1 || !strings.Contains(plan[0], "COVERING INDEX responses_codes") {
		t.Fatalf("query plan of counting: %q, want a search of the covering index responses_codes", plan)
	}
}
