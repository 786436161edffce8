package loadgen

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// Target is where a load submits responses: the JSON API of a server
// (APITarget), the HTML form path, or the baseline.
type Target interface {
	// Submit sends the i-th response of the load and returns the id the
	// server gave it. A *StatusError means the server answered and did
	// not store it; any other error leaves the outcome unknown (the
	// connection broke, the server died).
	Submit(ctx context.Context, i int) (id string, err error)
}

// StatusError is an answer other than 201 Created.
type StatusError struct {
	Code int
	Body string
}

func (e *StatusError) Error() string { return fmt.Sprintf("HTTP %d: %s", e.Code, e.Body) }

// Options bound a load.
type Options struct {
	Clients  int           // concurrent clients, each one request at a time
	Duration time.Duration // no new request after it; 0 for no limit
	Count    int           // at most this many requests; 0 for no limit
	// OnAck, when set, is called (from the clients' goroutines) with the
	// id of every acknowledged response.
	OnAck func(id string)
}

// Result is what a load did.
type Result struct {
	Attempted int         // requests sent
	Acked     int         // answered 201 Created with an id
	Rejected  map[int]int // other answers, by status code
	Unknown   int         // no answer: the outcome is unknown
	Errors    []string    // the first few errors, for the report
	Elapsed   time.Duration
	// Latencies of the acknowledged requests, sorted.
	Latencies []time.Duration
}

// maxErrors is how many error messages a Result keeps.
const maxErrors = 5

// Run submits responses to t from o.Clients goroutines, each sending its
// next request when the previous one is answered, until o.Duration has
// passed, o.Count requests were sent, or ctx ends. Requests in flight when
// the duration ends are waited for; those in flight when ctx ends are
// cut off and counted as Unknown.
func Run(ctx context.Context, t Target, o Options) *Result {
	clients := max(o.Clients, 1)
	var next atomic.Int64
	start := time.Now()
	var deadline time.Time
	if o.Duration > 0 {
		deadline = start.Add(o.Duration)
	}
	parts := make([]*Result, clients)
	var wg sync.WaitGroup
	for c := range clients {
		r := &Result{Rejected: map[int]int{}}
		parts[c] = r
		wg.Go(func() {
			for ctx.Err() == nil && (deadline.IsZero() || time.Now().Before(deadline)) {
				i := int(next.Add(1) - 1)
				if o.Count > 0 && i >= o.Count {
					return
				}
				r.Attempted++
				sent := time.Now()
				id, err := t.Submit(ctx, i)
				took := time.Since(sent)
				var se *StatusError
				switch {
				case err == nil:
					r.Acked++
					r.Latencies = append(r.Latencies, took)
					if o.OnAck != nil {
						o.OnAck(id)
					}
					continue
				case errors.As(err, &se):
					r.Rejected[se.Code]++
				default:
					r.Unknown++
				}
				if len(r.Errors) < maxErrors {
					r.Errors = append(r.Errors, err.Error())
				}
				if se == nil && ctx.Err() == nil {
					// The server is unreachable: do not spin.
					select {
					case <-ctx.Done():
					case <-time.After(10 * time.Millisecond):
					}
				}
			}
		})
	}
	wg.Wait()
	total := &Result{Rejected: map[int]int{}, Elapsed: time.Since(start)}
	for _, r := range parts {
		total.Attempted += r.Attempted
		total.Acked += r.Acked
		total.Unknown += r.Unknown
		for code, n := range r.Rejected {
			total.Rejected[code] += n
		}
		for _, e := range r.Errors {
			if len(total.Errors) < maxErrors {
				total.Errors = append(total.Errors, e)
			}
		}
		total.Latencies = append(total.Latencies, r.Latencies...)
	}
	slices.Sort(total.Latencies)
	return total
}

// Add adds the counts and latencies of o, a later load, to r.
func (r *Result) Add(o *Result) {
	r.Attempted += o.Attempted
	r.Acked += o.Acked
	r.Unknown += o.Unknown
	if r.Rejected == nil {
		r.Rejected = map[int]int{}
	}
	for code, n := range o.Rejected {
		r.Rejected[code] += n
	}
	for _, e := range o.Errors {
		if len(r.Errors) < maxErrors {
			r.Errors = append(r.Errors, e)
		}
	}
	r.Elapsed += o.Elapsed
	r.Latencies = append(r.Latencies, o.Latencies...)
	slices.Sort(r.Latencies)
}

// Failed is the number of requests not acknowledged.
func (r *Result) Failed() int { return r.Attempted - r.Acked }

// Rate is acknowledged responses per second.
func (r *Result) Rate() float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	return float64(r.Acked) / r.Elapsed.Seconds()
}

// Percentile returns the latency below which p (0–100) per cent of the
// acknowledged requests were answered (nearest rank), 0 without any.
func (r *Result) Percentile(p float64) time.Duration {
	n := len(r.Latencies)
	if n == 0 {
		return 0
	}
	k := int(float64(n)*p/100+0.999999) - 1
	return r.Latencies[min(max(k, 0), n-1)]
}

// Summary is one line: throughput and latency.
func (r *Result) Summary() string {
	s := fmt.Sprintf("%d acknowledged in %.2fs: %.0f/s; latency p50 %s, p95 %s, p99 %s, max %s",
		r.Acked, r.Elapsed.Seconds(), r.Rate(),
		ms(r.Percentile(50)), ms(r.Percentile(95)), ms(r.Percentile(99)), ms(r.Percentile(100)))
	if f := r.Failed(); f > 0 {
		s += fmt.Sprintf("; %d not acknowledged (%d unknown, rejected %v)", f, r.Unknown, r.Rejected)
	}
	return s
}

// ms writes a duration in milliseconds with a sensible precision.
func ms(d time.Duration) string {
	m := float64(d) / float64(time.Millisecond)
	switch {
	case m < 10:
		return fmt.Sprintf("%.2fms", m)
	case m < 100:
		return fmt.Sprintf("%.1fms", m)
	}
	return fmt.Sprintf("%.0fms", m)
}
