package storetest

import (
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/triada-kpss/triada/engine"
)

// wantOneWinner fails unless exactly one of errs is nil and the others are
// ErrConflict; it returns the winner's index.
func wantOneWinner(t *testing.T, errs []error) int {
	t.Helper()
	winner := -1
	for i, err := range errs {
		switch {
		case err == nil && winner >= 0:
			t.Fatalf("writers %d and %d both succeeded", winner, i)
		case err == nil:
			winner = i
		case !errors.Is(err, engine.ErrConflict):
			t.Fatalf("writer %d: got %v, want nil or ErrConflict", i, err)
		}
	}
	if winner < 0 {
		t.Fatalf("no writer succeeded: %v", errs)
	}
	return winner
}

// decided returns c as a coordinator's decision by user makes it.
func decided(c *engine.Comment, user string) *engine.Comment {
	d := *c
	d.State, d.Relevance, d.Groups = engine.CommentDecided, engine.Relevant, []string{"seniori", "rodiny"}
	d.Outcome, d.Response = "partially-accepted", "Víkendový provoz doplníme od roku 2029 ("+user+")."
	d.History = append(append([]engine.Change(nil), c.History...),
		engine.Change{At: at(15, 10), UserID: user, From: "received", To: "decided", Note: "rozhodnuto"})
	d.Version = c.Version + 1
	return &d
}

func (s *suite) comments(t *testing.T) {
	t.Run("CreateComment", func(t *testing.T) {
		s.test(t, "RoundTrip", func(t *testing.T, st engine.Store) {
			mustCreateConsultation(t, st, "kp")
			want := comment("c1", "kp", 1)
			noErr(t, "CreateComment", st.CreateComment(ctx, want))
			got, err := st.FindComment(ctx, "c1")
			noErr(t, "FindComment", err)
			wantEqual(t, "comment", got, want)
		})
		s.test(t, "ErrDuplicateID", func(t *testing.T, st engine.Store) {
			mustCreateConsultation(t, st, "kp")
			mustCreateComment(t, st, "c1", "kp", 1)
			wantErr(t, "CreateComment with the same id", st.CreateComment(ctx, comment("c1", "kp", 2)), engine.ErrDuplicate)
		})
		s.test(t, "ErrDuplicateReference", func(t *testing.T, st engine.Store) {
			mustCreateConsultation(t, st, "kp")
			mustCreateComment(t, st, "c1", "kp", 1)
			again := comment("c2", "kp", 2)
			again.Reference = "P-2027-001"
			wantErr(t, "CreateComment with the same reference", st.CreateComment(ctx, again), engine.ErrDuplicate)
			_, err := st.FindComment(ctx, "c2")
			wantErr(t, "FindComment of the duplicate", err, engine.ErrNotFound)
		})
		// References are numbered per consultation ("P-2027-001"), so two
		// consultations of one year share them.
		s.test(t, "SameReferenceOtherConsultation", func(t *testing.T, st engine.Store) {
			mustCreateConsultation(t, st, "kp")
			mustCreateConsultation(t, st, "kp2")
			mustCreateComment(t, st, "c1", "kp", 1)
			mustCreateComment(t, st, "c2", "kp2", 1)
		})
	})

	t.Run("FindComment", func(t *testing.T) {
		s.test(t, "ErrNotFound", func(t *testing.T, st engine.Store) {
			mustCreateConsultation(t, st, "kp")
			mustCreateComment(t, st, "c1", "kp", 1)
			_, err := st.FindComment(ctx, "c2")
			wantErr(t, "FindComment", err, engine.ErrNotFound)
		})
	})

	t.Run("ListComments", func(t *testing.T) {
		s.test(t, "OrderedByNumber", func(t *testing.T, st engine.Store) {
			mustCreateConsultation(t, st, "kp")
			mustCreateConsultation(t, st, "kp2")
			var want []*engine.Comment
			for _, n := range []int{3, 1, 10, 2} {
				c := mustCreateComment(t, st, fmt.Sprint("c", 100-n), "kp", n)
				want = append(want, c)
			}
			mustCreateComment(t, st, "other", "kp2", 1)
			want = []*engine.Comment{want[1], want[3], want[0], want[2]}
			got, err := st.ListComments(ctx, "kp")
			noErr(t, "ListComments", err)
			wantEqual(t, "comments", got, want)
		})
		s.test(t, "Empty", func(t *testing.T, st engine.Store) {
			mustCreateConsultation(t, st, "kp")
			got, err := st.ListComments(ctx, "kp")
			noErr(t, "ListComments", err)
			if len(got) != 0 {
				t.Fatalf("got %d comments of a consultation without any", len(got))
			}
		})
	})

	t.Run("UpdateComment", func(t *testing.T) {
		s.test(t, "OK", func(t *testing.T, st engine.Store) {
			mustCreateConsultation(t, st, "kp")
			c := mustCreateComment(t, st, "c1", "kp", 1)
			other := mustCreateComment(t, st, "c2", "kp", 2)
			want := decided(c, "u1")
			noErr(t, "UpdateComment", st.UpdateComment(ctx, want, c.Version))
			got, err := st.FindComment(ctx, "c1")
			noErr(t, "FindComment", err)
			wantEqual(t, "comment", got, want)
			got, err = st.FindComment(ctx, "c2")
			noErr(t, "FindComment", err)
			wantEqual(t, "the other comment", got, other)
		})
		s.test(t, "ErrConflict", func(t *testing.T, st engine.Store) {
			mustCreateConsultation(t, st, "kp")
			c := mustCreateComment(t, st, "c1", "kp", 1)
			first := decided(c, "u1")
			noErr(t, "UpdateComment", st.UpdateComment(ctx, first, c.Version))
			wantErr(t, "UpdateComment from a stale version", st.UpdateComment(ctx, decided(c, "u2"), c.Version), engine.ErrConflict)
			got, err := st.FindComment(ctx, "c1")
			noErr(t, "FindComment", err)
			wantEqual(t, "comment", got, first)
		})
		s.test(t, "ErrNotFound", func(t *testing.T, st engine.Store) {
			mustCreateConsultation(t, st, "kp")
			mustCreateComment(t, st, "c1", "kp", 1)
			wantErr(t, "UpdateComment", st.UpdateComment(ctx, decided(comment("c2", "kp", 2), "u1"), 1), engine.ErrNotFound)
		})
		s.test(t, "Concurrent", func(t *testing.T, st engine.Store) {
			mustCreateConsultation(t, st, "kp")
			c := mustCreateComment(t, st, "c1", "kp", 1)
			const n = 8
			errs := make([]error, n)
			updates := make([]*engine.Comment, n)
			var wg sync.WaitGroup
			for i := range n {
				updates[i] = decided(c, fmt.Sprint("u", i))
				wg.Go(func() { errs[i] = st.UpdateComment(ctx, updates[i], c.Version) })
			}
			wg.Wait()
			winner := wantOneWinner(t, errs)
			got, err := st.FindComment(ctx, "c1")
			noErr(t, "FindComment", err)
			wantEqual(t, "comment", got, updates[winner])
		})
	})
}
