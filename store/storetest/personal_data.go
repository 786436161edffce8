package storetest

import (
	"testing"

	"github.com/triada-kpss/triada/engine"
)

func (s *suite) personalData(t *testing.T) {
	t.Run("ListCommentsByEmail", func(t *testing.T) {
		s.test(t, "AcrossConsultations", func(t *testing.T, st engine.Store) {
			mustCreateConsultation(t, st, "kp")
			mustCreateConsultation(t, st, "kp2")
			first := mustCreateComment(t, st, "c1", "kp", 1)
			other := comment("c2", "kp", 2)
			other.Author.Email, other.CreatedAt = "jana@example.cz", at(11, 9)
			noErr(t, "CreateComment", st.CreateComment(ctx, other))
			later := comment("c3", "kp2", 1)
			later.CreatedAt = at(12, 9)
			noErr(t, "CreateComment", st.CreateComment(ctx, later))

			got, err := st.ListCommentsByEmail(ctx, "petr@example.cz")
			noErr(t, "ListCommentsByEmail", err)
			wantEqual(t, "comments of petr@example.cz", got, []*engine.Comment{first, later})
			got, err = st.ListCommentsByEmail(ctx, "nikdo@example.cz")
			noErr(t, "ListCommentsByEmail of an unknown address", err)
			wantEqual(t, "comments of nobody", len(got), 0)
		})
	})
	t.Run("OutboxTo", func(t *testing.T) {
		s.test(t, "ListAndDelete", func(t *testing.T, st engine.Store) {
			older, newer, other := mail("receipt:c1", at(1, 9)), mail("outcome:c1", at(2, 9)), mail("receipt:c2", at(1, 10))
			other.To = "petr@example.cz"
			for _, m := range []*engine.OutboxMessage{older, newer, other} {
				mustQueue(t, st, m)
			}
			got, err := st.ListOutboxTo(ctx, "jana@example.cz")
			noErr(t, "ListOutboxTo", err)
			wantEqual(t, "messages to jana@example.cz", claimIDs(got), []string{"outcome:c1", "receipt:c1"})

			n, err := st.DeleteOutboxTo(ctx, "jana@example.cz")
			noErr(t, "DeleteOutboxTo", err)
			wantEqual(t, "deleted", n, 2)
			_, err = st.FindOutbox(ctx, "receipt:c1")
			wantErr(t, "FindOutbox of a deleted message", err, engine.ErrNotFound)
			wantEqual(t, "the other address's message", mustFindOutbox(t, st, "receipt:c2").To, "petr@example.cz")
			n, err = st.DeleteOutboxTo(ctx, "jana@example.cz")
			noErr(t, "DeleteOutboxTo again", err)
			wantEqual(t, "deleted again", n, 0)
		})
	})
}
