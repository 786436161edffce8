package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runLoad runs "triada-load run" with args and returns its exit code and
// output.
func runLoad(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := execute(context.Background(), append([]string{"run"}, args...), &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

// TestRun_InProcess loads a server in this process, through the API and
// through the pages, and checks that the command reports the figures and
// finds every acknowledged response stored.
func TestRun_InProcess(t *testing.T) {
	for _, path := range []string{"api", "form", "comments"} {
		t.Run(path, func(t *testing.T) {
			code, out, errs := runLoad(t, "-in-process", "-path", path, "-clients", "4", "-count", "40", "-duration", "0", "-bodies", "20")
			if code != 0 {
				t.Fatalf("exit %d\n%s%s", code, out, errs)
			}
			counted := map[string]string{"api": "results total 0 → 40", "form": "results total 0 → 40", "comments": "comments 0 → 40"}[path]
			for _, want := range []string{"baseline  40 acknowledged", "triada    40 acknowledged", "ratio     triada/baseline throughput", "p99", counted, "40 stored = 40 acknowledged: OK"} {
				if !strings.Contains(out, want) {
					t.Errorf("output lacks %q:\n%s", want, out)
				}
			}
		})
	}
}

// TestRun_DiscardAndTrace: -discard acknowledges without storing and says
// that nothing was checked; -trace and -cpuprofile write their files.
func TestRun_DiscardAndTrace(t *testing.T) {
	dir := t.TempDir()
	trace, profile := filepath.Join(dir, "load.trace"), filepath.Join(dir, "cpu.prof")
	code, out, errs := runLoad(t, "-in-process", "-discard", "-baseline=false", "-clients", "2", "-count", "20", "-duration", "0",
		"-trace", trace, "-cpuprofile", profile)
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, out, errs)
	}
	if !strings.Contains(out, "triada    20 acknowledged") || !strings.Contains(out, "stored    not checked: with -discard") {
		t.Errorf("output:\n%s", out)
	}
	for _, f := range []string{trace, profile} {
		if st, err := os.Stat(f); err != nil || st.Size() == 0 {
			t.Errorf("%s: %v (size %v)", f, err, st)
		}
	}
}

// TestRun_Usage: contradictory or missing flags end with status 2 and say
// what is wrong, before any load.
func TestRun_Usage(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"-clients", "0"}, "-clients and -bodies must be at least 1"},
		{[]string{"-duration", "0"}, "give -duration or -count"},
		{[]string{"-path", "ftp"}, `-path is api, form or comments, not "ftp"`},
		{[]string{"-create", "-token", ""}, "-create needs -token"},
	} {
		code, _, errs := runLoad(t, c.args...)
		if code != 2 || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", c.args, code, errs, c.want)
		}
	}
}
