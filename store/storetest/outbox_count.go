package storetest

import (
	"testing"

	"github.com/triada-kpss/triada/engine"
)

func (s *suite) outboxCount(t *testing.T) {
	t.Run("CountOutbox", func(t *testing.T) {
		s.test(t, "ByState", func(t *testing.T, st engine.Store) {
			n, err := st.CountOutbox(ctx)
			noErr(t, "CountOutbox of an empty outbox", err)
			wantEqual(t, "counts of an empty outbox", n, map[string]int{})
			for _, m := range []*engine.OutboxMessage{mail("a", at(1, 9)), mail("b", at(1, 9)), held("c", at(1, 9))} {
				mustQueue(t, st, m)
			}
			failed := mail("d", at(1, 9))
			failed.State = engine.MailFailed
			mustQueue(t, st, failed)
			n, err = st.CountOutbox(ctx)
			noErr(t, "CountOutbox", err)
			wantEqual(t, "counts", n, map[string]int{engine.MailQueued: 2, engine.MailHeld: 1, engine.MailFailed: 1})
		})
	})
}
