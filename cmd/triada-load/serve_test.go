package main

import (
	"bufio"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// startServe runs "triada-load serve" with args on a free port until the
// test ends and returns its address and token, read from what it prints.
func startServe(t *testing.T, args ...string) (url, token string) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	r, w := io.Pipe()
	exited := make(chan int, 1)
	go func() {
		exited <- execute(ctx, append([]string{"serve", "-addr", "127.0.0.1:0"}, args...), w, io.Discard)
		w.Close()
	}()
	t.Cleanup(func() {
		cancel()
		go io.Copy(io.Discard, r)
		if code := <-exited; code != 0 {
			t.Errorf("serve exited with %d", code)
		}
	})
	lines := bufio.NewScanner(r)
	for lines.Scan() {
		f := strings.Fields(lines.Text())
		switch {
		case len(f) > 1 && f[0] == "serving":
			url = f[1]
		case len(f) == 2 && f[0] == "token":
			return url, f[1]
		}
	}
	t.Fatalf("serve ended before printing its address and token (exit %d)", <-exited)
	return "", ""
}

// TestServe_Discard: a server started with -discard acknowledges
// responses without storing them — "run -discard" reports the load and
// checks nothing, a plain run finds none stored and fails — while one
// without it stores every response.
func TestServe_Discard(t *testing.T) {
	load := func(url, token string, args ...string) (int, string) {
		code, out, errs := runLoad(t, append([]string{"-url", url, "-token", token, "-create", "-baseline=false",
			"-clients", "2", "-count", "20", "-duration", "0"}, args...)...)
		return code, out + errs
	}
	url, token := startServe(t, "-discard")
	if code, out := load(url, token, "-discard"); code != 0 ||
		!strings.Contains(out, "triada    20 acknowledged") || !strings.Contains(out, "stored    not checked") {
		t.Errorf("run -discard: exit %d\n%s", code, out)
	}
	if code, out := load(url, token); code != 1 || !strings.Contains(out, "0 stored, but 20 acknowledged") {
		t.Errorf("run against the discarding server without -discard: exit %d, want 1 and none stored\n%s", code, out)
	}

	tokenFile := filepath.Join(t.TempDir(), "token")
	url, token = startServe(t, "-token-file", tokenFile)
	if b, err := os.ReadFile(tokenFile); err != nil || strings.TrimSpace(string(b)) != token {
		t.Errorf("token file: %q, %v; want %q", b, err, token)
	}
	if code, out := load(url, token); code != 0 || !strings.Contains(out, "20 stored = 20 acknowledged: OK") {
		t.Errorf("run against the storing server: exit %d\n%s", code, out)
	}
}

// TestServe_Usage: a bad flag or address ends the command with its reason.
func TestServe_Usage(t *testing.T) {
	var stdout, stderr strings.Builder
	if code := execute(context.Background(), []string{"serve", "-nope"}, &stdout, &stderr); code != 2 {
		t.Errorf("unknown flag: exit %d, want 2", code)
	}
	stderr.Reset()
	code := execute(context.Background(), []string{"serve", "-addr", "256.0.0.1:1"}, &stdout, &stderr)
	if code != 1 || !strings.Contains(stderr.String(), "256.0.0.1") {
		t.Errorf("bad address: exit %d, stderr %q; want 1 and the address", code, stderr.String())
	}
}
