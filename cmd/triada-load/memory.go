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

// watchServer samples the resident set of process pid every 100 ms until
// the function it returns is called, which reports the resident set
// before, at its peak and after, and the CPU time the process used
// meanwhile. For pid 0 it does nothing and reports "".
func watchServer(pid int) func() (string, time.Duration) {
	if pid <= 0 {
		return func() (string, time.Duration) { return "", 0 }
	}
	first, err := residentKiB(pid)
	if err != nil {
		return func() (string, time.Duration) { return fmt.Sprintf("memory not read: %v", err), 0 }
	}
	cpu0, _ := cpuTime(pid)
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
	return func() (string, time.Duration) {
		close(stop)
		wg.Wait()
		cpu1, err := cpuTime(pid)
		if err != nil {
			return fmt.Sprintf("CPU time not read after the load: %v", err), 0
		}
		last, err := residentKiB(pid)
		if err != nil {
			return fmt.Sprintf("memory not read after the load: %v", err), 0
		}
		peak = max(peak, last)
		return fmt.Sprintf("process %d: resident memory %.1f MiB before, %.1f MiB at the peak, %.1f MiB after",
			pid, float64(first)/1024, float64(peak)/1024, float64(last)/1024), cpu1 - cpu0
	}
}

// clockTick is the unit of the CPU times in /proc/PID/stat: USER_HZ,
// 100 on every Linux architecture Go supports.
const clockTick = 10 * time.Millisecond

// cpuTime reads the user and system CPU time of a process from /proc.
func cpuTime(pid int) (time.Duration, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, err
	}
	// The command name, field 2, is in parentheses and may hold spaces.
	s := string(b)
	f := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	if len(f) < 13 {
		return 0, fmt.Errorf("short /proc/%d/stat", pid)
	}
	utime, err1 := strconv.ParseInt(f[11], 10, 64) // field 14
	stime, err2 := strconv.ParseInt(f[12], 10, 64) // field 15
	if err1 != nil || err2 != nil {
		return 0, fmt.Errorf("malformed /proc/%d/stat", pid)
	}
	return time.Duration(utime+stime) * clockTick, nil
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
