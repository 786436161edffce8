package main_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	main "github.com/triada-kpss/triada/cmd/triada"
)

// MustStartMain starts the real program on a free port of 127.0.0.1 with
// its data in dataDir.
func MustStartMain(tb testing.TB, dataDir string) *main.Main {
	tb.Helper()
	cfg := main.DefaultConfig()
	cfg.Addr = "127.0.0.1:0"
	cfg.DataDir = dataDir
	m := main.NewMain(cfg, nil)
	if err := m.Run(context.Background()); err != nil {
		_ = m.Close()
		tb.Fatal(err)
	}
	return m
}

// MustRunMain starts the program like MustStartMain and closes it when the
// test ends.
func MustRunMain(tb testing.TB, dataDir string) *main.Main {
	tb.Helper()
	m := MustStartMain(tb, dataDir)
	tb.Cleanup(func() {
		if err := m.Close(); err != nil {
			tb.Error(err)
		}
	})
	return m
}

// result is what a command did.
type result struct {
	code           int
	stdout, stderr string
}

// execute runs a command as the binary would, with the environment env
// and stdin as its standard input.
func execute(tb testing.TB, env map[string]string, stdin string, args ...string) result {
	tb.Helper()
	var stdout, stderr bytes.Buffer
	code := main.Execute(context.Background(), args, main.Env{
		Stdin: strings.NewReader(stdin), Stdout: &stdout, Stderr: &stderr,
		Getenv: func(k string) string { return env[k] },
	})
	return result{code, stdout.String(), stderr.String()}
}

// call sends a request to the running program and decodes the JSON answer.
func call(tb testing.TB, method, url, token, body string) (int, map[string]any) {
	tb.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		tb.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		tb.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
		tb.Errorf("%s %s: Content-Type %q", method, url, ct)
	}
	var v map[string]any
	_ = json.Unmarshal(data, &v)
	return resp.StatusCode, v
}

func TestMain_Run(t *testing.T) {
	dir := t.TempDir()
	m := MustRunMain(t, dir)
	if !strings.HasPrefix(m.URL(), "http://127.0.0.1:") || strings.HasSuffix(m.URL(), ":0/") {
		t.Fatalf("URL %q", m.URL())
	}

	t.Run("Healthz", func(t *testing.T) {
		status, body := call(t, http.MethodGet, m.URL()+"healthz", "", "")
		if status != http.StatusOK || body["status"] != "ok" {
			t.Fatalf("%d %v", status, body)
		}
	})

	// The commands open the same data folder while the server runs, as an
	// operator does on a live installation.
	env := map[string]string{"TRIADA_DATA_DIR": dir}
	var token string
	t.Run("UserAdd", func(t *testing.T) {
		r := execute(t, env, "dlouhé heslo\n", "user", "add", "--email", "Jana@Znojmo.cz", "--role", "coordinator", "--name", "Jana Nováková")
		if r.code != 0 || !strings.Contains(r.stdout, "jana@znojmo.cz") {
			t.Fatalf("%+v", r)
		}
	})
	t.Run("TokenCreate", func(t *testing.T) {
		r := execute(t, env, "", "token", "create", "--email", "jana@znojmo.cz")
		if r.code != 0 || r.stderr != "" {
			t.Fatalf("%+v", r)
		}
		token = strings.TrimSuffix(r.stdout, "\n")
		if token == "" || strings.ContainsAny(token, " \n") || r.stdout != token+"\n" {
			t.Fatalf("stdout %q is not one token and a newline", r.stdout)
		}
	})
	t.Run("TokenWorks", func(t *testing.T) {
		status, body := call(t, http.MethodPost, m.URL()+"api/v1/groups", token, `{"id": "seniori", "name": "Senioři", "tags": ["seniors"]}`)
		if status != http.StatusCreated {
			t.Fatalf("%d %v", status, body)
		}
		status, body = call(t, http.MethodPost, m.URL()+"api/v1/groups", token+"x", `{"id": "rodiny", "name": "Rodiny", "tags": ["families"]}`)
		if status != http.StatusUnauthorized || body["error"] == "" {
			t.Fatalf("bad token: %d %v", status, body)
		}
	})
	t.Run("ErrUserExists", func(t *testing.T) {
		r := execute(t, env, "jiné heslo\n", "user", "add", "--email", "jana@znojmo.cz", "--role", "member")
		if r.code != 4 || !strings.Contains(r.stderr, "exists") {
			t.Fatalf("%+v", r)
		}
	})
	t.Run("ErrNoSuchUser", func(t *testing.T) {
		r := execute(t, env, "", "token", "create", "--email", "nikdo@znojmo.cz")
		if r.code != 3 || r.stdout != "" || !strings.Contains(r.stderr, "nikdo@znojmo.cz") {
			t.Fatalf("%+v", r)
		}
	})
}

func TestExecute_Errors(t *testing.T) {
	env := map[string]string{"TRIADA_DATA_DIR": t.TempDir()}
	tests := []struct {
		name   string
		stdin  string
		args   []string
		code   int
		stderr string
	}{
		{"NoCommand", "", nil, 2, "Usage"},
		{"UnknownCommand", "", []string{"frobnicate"}, 2, `unknown command "frobnicate"`},
		{"UnknownSubcommand", "", []string{"user", "delete"}, 2, `unknown command "user delete"`},
		{"MissingSubcommand", "", []string{"token"}, 2, "needs a subcommand"},
		{"UnknownFlag", "", []string{"serve", "--bogus"}, 2, "bogus"},
		{"MissingEmail", "heslo12345\n", []string{"user", "add", "--role", "admin"}, 2, "--email"},
		{"BadRole", "heslo12345\n", []string{"user", "add", "--email", "a@b.cz", "--role", "boss"}, 2, "admin, coordinator or member"},
		{"BadEmail", "heslo12345\n", []string{"user", "add", "--email", "a@", "--role", "admin"}, 2, "e-mail"},
		{"NoPassword", "", []string{"user", "add", "--email", "a@b.cz", "--role", "admin"}, 2, "standard input"},
		{"ShortPassword", "krátké\n", []string{"user", "add", "--email", "a@b.cz", "--role", "admin"}, 2, "password: "},
		{"ExtraArgument", "", []string{"token", "create", "--email", "a@b.cz", "extra"}, 2, `"extra"`},
		{"BadConfig", "", []string{"serve", "--addr", "nowhere", "--log-format", "xml"}, 2, "TRIADA_LOG_FORMAT"},
		{"NoFiles", "", []string{"forms", "check"}, 2, "FILE"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := execute(t, env, tt.stdin, tt.args...)
			if r.code != tt.code || !strings.Contains(r.stderr, tt.stderr) {
				t.Fatalf("exit %d, want %d; stderr %q lacks %q", r.code, tt.code, r.stderr, tt.stderr)
			}
			if strings.Contains(r.stderr, "goroutine") || strings.Contains(r.stderr, ".go:") {
				t.Errorf("stderr shows a trace: %s", r.stderr)
			}
		})
	}
}

func TestExecute_FormsCheck(t *testing.T) {
	t.Run("Valid", func(t *testing.T) {
		// The README's example too, so that it stays valid.
		r := execute(t, nil, "", "forms", "check", "testdata/valid.yaml", "../../docs/examples/needs-2027.yaml")
		if r.code != 0 || r.stdout != "" {
			t.Fatalf("%+v", r)
		}
	})
	t.Run("Invalid", func(t *testing.T) {
		r := execute(t, nil, "", "forms", "check", "testdata/valid.yaml", "testdata/invalid.yaml", "testdata/missing.yaml")
		if r.code != 1 {
			t.Fatalf("%+v", r)
		}
		lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
		if len(lines) < 3 {
			t.Fatalf("stdout %q: want a line per problem", r.stdout)
		}
		for _, l := range lines {
			if !strings.HasPrefix(l, "testdata/invalid.yaml:") && !strings.HasPrefix(l, "testdata/missing.yaml: ") {
				t.Errorf("line %q is not FILE:LINE: message", l)
			}
		}
		if !strings.HasPrefix(lines[0], "testdata/invalid.yaml:11: ") {
			t.Errorf("first line %q: want the line of max", lines[0])
		}
	})
}

func TestExecute_HelpAndVersion(t *testing.T) {
	for _, args := range [][]string{{"help"}, {"help", "serve"}, {"help", "user"}, {"help", "token"}, {"help", "forms"}, {"serve", "-h"}, {"version"}} {
		r := execute(t, nil, "", args...)
		if r.code != 0 || r.stdout+r.stderr == "" {
			t.Errorf("%v: %+v", args, r)
		}
	}
	if r := execute(t, nil, "", "help", "serve"); !strings.Contains(r.stdout, "TRIADA_MAX_BODY_BYTES") {
		t.Errorf("help serve lacks the options: %s", r.stdout)
	}
}

// TestMain_Close lets a request in flight finish before the store closes,
// as on SIGTERM.
func TestMain_Close(t *testing.T) {
	m := MustStartMain(t, t.TempDir())

	// A client sends a request body slowly.
	body, w := io.Pipe()
	req, err := http.NewRequest(http.MethodPost, m.URL()+"api/v1/questionnaires/nothing/responses", body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	answered := make(chan int, 1)
	go func() {
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Error(err)
			answered <- 0
			return
		}
		resp.Body.Close()
		answered <- resp.StatusCode
	}()
	if _, err := w.Write([]byte(`{"answers": `)); err != nil {
		t.Fatal(err)
	}
	time.Sleep(200 * time.Millisecond) // the handler is reading the body

	closed := make(chan error, 1)
	go func() { closed <- m.Close() }()
	time.Sleep(200 * time.Millisecond)
	select {
	case err := <-closed:
		t.Fatalf("Close returned (%v) while a request was in flight", err)
	default:
	}

	if _, err := w.Write([]byte(`{"q": 1}}`)); err != nil {
		t.Fatal(err)
	}
	w.Close()
	if status := <-answered; status != http.StatusNotFound {
		t.Errorf("the request in flight got %d, want its answer (404: no such questionnaire)", status)
	}
	if err := <-closed; err != nil {
		t.Fatal(err)
	}
}
