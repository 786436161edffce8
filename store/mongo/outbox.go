package mongo

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/triada-kpss/triada/engine"
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// colOutbox is the e-mail outbox: one document per message, its _id the
// message's deterministic id.
const colOutbox = "outbox"

func (s *Store) outbox() *mongo.Collection { return s.db.Collection(colOutbox) }

// outboxIndexes serve the workers' search for due messages and the
// staff list; indexes() lists them.
func (s *Store) outboxIndexes() []index {
	return []index{
		{coll: s.outbox(), name: "state_next_attempt", keys: asc("state", "next_attempt_at")},
		{coll: s.outbox(), name: "created_id", keys: asc("created_at", "_id")},
		{coll: s.outbox(), name: "cause", keys: asc("cause")},
		// A person's request about their data finds their e-mails.
		{coll: s.outbox(), name: "to", keys: asc("to")},
	}
}

// outboxDoc is a document of "outbox". Unset times are the zero time.
type outboxDoc struct {
	ID            string    `bson:"_id"`
	To            string    `bson:"to"`
	Subject       string    `bson:"subject"`
	Text          string    `bson:"text"`
	Cause         string    `bson:"cause"`
	State         string    `bson:"state"`
	Condition     string    `bson:"condition"`
	Attempts      int       `bson:"attempts"`
	LastError     string    `bson:"last_error"`
	Claim         string    `bson:"claim"`
	LeaseUntil    time.Time `bson:"lease_until"`
	NextAttemptAt time.Time `bson:"next_attempt_at"`
	HeldAt        time.Time `bson:"held_at"`
	CreatedAt     time.Time `bson:"created_at"`
	SentAt        time.Time `bson:"sent_at"`
}

func (d *outboxDoc) message() (*engine.OutboxMessage, error) {
	unset := func(t time.Time) time.Time {
		if t.IsZero() {
			return time.Time{}
		}
		return t.UTC()
	}
	return &engine.OutboxMessage{
		Mail:  engine.Mail{ID: d.ID, To: d.To, Subject: d.Subject, Text: d.Text, Cause: d.Cause},
		State: d.State, Condition: d.Condition, Attempts: d.Attempts, LastError: d.LastError, Claim: d.Claim,
		LeaseUntil: unset(d.LeaseUntil), NextAttemptAt: d.NextAttemptAt.UTC(), HeldAt: unset(d.HeldAt),
		CreatedAt: d.CreatedAt.UTC(), SentAt: unset(d.SentAt),
	}, nil
}

// QueueOutbox stores m unless its id exists; a held message held again
// gets the new HeldAt. Insert, and on a duplicate refresh a held one;
// when the refresh matches nothing because a sweeper dropped the
// message in between, insert again.
func (s *Store) QueueOutbox(ctx context.Context, m *engine.OutboxMessage) error {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	what := fmt.Sprintf("queue e-mail %q", m.ID)
	doc := &outboxDoc{ID: m.ID, To: m.To, Subject: m.Subject, Text: m.Text, Cause: m.Cause, State: m.State,
		Condition: m.Condition, NextAttemptAt: m.NextAttemptAt, HeldAt: m.HeldAt, CreatedAt: m.CreatedAt}
	for range 3 {
		_, err := s.outbox().InsertOne(ctx, doc)
		if err == nil || !mongo.IsDuplicateKeyError(err) {
			return fail(err, "%s", what)
		}
		if m.State != engine.MailHeld {
			return nil
		}
		res, err := s.outbox().UpdateOne(ctx, bson.D{{Key: "_id", Value: m.ID}, {Key: "state", Value: engine.MailHeld}},
			bson.D{{Key: "$set", Value: bson.D{{Key: "held_at", Value: m.HeldAt}}}})
		if err != nil {
			return fail(err, "%s", what)
		}
		if res.MatchedCount == 1 {
			return nil
		}
		err = s.outbox().FindOne(ctx, byID(m.ID)).Err()
		if err == nil {
			return nil // released meanwhile: keep it as it is
		}
		if !errors.Is(err, mongo.ErrNoDocuments) {
			return fail(err, "%s", what)
		}
	}
	return fmt.Errorf("mongo: %s: it was dropped and queued again repeatedly: %w", what, engine.ErrConflict)
}

// FindOutbox returns the message or ErrNotFound.
func (s *Store) FindOutbox(ctx context.Context, id string) (*engine.OutboxMessage, error) {
	return findOne(ctx, s, s.outbox(), byID(id), (*outboxDoc).message, "find e-mail %q", id)
}

// findOutbox returns up to limit messages matching filter in sort order.
func (s *Store) findOutbox(ctx context.Context, filter, sort bson.D, limit int, what string) ([]*engine.OutboxMessage, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	cur, err := s.outbox().Find(ctx, filter, options.Find().SetSort(sort).SetLimit(int64(limit)))
	if err != nil {
		return nil, fail(err, "%s", what)
	}
	defer cur.Close(ctx)
	out := []*engine.OutboxMessage{}
	for cur.Next(ctx) {
		var d outboxDoc
		if err := cur.Decode(&d); err != nil {
			return nil, fail(err, "%s", what)
		}
		m, _ := d.message()
		out = append(out, m)
	}
	return out, fail(cur.Err(), "%s", what)
}

// ListOutbox returns up to limit messages in the state ("" for all), the
// latest created first.
func (s *Store) ListOutbox(ctx context.Context, state string, limit int) ([]*engine.OutboxMessage, error) {
	filter := bson.D{}
	if state != "" {
		filter = bson.D{{Key: "state", Value: state}}
	}
	return s.findOutbox(ctx, filter, bson.D{{Key: "created_at", Value: -1}, {Key: "_id", Value: 1}}, limit, "list e-mails")
}

// ListHeldOutbox returns up to limit held messages held before
// heldBefore, the oldest first.
func (s *Store) ListHeldOutbox(ctx context.Context, heldBefore time.Time, limit int) ([]*engine.OutboxMessage, error) {
	filter := bson.D{{Key: "state", Value: engine.MailHeld}, {Key: "held_at", Value: bson.D{{Key: "$lt", Value: heldBefore}}}}
	return s.findOutbox(ctx, filter, asc("held_at", "_id"), limit, "list held e-mails")
}

// ReleaseOutbox queues a held message, due at at.
func (s *Store) ReleaseOutbox(ctx context.Context, id string, at time.Time) error {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	_, err := s.outbox().UpdateOne(ctx, bson.D{{Key: "_id", Value: id}, {Key: "state", Value: engine.MailHeld}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "state", Value: engine.MailQueued}, {Key: "held_at", Value: time.Time{}},
			{Key: "next_attempt_at", Value: at}}}})
	return fail(err, "release e-mail %q", id)
}

// DropHeldOutbox deletes a message still held since before heldBefore.
func (s *Store) DropHeldOutbox(ctx context.Context, id string, heldBefore time.Time) error {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	_, err := s.outbox().DeleteOne(ctx, bson.D{{Key: "_id", Value: id}, {Key: "state", Value: engine.MailHeld},
		{Key: "held_at", Value: bson.D{{Key: "$lt", Value: heldBefore}}}})
	return fail(err, "drop held e-mail %q", id)
}

// ClaimOutbox claims due messages one findOneAndUpdate at a time: its
// filter matches only a due message and MongoDB updates one document
// atomically, so that two workers never claim one message.
func (s *Store) ClaimOutbox(ctx context.Context, now time.Time, claim string, lease time.Duration, limit int) ([]*engine.OutboxMessage, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	filter := bson.D{{Key: "$or", Value: bson.A{
		bson.D{{Key: "state", Value: engine.MailQueued}, {Key: "next_attempt_at", Value: bson.D{{Key: "$lte", Value: now}}}},
		bson.D{{Key: "state", Value: engine.MailSending}, {Key: "lease_until", Value: bson.D{{Key: "$lt", Value: now}}}},
	}}}
	update := bson.D{
		{Key: "$set", Value: bson.D{{Key: "state", Value: engine.MailSending}, {Key: "claim", Value: claim},
			{Key: "lease_until", Value: now.Add(lease)}}},
		{Key: "$inc", Value: bson.D{{Key: "attempts", Value: 1}}},
	}
	opts := options.FindOneAndUpdate().SetSort(asc("next_attempt_at", "_id")).SetReturnDocument(options.After)
	out := []*engine.OutboxMessage{}
	for len(out) < limit {
		var d outboxDoc
		err := s.outbox().FindOneAndUpdate(ctx, filter, update, opts).Decode(&d)
		if errors.Is(err, mongo.ErrNoDocuments) {
			break
		}
		if err != nil {
			return out, fail(err, "claim e-mails")
		}
		m, _ := d.message()
		out = append(out, m)
	}
	return out, nil
}

// SettleOutbox records an attempt's outcome if the claim still holds.
func (s *Store) SettleOutbox(ctx context.Context, id, claim, state, lastError string, next, at time.Time) error {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	what := fmt.Sprintf("settle e-mail %q", id)
	sent := time.Time{}
	if state == engine.MailSent {
		sent = at
	}
	res, err := s.outbox().UpdateOne(ctx,
		bson.D{{Key: "_id", Value: id}, {Key: "state", Value: engine.MailSending}, {Key: "claim", Value: claim}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "state", Value: state}, {Key: "last_error", Value: lastError},
			{Key: "next_attempt_at", Value: next}, {Key: "sent_at", Value: sent}, {Key: "claim", Value: ""},
			{Key: "lease_until", Value: time.Time{}}}}})
	if err != nil {
		return fail(err, "%s", what)
	}
	if res.MatchedCount == 0 {
		return s.notFoundOrConflict(ctx, s.outbox(), id, what)
	}
	return nil
}

// RetryOutbox queues a failed message again with no attempts.
func (s *Store) RetryOutbox(ctx context.Context, id string, at time.Time) error {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	what := fmt.Sprintf("retry e-mail %q", id)
	res, err := s.outbox().UpdateOne(ctx,
		bson.D{{Key: "_id", Value: id}, {Key: "state", Value: engine.MailFailed}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "state", Value: engine.MailQueued}, {Key: "attempts", Value: 0},
			{Key: "next_attempt_at", Value: at}}}})
	if err != nil {
		return fail(err, "%s", what)
	}
	if res.MatchedCount == 0 {
		return s.notFoundOrConflict(ctx, s.outbox(), id, what)
	}
	return nil
}

// CountOutbox counts the messages by state with one $group (a top-level
// field and $sum, which mongo-compat evaluates right).
func (s *Store) CountOutbox(ctx context.Context) (map[string]int, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	const what = "count e-mails"
	cur, err := s.outbox().Aggregate(ctx, mongo.Pipeline{
		{{Key: "$group", Value: bson.D{{Key: "_id", Value: "$state"}, {Key: "n", Value: bson.D{{Key: "$sum", Value: 1}}}}}},
	})
	if err != nil {
		return nil, fail(err, "%s", what)
	}
	defer cur.Close(ctx)
	n := map[string]int{}
	for cur.Next(ctx) {
		var row struct {
			State string `bson:"_id"`
			N     int    `bson:"n"`
		}
		if err := cur.Decode(&row); err != nil {
			return nil, fail(err, "%s", what)
		}
		n[row.State] = row.N
	}
	return n, fail(cur.Err(), "%s", what)
}
