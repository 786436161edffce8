package main_test

import (
	"bufio"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// MustBuild compiles the command into a temporary folder.
func MustBuild(tb testing.TB) string {
	tb.Helper()
	if testing.Short() {
		tb.Skip("builds the binary; skipped with -short")
	}
	bin := filepath.Join(tb.TempDir(), "triada")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		tb.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// TestBinary runs the compiled program as an operator does: the password
// piped in (no terminal), the token printed alone, serve stopped by SIGTERM.
func TestBinary(t *testing.T) {
	bin := MustBuild(t)
	env := append(os.Environ(), "TRIADA_DATA_DIR="+t.TempDir(), "TRIADA_ADDR=127.0.0.1:0", "TRIADA_MONGODB_URI=")

	add := exec.Command(bin, "user", "add", "--email", "admin@triada.test", "--role", "admin")
	add.Env = env
	add.Stdin = strings.NewReader("správné heslo koně\n")
	if out, err := add.CombinedOutput(); err != nil {
		t.Fatalf("user add: %v\n%s", err, out)
	}

	create := exec.Command(bin, "token", "create", "--email", "admin@triada.test")
	create.Env = env
	out, err := create.Output()
	if err != nil {
		t.Fatalf("token create: %v", err)
	}
	token := strings.TrimSuffix(string(out), "\n")
	if !regexp.MustCompile(`^\S+$`).MatchString(token) {
		t.Fatalf("token create printed %q", out)
	}

	serve := exec.Command(bin, "serve")
	serve.Env = env
	stderr, err := serve.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := serve.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = serve.Process.Kill() })

	// serve prints the address it listens on.
	lines := make(chan string)
	go func() {
		defer close(lines)
		for s := bufio.NewScanner(stderr); s.Scan(); {
			lines <- s.Text()
		}
	}()
	urlRE := regexp.MustCompile(`url=(http://127\.0\.0\.1:\d+/)`)
	var url string
	for url == "" {
		select {
		case line, ok := <-lines:
			if !ok {
				t.Fatal("serve ended before it listened")
			}
			if m := urlRE.FindStringSubmatch(line); m != nil {
				url = m[1]
			}
		case <-time.After(30 * time.Second):
			t.Fatal("serve did not print its address")
		}
	}

	req, _ := http.NewRequest(http.MethodGet, url+"api/v1/questionnaires", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /api/v1/questionnaires with the token: %d", resp.StatusCode)
	}

	if err := serve.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	stopped := false
	for line := range lines {
		stopped = stopped || strings.Contains(line, "msg=stopped")
	}
	if err := serve.Wait(); err != nil {
		t.Fatalf("serve after SIGTERM: %v", err)
	}
	if !stopped {
		t.Error("serve did not log that it stopped")
	}
}
