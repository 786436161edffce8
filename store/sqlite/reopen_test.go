package sqlite_test

import (
	"bufio"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/triada-kpss/triada/engine"
	"github.com/triada-kpss/triada/forms"
	"github.com/triada-kpss/triada/store/sqlite"
)

var ctx = context.Background()

func questionnaire(id string) *engine.Questionnaire {
	return &engine.Questionnaire{ID: id, CreatedAt: time.Now(), CreatedBy: "test", Definition: &forms.Definition{
		ID: id, Title: forms.Plain("Q"), Audience: forms.AudienceResident,
		Pages: []forms.Page{{Questions: []forms.Question{{ID: "a", Type: forms.TypeText, Text: forms.Plain("A")}}}},
	}}
}

func response(id string) *engine.Response {
	return &engine.Response{ID: id, QuestionnaireID: "q", Answers: forms.Answers{"a": "x"}, Codes: []string{"a"}, CreatedAt: time.Now()}
}

func schemaVersion(t *testing.T, path string) int {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var v int
	if err := db.QueryRow(`PRAGMA user_version`).Scan(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

func TestOpen_Reopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new", "folder", "triada.db")
	st, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.CreateQuestionnaire(ctx, questionnaire("q")); err != nil {
		t.Fatal(err)
	}
	if err := st.CreateResponse(ctx, response("r1")); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	for range 2 { // the migrations find nothing to do, twice
		st, err := sqlite.Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.FindResponse(ctx, "r1"); err != nil {
			t.Fatalf("FindResponse after reopening: %v", err)
		}
		if err := st.Close(); err != nil {
			t.Fatal(err)
		}
	}
	if v := schemaVersion(t, path); v != sqlite.SchemaVersion {
		t.Fatalf("user_version %d, want %d", v, sqlite.SchemaVersion)
	}
}

func TestOpen_NewerSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "triada.db")
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(fmt.Sprintf(`PRAGMA user_version = %d`, sqlite.SchemaVersion+1)); err != nil {
		t.Fatal(err)
	}
	db.Close()
	_, err = sqlite.Open(ctx, path)
	if err == nil || !strings.Contains(err.Error(), "newer") {
		t.Fatalf("Open of a newer schema: got %v, want an error saying so", err)
	}
}

func TestOpen_ConcurrentFirstStart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "triada.db")
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			st, err := sqlite.Open(ctx, path)
			if err != nil {
				t.Error(err)
				return
			}
			st.Close()
		})
	}
	wg.Wait()
	if v := schemaVersion(t, path); v != sqlite.SchemaVersion {
		t.Fatalf("user_version %d, want %d", v, sqlite.SchemaVersion)
	}
}

func TestStore_Close(t *testing.T) {
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "triada.db"))
	if err != nil {
		t.Fatal(err)
	}
	if err := st.CreateQuestionnaire(ctx, questionnaire("q")); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	if err := st.CreateResponse(ctx, response("r1")); !errors.Is(err, sqlite.ErrClosed) {
		t.Fatalf("CreateResponse after Close: got %v, want ErrClosed", err)
	}
	if _, err := st.FindQuestionnaire(ctx, "q"); err == nil {
		t.Fatal("FindQuestionnaire after Close succeeded")
	}
	if err := st.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
}

// TestStore_SurvivesKill runs a writer process that prints the id of every
// response once CreateResponse returned, kills it with SIGKILL mid-load,
// and finds every acknowledged response in the file. (A power cut cannot
// be tested here; synchronous=FULL is what covers it.)
func TestStore_SurvivesKill(t *testing.T) {
	if path := os.Getenv("TRIADA_SQLITE_KILL_HELPER"); path != "" {
		killHelper(path)
		return
	}
	if testing.Short() {
		t.Skip("starts a process")
	}
	path := filepath.Join(t.TempDir(), "triada.db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestStore_SurvivesKill$")
	cmd.Env = append(os.Environ(), "TRIADA_SQLITE_KILL_HELPER="+path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var acked []string
	sc := bufio.NewScanner(out)
	for sc.Scan() && len(acked) < 500 {
		if id, ok := strings.CutPrefix(sc.Text(), "ack "); ok {
			acked = append(acked, id)
		}
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	if len(acked) < 500 {
		t.Fatalf("the writer acknowledged %d responses before it stopped", len(acked))
	}
	st, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, id := range acked {
		if _, err := st.FindResponse(ctx, id); err != nil {
			t.Fatalf("acknowledged response %s lost: %v", id, err)
		}
	}
	c, err := st.CountAnswers(ctx, engine.CountQuery{Questionnaire: "q"})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d responses acknowledged before kill -9, %d stored", len(acked), c.Total)
}

// killHelper writes responses from 8 goroutines until it is killed.
func killHelper(path string) {
	st, err := sqlite.Open(ctx, path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := st.CreateQuestionnaire(ctx, questionnaire("q")); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	var mu sync.Mutex
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Go(func() {
			for i := 0; ; i++ {
				id := fmt.Sprintf("r-%d-%d", w, i)
				if err := st.CreateResponse(ctx, response(id)); err != nil {
					fmt.Fprintln(os.Stderr, err)
					os.Exit(1)
				}
				mu.Lock()
				fmt.Printf("ack %s\n", id)
				mu.Unlock()
			}
		})
	}
	wg.Wait()
}
