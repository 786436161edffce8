package handlers

import (
	"math"
	"sync"
	"time"
)

// limiter counts actions per key (a client address) in memory, as token
// buckets of n actions refilled over per. Each instance of Triada counts
// on its own. A nil limiter allows everything.
type limiter struct {
	mu      sync.Mutex
	n       float64
	per     time.Duration
	now     func() time.Time
	buckets map[string]*bucket
}

type bucket struct {
	tokens float64
	at     time.Time
}

// maxBuckets bounds the memory: past it, full buckets are forgotten.
const maxBuckets = 10_000

// newLimiter returns a limiter of n actions per period, or nil for n < 0.
func newLimiter(n int, per time.Duration, now func() time.Time) *limiter {
	if n < 0 {
		return nil
	}
	return &limiter{n: float64(n), per: per, now: now, buckets: map[string]*bucket{}}
}

// allow takes one action from key's bucket. When it is empty it returns
// false and how long until one action is allowed again.
func (l *limiter) allow(key string) (bool, time.Duration) {
	if l == nil {
		return true, 0
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	b := l.buckets[key]
	if b == nil {
		if len(l.buckets) >= maxBuckets {
			l.prune(now)
		}
		b = &bucket{tokens: l.n, at: now}
		l.buckets[key] = b
	}
	b.tokens = math.Min(l.n, b.tokens+l.refill(now.Sub(b.at)))
	b.at = now
	if b.tokens >= 1 {
		b.tokens--
		return true, 0
	}
	wait := time.Duration((1 - b.tokens) / l.n * float64(l.per))
	return false, max(wait, time.Second)
}

func (l *limiter) refill(elapsed time.Duration) float64 {
	if elapsed <= 0 || l.per <= 0 {
		return 0
	}
	return l.n * float64(elapsed) / float64(l.per)
}

// prune forgets the buckets that have refilled.
func (l *limiter) prune(now time.Time) {
	for k, b := range l.buckets {
		if b.tokens+l.refill(now.Sub(b.at)) >= l.n {
			delete(l.buckets, k)
		}
	}
}

// blocked reports whether key's bucket is empty, without taking an
// action from it, and how long until it is not: for limits on failures,
// which are counted (allow) only once they happened.
func (l *limiter) blocked(key string) (bool, time.Duration) {
	if l == nil {
		return false, 0
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.buckets[key]
	if b == nil {
		return false, 0
	}
	now := l.now()
	tokens := math.Min(l.n, b.tokens+l.refill(now.Sub(b.at)))
	if tokens >= 1 {
		return false, 0
	}
	return true, max(time.Duration((1-tokens)/l.n*float64(l.per)), time.Second)
}
