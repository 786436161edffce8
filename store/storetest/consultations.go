package storetest

import (
	"slices"
	"sync"
	"testing"

	"github.com/triada-kpss/triada/engine"
)

func (s *suite) consultations(t *testing.T) {
	t.Run("CreateConsultation", func(t *testing.T) {
		s.test(t, "RoundTrip", func(t *testing.T, st engine.Store) {
			want := consultation("kp-2028")
			noErr(t, "CreateConsultation", st.CreateConsultation(ctx, want))
			got, err := st.FindConsultation(ctx, "kp-2028")
			noErr(t, "FindConsultation", err)
			wantEqual(t, "consultation", got, want)
		})
		s.test(t, "RoundTripPublished", func(t *testing.T, st engine.Store) {
			want := consultation("kp-2028")
			want.PublishedAt, want.Sections = ptr(at(20, 16)), nil
			noErr(t, "CreateConsultation", st.CreateConsultation(ctx, want))
			got, err := st.FindConsultation(ctx, "kp-2028")
			noErr(t, "FindConsultation", err)
			wantEqual(t, "consultation", got, want)
		})
		s.test(t, "RoundTripAttachments", func(t *testing.T, st engine.Store) {
			want := consultation("kp-2028")
			want.Attachments = []engine.Attachment{
				{Title: "Plán v PDF", URL: "https://slany.cz/kpss/plan-2028.pdf"},
				{Title: "Analýza potřeb", URL: "http://slany.cz/kpss/analyza?rok=2027&typ=1"},
			}
			noErr(t, "CreateConsultation", st.CreateConsultation(ctx, want))
			got, err := st.FindConsultation(ctx, "kp-2028")
			noErr(t, "FindConsultation", err)
			wantEqual(t, "consultation", got, want)
			list, err := st.ListConsultations(ctx)
			noErr(t, "ListConsultations", err)
			wantEqual(t, "listed consultations", list, []*engine.Consultation{want})
		})
		s.test(t, "ErrDuplicate", func(t *testing.T, st engine.Store) {
			mustCreateConsultation(t, st, "kp-2028")
			wantErr(t, "CreateConsultation twice", st.CreateConsultation(ctx, consultation("kp-2028")), engine.ErrDuplicate)
		})
	})

	t.Run("FindConsultation", func(t *testing.T) {
		s.test(t, "ErrNotFound", func(t *testing.T, st engine.Store) {
			mustCreateConsultation(t, st, "kp-2028")
			_, err := st.FindConsultation(ctx, "kp-2032")
			wantErr(t, "FindConsultation", err, engine.ErrNotFound)
		})
	})

	t.Run("ListConsultations", func(t *testing.T) {
		s.test(t, "OrderedByID", func(t *testing.T, st engine.Store) {
			b := mustCreateConsultation(t, st, "b")
			c := mustCreateConsultation(t, st, "c")
			a := mustCreateConsultation(t, st, "a")
			got, err := st.ListConsultations(ctx)
			noErr(t, "ListConsultations", err)
			wantEqual(t, "consultations", got, []*engine.Consultation{a, b, c})
		})
	})

	t.Run("PublishConsultation", func(t *testing.T) {
		s.test(t, "OK", func(t *testing.T, st engine.Store) {
			want := mustCreateConsultation(t, st, "kp-2028")
			other := mustCreateConsultation(t, st, "kp-2032")
			noErr(t, "PublishConsultation", st.PublishConsultation(ctx, "kp-2028", at(20, 16)))
			want.PublishedAt = ptr(at(20, 16))
			got, err := st.FindConsultation(ctx, "kp-2028")
			noErr(t, "FindConsultation", err)
			wantEqual(t, "consultation", got, want)
			got, err = st.FindConsultation(ctx, "kp-2032")
			noErr(t, "FindConsultation", err)
			wantEqual(t, "the other consultation", got, other)
		})
		s.test(t, "ErrConflict", func(t *testing.T, st engine.Store) {
			mustCreateConsultation(t, st, "kp-2028")
			noErr(t, "PublishConsultation", st.PublishConsultation(ctx, "kp-2028", at(20, 16)))
			wantErr(t, "PublishConsultation again", st.PublishConsultation(ctx, "kp-2028", at(21, 9)), engine.ErrConflict)
			got, err := st.FindConsultation(ctx, "kp-2028")
			noErr(t, "FindConsultation", err)
			if got.PublishedAt == nil || !got.PublishedAt.Truncate(ms).Equal(at(20, 16).Truncate(ms)) {
				t.Fatalf("PublishedAt after a second publish: %v, want the first", got.PublishedAt)
			}
		})
		s.test(t, "ErrNotFound", func(t *testing.T, st engine.Store) {
			wantErr(t, "PublishConsultation", st.PublishConsultation(ctx, "kp-2028", at(20, 16)), engine.ErrNotFound)
		})
		s.test(t, "Concurrent", func(t *testing.T, st engine.Store) {
			mustCreateConsultation(t, st, "kp-2028")
			const n = 8
			errs := make([]error, n)
			var wg sync.WaitGroup
			for i := range n {
				wg.Go(func() { errs[i] = st.PublishConsultation(ctx, "kp-2028", at(20, i)) })
			}
			wg.Wait()
			wantOneWinner(t, errs)
		})
	})

	t.Run("NextCommentNumber", func(t *testing.T) {
		s.test(t, "Sequence", func(t *testing.T, st engine.Store) {
			mustCreateConsultation(t, st, "a")
			mustCreateConsultation(t, st, "b")
			for _, want := range []struct {
				id string
				n  int
			}{{"a", 1}, {"a", 2}, {"b", 1}, {"a", 3}, {"b", 2}} {
				n, err := st.NextCommentNumber(ctx, want.id)
				noErr(t, "NextCommentNumber", err)
				if n != want.n {
					t.Fatalf("NextCommentNumber(%s): got %d, want %d", want.id, n, want.n)
				}
			}
		})
		s.test(t, "ErrNotFound", func(t *testing.T, st engine.Store) {
			_, err := st.NextCommentNumber(ctx, "kp-2028")
			wantErr(t, "NextCommentNumber", err, engine.ErrNotFound)
		})
		s.test(t, "Concurrent", func(t *testing.T, st engine.Store) {
			mustCreateConsultation(t, st, "kp-2028")
			const writers, each = 8, 10
			got := make([][]int, writers)
			var wg sync.WaitGroup
			for w := range writers {
				wg.Go(func() {
					for range each {
						n, err := st.NextCommentNumber(ctx, "kp-2028")
						if err != nil {
							t.Errorf("NextCommentNumber: %v", err)
							return
						}
						got[w] = append(got[w], n)
					}
				})
			}
			wg.Wait()
			all := slices.Sorted(slices.Values(slices.Concat(got...)))
			for i, n := range all {
				if n != i+1 {
					t.Fatalf("numbers are not 1..%d, each once: %v", writers*each, all)
				}
			}
			if len(all) != writers*each {
				t.Fatalf("got %d numbers, want %d", len(all), writers*each)
			}
		})
	})
}
