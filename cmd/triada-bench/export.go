package main

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"time"

	"github.com/triada-kpss/triada/engine"
	"github.com/triada-kpss/triada/export"
)

// exportFormats are the exports measured, written to a counter of bytes.
var exportFormats = []struct {
	name  string
	write func(ctx context.Context, w io.Writer, x *engine.Export) error
}{
	{"export CSV", func(ctx context.Context, w io.Writer, x *engine.Export) error {
		return export.WriteCSV(ctx, w, x, export.CSVOptions{Labels: true})
	}},
	{"export XLSX", func(ctx context.Context, w io.Writer, x *engine.Export) error {
		return export.WriteXLSX(ctx, w, x, "cs")
	}},
	{"export JSON", export.WriteJSON},
}

// byteCounter is an io.Writer that keeps only the count.
type byteCounter struct{ n int64 }

func (b *byteCounter) Write(p []byte) (int, error) { b.n += int64(len(p)); return len(p), nil }

// measureExports writes each export of every stored response twice:
// once timed, then with the garbage collector set tight (GOGC=5) and
// memory sampled every millisecond, and prints its time, size and the
// memory it held: flat, whatever the number of responses, as responses
// are read a batch at a time. (The XLSX writer keeps its rows in a
// temporary file once they pass 16 MiB, and zips at the end.)
func measureExports(ctx context.Context, eng *engine.Engine, actor *engine.User, qid, store string, n int, w io.Writer) error {
	for _, f := range exportFormats {
		run := func() (int64, time.Duration, error) {
			x, err := eng.OpenExport(ctx, actor, qid, nil)
			if err != nil {
				return 0, 0, err
			}
			var out byteCounter
			start := time.Now()
			err = f.write(ctx, &out, x)
			return out.n, time.Since(start), err
		}
		runtime.GC()
		size, took, err := run()
		if err != nil {
			return fmt.Errorf("%s, %d responses, %s: %w", store, n, f.name, err)
		}
		old := debug.SetGCPercent(5)
		runtime.GC()
		s := startSampler()
		_, _, err = run()
		g := s.stop()
		debug.SetGCPercent(old)
		if err != nil {
			return fmt.Errorf("%s, %d responses, %s: %w", store, n, f.name, err)
		}
		fmt.Fprintf(w, "%-7s %9d responses  %-28s %8s  %s written   holds +%-9s RSS +%s\n",
			store, n, f.name, took.Round(time.Millisecond), mib(size), mib(int64(g.heap)), mib(int64(g.rss)))
	}
	return nil
}
