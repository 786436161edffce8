package main

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"
)

// watchMemory samples the resident set of process pid every 100 ms until
// the function it returns is called, which reports the resident set
// before, at its peak and after. For pid 0 it does nothing and reports "".
func watchMemory(pid int) func() string {
	if pid <= 0 {
		return func() string { return "" }
	}
	first, err := residentKiB(pid)
	if err != nil {
		return func() string { return fmt.Sprintf("memory not read: %v", err) }
	}
	peak := first
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		t := time.NewTicker(100 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				if kib, err := residentKiB(pid); err == nil {
					peak = max(peak, kib)
				}
			}
		}
	})
	return func() string {
		close(stop)
		wg.Wait()
		last, err := residentKiB(pid)
		if err != nil {
			return fmt.Sprintf("memory not read after the load: %v", err)
		}
		peak = max(peak, last)
		return fmt.Sprintf("resident memory of process %d: %.1f MiB before, %.1f MiB at the peak, %.1f MiB after",
			pid, float64(first)/1024, float64(peak)/1024, float64(last)/1024)
	}
}

// residentKiB reads VmRSS of a process from /proc (Linux).
func residentKiB(pid int) (int, error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	defer f.Close()
	for s := bufio.NewScanner(f); s.Scan(); {
		if rest, ok := strings.CutPrefix(s.Text(), "VmRSS:"); ok {
			return strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(rest), " kB"))
		}
	}
	return 0, fmt.Errorf("no VmRSS in /proc/%d/status", pid)
}
