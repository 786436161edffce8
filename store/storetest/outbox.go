package storetest

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/triada-kpss/triada/engine"
)

// mail returns a queued message due at the time.
func mail(id string, due time.Time) *engine.OutboxMessage {
	return &engine.OutboxMessage{
		Mail: engine.Mail{ID: id, To: "jana@example.cz", Subject: "Potvrzení připomínky P-2027-001 – žluťoučký kůň",
			Text: "Dobrý den,\nděkujeme za připomínku.\n", Cause: "comment:c1"},
		State: engine.MailQueued, NextAttemptAt: due, CreatedAt: due,
	}
}

// held returns a held message.
func held(id string, heldAt time.Time) *engine.OutboxMessage {
	m := mail(id, heldAt)
	m.State, m.Condition, m.HeldAt = engine.MailHeld, "comment:c1", heldAt
	return m
}

func mustQueue(t *testing.T, st engine.Store, m *engine.OutboxMessage) {
	t.Helper()
	noErr(t, "QueueOutbox "+m.ID, st.QueueOutbox(ctx, m))
}

func mustFindOutbox(t *testing.T, st engine.Store, id string) *engine.OutboxMessage {
	t.Helper()
	m, err := st.FindOutbox(ctx, id)
	noErr(t, "FindOutbox "+id, err)
	return m
}

func claimIDs(ms []*engine.OutboxMessage) []string {
	ids := []string{}
	for _, m := range ms {
		ids = append(ids, m.ID)
	}
	return ids
}

func (s *suite) outbox(t *testing.T) {
	t.Run("QueueOutbox", func(t *testing.T) {
		s.test(t, "RoundTrip", func(t *testing.T, st engine.Store) {
			want := mail("receipt:c1", at(1, 9))
			mustQueue(t, st, want)
			wantEqual(t, "message", mustFindOutbox(t, st, "receipt:c1"), want)
			_, err := st.FindOutbox(ctx, "nothing")
			wantErr(t, "FindOutbox of an unknown id", err, engine.ErrNotFound)
		})
		s.test(t, "SameIDKeepsTheFirst", func(t *testing.T, st engine.Store) {
			first := mail("receipt:c1", at(1, 9))
			mustQueue(t, st, first)
			second := mail("receipt:c1", at(2, 9))
			second.Subject = "another"
			mustQueue(t, st, second)
			wantEqual(t, "message", mustFindOutbox(t, st, "receipt:c1"), first)
			all, err := st.ListOutbox(ctx, "", 10)
			noErr(t, "ListOutbox", err)
			if len(all) != 1 {
				t.Fatalf("ListOutbox: %d messages, want 1", len(all))
			}
		})
		s.test(t, "HeldAgainRefreshesHeldAt", func(t *testing.T, st engine.Store) {
			mustQueue(t, st, held("m", at(1, 9)))
			mustQueue(t, st, held("m", at(1, 11)))
			if got := mustFindOutbox(t, st, "m").HeldAt; !got.Equal(at(1, 11).Truncate(ms)) {
				t.Fatalf("HeldAt = %v, want %v", got, at(1, 11))
			}
			// A released message is not held again.
			noErr(t, "ReleaseOutbox", st.ReleaseOutbox(ctx, "m", at(1, 12)))
			mustQueue(t, st, held("m", at(1, 13)))
			if got := mustFindOutbox(t, st, "m"); got.State != engine.MailQueued || !got.HeldAt.IsZero() {
				t.Fatalf("after holding a released message again: state %q, held at %v; want queued, zero", got.State, got.HeldAt)
			}
		})
	})
	t.Run("Held", func(t *testing.T) {
		s.test(t, "ReleaseAndDrop", func(t *testing.T, st engine.Store) {
			mustQueue(t, st, held("old", at(1, 8)))
			mustQueue(t, st, held("new", at(1, 10)))
			mustQueue(t, st, mail("ready", at(1, 7)))
			got, err := st.ListHeldOutbox(ctx, at(1, 9), 10)
			noErr(t, "ListHeldOutbox", err)
			wantEqual(t, "held before 9:30", claimIDs(got), []string{"old"})
			// Held messages are never claimed.
			claimed, err := st.ClaimOutbox(ctx, at(2, 0), "w", time.Minute, 10)
			noErr(t, "ClaimOutbox", err)
			wantEqual(t, "claimed", claimIDs(claimed), []string{"ready"})
			noErr(t, "ReleaseOutbox", st.ReleaseOutbox(ctx, "new", at(1, 11)))
			m := mustFindOutbox(t, st, "new")
			if m.State != engine.MailQueued || !m.NextAttemptAt.Equal(at(1, 11).Truncate(ms)) || !m.HeldAt.IsZero() {
				t.Fatalf("released: state %q, next %v, held at %v", m.State, m.NextAttemptAt, m.HeldAt)
			}
			noErr(t, "ReleaseOutbox again", st.ReleaseOutbox(ctx, "new", at(1, 12)))
			noErr(t, "ReleaseOutbox unknown", st.ReleaseOutbox(ctx, "nothing", at(1, 12)))
			// Drop only what is held since before the cut.
			noErr(t, "DropHeldOutbox too young", st.DropHeldOutbox(ctx, "old", at(1, 7)))
			mustFindOutbox(t, st, "old")
			noErr(t, "DropHeldOutbox released", st.DropHeldOutbox(ctx, "new", at(3, 0)))
			mustFindOutbox(t, st, "new")
			noErr(t, "DropHeldOutbox", st.DropHeldOutbox(ctx, "old", at(1, 9)))
			_, err = st.FindOutbox(ctx, "old")
			wantErr(t, "FindOutbox of a dropped message", err, engine.ErrNotFound)
		})
	})
	t.Run("ClaimOutbox", func(t *testing.T) {
		s.test(t, "DueOnlyWithLease", func(t *testing.T, st engine.Store) {
			mustQueue(t, st, mail("a", at(1, 9)))
			mustQueue(t, st, mail("b", at(1, 10)))
			mustQueue(t, st, mail("later", at(5, 9)))
			got, err := st.ClaimOutbox(ctx, at(2, 0), "w1", time.Minute, 10)
			noErr(t, "ClaimOutbox", err)
			wantEqual(t, "claimed", claimIDs(got), []string{"a", "b"})
			for _, m := range got {
				if m.State != engine.MailSending || m.Claim != "w1" || m.Attempts != 1 || !m.LeaseUntil.Equal(at(2, 0).Add(time.Minute).Truncate(ms)) {
					t.Fatalf("claimed %+v", m)
				}
			}
			again, err := st.ClaimOutbox(ctx, at(2, 0).Add(30*time.Second), "w2", time.Minute, 10)
			noErr(t, "ClaimOutbox within the lease", err)
			wantEqual(t, "claimed within the lease", claimIDs(again), []string{})
			// The lease of w1 ends: w2 takes the messages over.
			over, err := st.ClaimOutbox(ctx, at(2, 0).Add(2*time.Minute), "w2", time.Minute, 1)
			noErr(t, "ClaimOutbox after the lease", err)
			if len(over) != 1 || over[0].Claim != "w2" || over[0].Attempts != 2 {
				t.Fatalf("claimed after the lease: %+v", over)
			}
			wantErr(t, "SettleOutbox by the worker whose lease ended",
				st.SettleOutbox(ctx, over[0].ID, "w1", engine.MailSent, "", at(2, 1), at(2, 1)), engine.ErrConflict)
			noErr(t, "SettleOutbox", st.SettleOutbox(ctx, over[0].ID, "w2", engine.MailSent, "", at(2, 1), at(2, 1)))
			m := mustFindOutbox(t, st, over[0].ID)
			if m.State != engine.MailSent || !m.SentAt.Equal(at(2, 1).Truncate(ms)) || m.Claim != "" || !m.LeaseUntil.IsZero() {
				t.Fatalf("sent: %+v", m)
			}
			wantErr(t, "SettleOutbox of an unknown id", st.SettleOutbox(ctx, "nothing", "w2", engine.MailSent, "", at(2, 1), at(2, 1)), engine.ErrNotFound)
		})
		s.test(t, "ConcurrentWorkersClaimEachOnce", func(t *testing.T, st engine.Store) {
			const n, workers = 30, 4
			for i := range n {
				mustQueue(t, st, mail(fmt.Sprintf("m%02d", i), at(1, 9)))
			}
			var mu sync.Mutex
			seen := map[string]string{}
			var wg sync.WaitGroup
			errs := make(chan error, workers)
			for w := range workers {
				wg.Add(1)
				go func() {
					defer wg.Done()
					name := fmt.Sprintf("w%d", w)
					for {
						got, err := st.ClaimOutbox(ctx, at(2, 0), name, time.Hour, 3)
						if err != nil {
							errs <- err
							return
						}
						if len(got) == 0 {
							return
						}
						for _, m := range got {
							mu.Lock()
							if other, ok := seen[m.ID]; ok {
								mu.Unlock()
								errs <- fmt.Errorf("%s claimed by %s and %s", m.ID, other, name)
								return
							}
							seen[m.ID] = name
							mu.Unlock()
							if err := st.SettleOutbox(ctx, m.ID, name, engine.MailSent, "", at(2, 0), at(2, 0)); err != nil {
								errs <- err
								return
							}
						}
					}
				}()
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				t.Fatal(err)
			}
			if len(seen) != n {
				t.Fatalf("%d messages claimed, want %d", len(seen), n)
			}
		})
	})
	t.Run("Settle", func(t *testing.T) {
		s.test(t, "RetryAndFail", func(t *testing.T, st engine.Store) {
			mustQueue(t, st, mail("m", at(1, 9)))
			got, err := st.ClaimOutbox(ctx, at(1, 10), "w", time.Minute, 1)
			noErr(t, "ClaimOutbox", err)
			noErr(t, "SettleOutbox retry", st.SettleOutbox(ctx, "m", "w", engine.MailQueued, "451 try later", at(1, 12), at(1, 10)))
			m := mustFindOutbox(t, st, "m")
			if m.State != engine.MailQueued || m.LastError != "451 try later" || !m.NextAttemptAt.Equal(at(1, 12).Truncate(ms)) || m.Attempts != 1 {
				t.Fatalf("after a retry: %+v", m)
			}
			wantErr(t, "SettleOutbox twice", st.SettleOutbox(ctx, "m", got[0].Claim, engine.MailSent, "", at(1, 10), at(1, 10)), engine.ErrConflict)
			if early, _ := st.ClaimOutbox(ctx, at(1, 11), "w", time.Minute, 1); len(early) != 0 {
				t.Fatal("claimed before its next attempt")
			}
			wantErr(t, "RetryOutbox of a queued message", st.RetryOutbox(ctx, "m", at(1, 12)), engine.ErrConflict)
			got, err = st.ClaimOutbox(ctx, at(1, 12), "w", time.Minute, 1)
			noErr(t, "ClaimOutbox", err)
			if len(got) != 1 || got[0].Attempts != 2 {
				t.Fatalf("second claim: %+v", got)
			}
			noErr(t, "SettleOutbox failed", st.SettleOutbox(ctx, "m", "w", engine.MailFailed, "550 no such user", at(1, 12), at(1, 12)))
			failed, err := st.ListOutbox(ctx, engine.MailFailed, 10)
			noErr(t, "ListOutbox failed", err)
			wantEqual(t, "failed", claimIDs(failed), []string{"m"})
			if none, _ := st.ClaimOutbox(ctx, at(9, 0), "w", time.Minute, 1); len(none) != 0 {
				t.Fatal("a failed message was claimed")
			}
			noErr(t, "RetryOutbox", st.RetryOutbox(ctx, "m", at(1, 13)))
			m = mustFindOutbox(t, st, "m")
			if m.State != engine.MailQueued || m.Attempts != 0 || m.LastError != "550 no such user" {
				t.Fatalf("retried: %+v", m)
			}
			wantErr(t, "RetryOutbox unknown", st.RetryOutbox(ctx, "nothing", at(1, 13)), engine.ErrNotFound)
		})
		s.test(t, "ListByState", func(t *testing.T, st engine.Store) {
			mustQueue(t, st, mail("a", at(1, 9)))
			mustQueue(t, st, mail("b", at(2, 9)))
			mustQueue(t, st, held("c", at(3, 9)))
			all, err := st.ListOutbox(ctx, "", 10)
			noErr(t, "ListOutbox", err)
			wantEqual(t, "all, latest first", claimIDs(all), []string{"c", "b", "a"})
			queued, err := st.ListOutbox(ctx, engine.MailQueued, 1)
			noErr(t, "ListOutbox queued", err)
			wantEqual(t, "queued, limit 1", claimIDs(queued), []string{"b"})
		})
	})
}
