package mail

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"

	"github.com/triada-kpss/triada/engine"
)

// Defaults of a Worker.
const (
	DefaultInterval    = 5 * time.Second
	DefaultLease       = 5 * time.Minute
	DefaultBatch       = 10
	DefaultMaxAttempts = 8
	DefaultBackoff     = time.Minute
	DefaultMaxBackoff  = 6 * time.Hour
	DefaultSendTimeout = time.Minute
)

// Worker sends the outbox: every Interval it releases or drops held
// messages (engine.SweepHeldMail), claims the messages that are due,
// sends each and records the outcome. A failed attempt is tried again
// after Backoff, doubling each time up to MaxBackoff; after MaxAttempts,
// or at once on a permanent error, the message is failed and waits for
// a coordinator's retry. Any number of workers, in one process or many,
// may share one store: each message is claimed by one worker at a time,
// for Lease, which must be longer than SendTimeout.
type Worker struct {
	Engine *engine.Engine
	Sender Sender
	Logger *slog.Logger

	Interval    time.Duration
	Lease       time.Duration
	Batch       int
	MaxAttempts int
	Backoff     time.Duration
	MaxBackoff  time.Duration
	SendTimeout time.Duration

	claim string
	once  sync.Once
	wake  chan struct{}
	stop  context.CancelFunc
	done  chan struct{}
}

// Wake makes a running worker look at the outbox now rather than at its
// next tick; it never blocks. engine.Options.MailReady calls it.
func (w *Worker) Wake() {
	w.defaults()
	select {
	case w.wake <- struct{}{}:
	default: // a look is due already
	}
}

func (w *Worker) defaults() {
	w.once.Do(func() {
		set := func(d *time.Duration, def time.Duration) {
			if *d <= 0 {
				*d = def
			}
		}
		set(&w.Interval, DefaultInterval)
		set(&w.Lease, DefaultLease)
		set(&w.Backoff, DefaultBackoff)
		set(&w.MaxBackoff, DefaultMaxBackoff)
		set(&w.SendTimeout, DefaultSendTimeout)
		if w.Batch <= 0 {
			w.Batch = DefaultBatch
		}
		if w.MaxAttempts <= 0 {
			w.MaxAttempts = DefaultMaxAttempts
		}
		if w.Logger == nil {
			w.Logger = slog.New(slog.DiscardHandler)
		}
		w.claim = engine.NewID()
		w.wake = make(chan struct{}, 1)
	})
}

// Start runs the worker in a goroutine until Stop.
func (w *Worker) Start() {
	w.defaults()
	ctx, cancel := context.WithCancel(context.Background())
	w.stop, w.done = cancel, make(chan struct{})
	go func() {
		defer close(w.done)
		w.Run(ctx)
	}()
}

// Stop stops a started worker and waits until it has stopped: a message
// being sent is finished (within SendTimeout), the rest of its batch is
// put back in the queue, untouched.
func (w *Worker) Stop() {
	if w.stop == nil {
		return
	}
	w.stop()
	<-w.done
	w.stop = nil
}

// Run works until ctx is done.
func (w *Worker) Run(ctx context.Context) {
	w.defaults()
	tick := time.NewTicker(w.Interval)
	defer tick.Stop()
	for {
		if _, err := w.RunOnce(ctx); err != nil && ctx.Err() == nil {
			w.Logger.Warn("the outbox worker could not read the outbox; it tries again", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		case <-w.wake:
		}
	}
}

// RunOnce sweeps the held messages and sends batches of due messages
// until none is due or ctx is done; it returns how many it sent.
func (w *Worker) RunOnce(ctx context.Context) (int, error) {
	w.defaults()
	if released, dropped, err := w.Engine.SweepHeldMail(ctx); err != nil {
		return 0, err
	} else if released+dropped > 0 {
		w.Logger.Info("held e-mails whose action was interrupted", "released", released, "dropped", dropped)
	}
	sent := 0
	for ctx.Err() == nil {
		batch, err := w.Engine.ClaimMail(ctx, w.claim, w.Lease, w.Batch)
		if err != nil {
			return sent, err
		}
		if len(batch) == 0 {
			return sent, nil
		}
		for i, m := range batch {
			if ctx.Err() != nil {
				w.putBack(batch[i:])
				return sent, nil
			}
			if w.deliver(m) {
				sent++
			}
		}
	}
	return sent, nil
}

// deliver sends one claimed message and records the outcome; it reports
// whether the message was sent. It does not stop halfway when the
// worker is stopped: the send has its own timeout.
func (w *Worker) deliver(m *engine.OutboxMessage) bool {
	ctx, cancel := context.WithTimeout(context.Background(), w.SendTimeout)
	defer cancel()
	log := w.Logger.With("id", m.ID, "cause", m.Cause, "attempt", m.Attempts)
	err := w.Sender.Send(ctx, m)
	if err == nil {
		if err := w.Engine.MailSent(ctx, m); err != nil {
			// Sent, but the claim had ended: another worker may send it
			// too. The lease is meant to be far longer than a send.
			log.Warn("e-mail sent, but recording it failed", "err", err)
		} else {
			log.Info("e-mail sent")
		}
		return true
	}
	final := IsPermanent(err) || m.Attempts >= w.MaxAttempts
	next := w.Engine.Now().Add(w.backoff(m.Attempts))
	if rerr := w.Engine.MailNotSent(ctx, m, err, next, final); rerr != nil && !errors.Is(rerr, engine.ErrConflict) {
		log.Warn("recording a failed e-mail failed", "err", rerr)
	}
	if final {
		log.Error("e-mail failed; a coordinator can retry it under /work/outbox", "err", err)
	} else {
		log.Warn("e-mail not sent; it will be tried again", "err", err, "next", next)
	}
	return false
}

// backoff is the wait after the attempt-th failed attempt.
func (w *Worker) backoff(attempt int) time.Duration {
	d := w.Backoff
	for i := 1; i < attempt && d < w.MaxBackoff; i++ {
		d *= 2
	}
	return min(d, w.MaxBackoff)
}

// putBack returns claimed messages that were not tried to the queue.
func (w *Worker) putBack(ms []*engine.OutboxMessage) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for _, m := range ms {
		if err := w.Engine.MailReturned(ctx, m); err != nil {
			w.Logger.Warn("could not put an e-mail back in the queue; it is sent when its lease ends", "id", m.ID, "err", err)
		}
	}
}
