package main

import (
	"fmt"
	"io"
	"time"
)

// sizeReport is what was measured at one number of responses.
type sizeReport struct {
	store      string
	responses  int
	insertRate float64
	reports    []*measurement
}

// target is the time a report over targetResponses must stay under.
const (
	targetResponses = 100_000
	targetTime      = 300 * time.Millisecond
)

// printSummary prints the targets: every report over 100,000 responses
// under 300 ms, and memory flat as responses grow: what each report holds
// at once (heap and resident set) at the largest size within twice that
// at the smallest plus 2 MiB (the slack of one collection cycle).
func printSummary(w io.Writer, all []*sizeReport) {
	fmt.Fprintln(w, "\nsummary (median times; targets printed, not asserted)")
	byStore := map[string][]*sizeReport{}
	var stores []string
	for _, sr := range all {
		if byStore[sr.store] == nil {
			stores = append(stores, sr.store)
		}
		byStore[sr.store] = append(byStore[sr.store], sr)
	}
	for _, name := range stores {
		srs := byStore[name]
		for _, sr := range srs {
			if sr.responses != targetResponses {
				continue
			}
			slowest := sr.reports[0]
			for _, m := range sr.reports {
				if m.med > slowest.med {
					slowest = m
				}
			}
			fmt.Fprintf(w, "%-7s reports over %d responses: slowest %s in %s (target < %s: %s)\n",
				name, sr.responses, slowest.name, slowest.med.Round(10*time.Microsecond), targetTime, verdict(slowest.med < targetTime))
		}
		first, last := srs[0], srs[len(srs)-1]
		if first == last {
			continue
		}
		flat := true
		for i, m := range last.reports {
			f := first.reports[i]
			grew := func(a, b uint64) bool { return b > 2*a+2<<20 }
			if grew(f.peakHeap, m.peakHeap) || grew(f.peakRSS, m.peakRSS) {
				flat = false
			}
			fmt.Fprintf(w, "%-7s %-28s from %d to %d responses: holds +%s → +%s, RSS +%s → +%s; allocates %s → %s\n",
				name, m.name, first.responses, last.responses, mib(int64(f.peakHeap)), mib(int64(m.peakHeap)),
				mib(int64(f.peakRSS)), mib(int64(m.peakRSS)), mib(int64(f.allocated)), mib(int64(m.allocated)))
		}
		fmt.Fprintf(w, "%-7s memory flat as responses grow %d → %d: %s\n", name, first.responses, last.responses, verdict(flat))
	}
}

func verdict(met bool) string {
	if met {
		return "met"
	}
	return "MISSED"
}
