package mongo

import (
	"context"
	"fmt"
	"time"

	"github.com/triada-kpss/triada/engine"
	"go.mongodb.org/mongo-driver/v2/bson"
)

// inviteDoc is a document of "invites": the hash of the link token is the
// id; response_id is "" and answered_at absent until answered.
type inviteDoc struct {
	Hash            string     `bson:"_id"`
	QuestionnaireID string     `bson:"questionnaire_id"`
	Email           string     `bson:"email"`
	Name            string     `bson:"name"`
	ICO             string     `bson:"ico,omitempty"`
	ResponseID      string     `bson:"response_id"`
	CreatedAt       time.Time  `bson:"created_at"`
	AnsweredAt      *time.Time `bson:"answered_at,omitempty"`
	// Reminders (people.go): the hashes of the fresh links they made.
	RemindedAt *time.Time `bson:"reminded_at,omitempty"`
	Reminders  int        `bson:"reminders,omitempty"`
	Links      []string   `bson:"links,omitempty"`
}

func (d *inviteDoc) invite() (*engine.Invite, error) {
	return &engine.Invite{Hash: d.Hash, QuestionnaireID: d.QuestionnaireID, Email: d.Email, Name: d.Name, ICO: d.ICO,
		ResponseID: d.ResponseID, CreatedAt: d.CreatedAt, AnsweredAt: d.AnsweredAt,
		RemindedAt: d.RemindedAt, Reminders: d.Reminders}, nil
}

// CreateInvite stores i; ErrDuplicate if the hash exists.
func (s *Store) CreateInvite(ctx context.Context, i *engine.Invite) error {
	doc := inviteDoc{Hash: i.Hash, QuestionnaireID: i.QuestionnaireID, Email: i.Email, Name: i.Name, ICO: i.ICO,
		ResponseID: i.ResponseID, CreatedAt: i.CreatedAt, AnsweredAt: i.AnsweredAt}
	return s.insert(ctx, s.invites, doc, "create an invite to questionnaire %q", i.QuestionnaireID)
}

// FindInvite returns the invite with that hash or ErrNotFound.
func (s *Store) FindInvite(ctx context.Context, hash string) (*engine.Invite, error) {
	return findOne(ctx, s, s.invites, byID(hash), (*inviteDoc).invite, "find invite")
}

// ListInvites returns the questionnaire's invites ordered by e-mail (then
// by creation and hash, so that the order is stable).
func (s *Store) ListInvites(ctx context.Context, questionnaireID string) ([]*engine.Invite, error) {
	filter := bson.D{{Key: "questionnaire_id", Value: questionnaireID}}
	return list(ctx, s, s.invites, filter, asc("email", "created_at", "_id"), (*inviteDoc).invite,
		"list the invites to questionnaire %q", questionnaireID)
}

// SetInviteResponse records the response given through the invite, once,
// with one update whose filter requires response_id to be "": ErrConflict
// if it has a response already, ErrNotFound if there is no such invite.
func (s *Store) SetInviteResponse(ctx context.Context, hash, responseID string, at time.Time) error {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	const what = "record the response to an invite"
	filter := bson.D{{Key: "_id", Value: hash}, {Key: "response_id", Value: ""}}
	update := bson.D{{Key: "$set", Value: bson.D{{Key: "response_id", Value: responseID}, {Key: "answered_at", Value: at}}}}
	res, err := s.invites.UpdateOne(ctx, filter, update)
	if err != nil {
		return fail(err, what)
	}
	if res.MatchedCount == 0 {
		return s.notFoundOrConflict(ctx, s.invites, hash, what)
	}
	return nil
}

// ReplaceResponse replaces the answers, the codes and the folded texts of the response
// r.ID with one update, keeping its questionnaire, submission key and
// creation time; ErrNotFound if there is no such response.
func (s *Store) ReplaceResponse(ctx context.Context, r *engine.Response) error {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	what := fmt.Sprintf("replace response %q", r.ID)
	d := newResponseDoc(r)
	folded := d.Folded
	if folded == nil {
		folded = map[string]string{}
	}
	update := bson.D{{Key: "$set", Value: bson.D{{Key: "answers", Value: d.Answers}, {Key: "codes", Value: d.Codes}, {Key: "folded", Value: folded}}}}
	res, err := s.responses.UpdateOne(ctx, byID(r.ID), update)
	if err != nil {
		return fail(err, "%s", what)
	}
	if res.MatchedCount == 0 {
		return notFound("%s", what)
	}
	return nil
}
