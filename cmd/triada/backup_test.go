package main_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/triada-kpss/triada/demo"
	"github.com/triada-kpss/triada/engine"
	"github.com/triada-kpss/triada/store/sqlite"
)

// A backup taken while the server runs holds what was stored, opens as a
// database of its own, and never overwrites a file.
func TestExecute_Backup(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"TRIADA_DATA_DIR": dir}
	if r := execute(t, env, "", "demo", "--residents", "25"); r.code != 0 {
		t.Fatalf("demo: %+v", r)
	}
	m := MustStartMain(t, dir) // serving: the backup must not need it stopped
	defer m.Close()

	out := filepath.Join(t.TempDir(), "triada-backup.db")
	r := execute(t, env, "", "backup", "--out", out)
	if r.code != 0 || !strings.Contains(r.stdout, "integrity check") || !strings.Contains(r.stdout, out) {
		t.Fatalf("backup: %+v", r)
	}
	st, err := sqlite.Open(context.Background(), out)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.FindUserByEmail(context.Background(), demo.CoordinatorEmail); err != nil {
		t.Fatalf("the backup lacks the demo coordinator: %v", err)
	}
	c, err := st.CountAnswers(context.Background(), engine.CountQuery{Questionnaire: "needs-survey"})
	if err != nil || c.Total < 25 {
		t.Fatalf("the backup holds %+v responses of the needs survey (%v), want at least 25", c, err)
	}

	for _, bad := range []struct {
		env  map[string]string
		args []string
		want string
	}{
		{env, []string{"backup", "--out", out}, "exists"},
		{env, []string{"backup"}, "needs --out"},
		{map[string]string{"TRIADA_MONGODB_URI": "mongodb://127.0.0.1:1/"}, []string{"backup", "--out", out + "2"}, "mongodump"},
	} {
		r := execute(t, bad.env, "", bad.args...)
		if r.code == 0 || !strings.Contains(r.stderr, bad.want) {
			t.Errorf("%v: %+v, want a failure saying %q", bad.args, r, bad.want)
		}
	}
}
