package mongo

import (
	"context"
	"fmt"
	"time"

	"github.com/triada-kpss/triada/engine"
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// colPasswordTokens holds the links to set a password: the hash of the
// token is the id.
const colPasswordTokens = "password_tokens"

type passwordTokenDoc struct {
	Hash      string     `bson:"_id"`
	UserID    string     `bson:"user_id"`
	CreatedAt time.Time  `bson:"created_at"`
	ExpiresAt time.Time  `bson:"expires_at"`
	UsedAt    *time.Time `bson:"used_at,omitempty"`
}

func (d *passwordTokenDoc) token() (*engine.PasswordToken, error) {
	return &engine.PasswordToken{Hash: d.Hash, UserID: d.UserID, CreatedAt: d.CreatedAt, ExpiresAt: d.ExpiresAt, UsedAt: d.UsedAt}, nil
}

func (s *Store) passwordTokens() *mongo.Collection { return s.db.Collection(colPasswordTokens) }

// CreatePasswordToken stores t; ErrDuplicate if the hash exists.
func (s *Store) CreatePasswordToken(ctx context.Context, t *engine.PasswordToken) error {
	doc := passwordTokenDoc{Hash: t.Hash, UserID: t.UserID, CreatedAt: t.CreatedAt, ExpiresAt: t.ExpiresAt, UsedAt: t.UsedAt}
	return s.insert(ctx, s.passwordTokens(), doc, "create a password link of user %q", t.UserID)
}

// FindPasswordToken returns the token with that hash or ErrNotFound.
func (s *Store) FindPasswordToken(ctx context.Context, hash string) (*engine.PasswordToken, error) {
	return findOne(ctx, s, s.passwordTokens(), byID(hash), (*passwordTokenDoc).token, "find a password link")
}

// UsePasswordToken sets used_at once: the filter requires it absent.
func (s *Store) UsePasswordToken(ctx context.Context, hash string, at time.Time) error {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	const what = "use a password link"
	filter := bson.D{{Key: "_id", Value: hash}, {Key: "used_at", Value: bson.D{{Key: "$exists", Value: false}}}}
	res, err := s.passwordTokens().UpdateOne(ctx, filter, bson.D{{Key: "$set", Value: bson.D{{Key: "used_at", Value: at}}}})
	if err != nil {
		return fail(err, what)
	}
	if res.MatchedCount == 0 {
		return s.notFoundOrConflict(ctx, s.passwordTokens(), hash, what)
	}
	return nil
}

// DeletePasswordTokens removes the user's password tokens but keepHash.
func (s *Store) DeletePasswordTokens(ctx context.Context, userID, keepHash string) error {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	filter := bson.D{{Key: "user_id", Value: userID}, {Key: "_id", Value: bson.D{{Key: "$ne", Value: keepHash}}}}
	_, err := s.passwordTokens().DeleteMany(ctx, filter)
	return fail(err, "delete the password links of user %q", userID)
}

// DeleteUserSessions ends every session of the user.
func (s *Store) DeleteUserSessions(ctx context.Context, userID string) error {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	_, err := s.sessions.DeleteMany(ctx, bson.D{{Key: "user_id", Value: userID}})
	return fail(err, "delete the sessions of user %q", userID)
}

// DeleteUser removes the user, then their sessions, API tokens and
// password links (a failure between leaves only records that lead to no
// user, which every lookup refuses).
func (s *Store) DeleteUser(ctx context.Context, id string) error {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	what := fmt.Sprintf("delete user %q", id)
	res, err := s.users.DeleteOne(ctx, byID(id))
	if err != nil {
		return fail(err, "%s", what)
	}
	if res.DeletedCount == 0 {
		return notFound("%s", what)
	}
	byUser := bson.D{{Key: "user_id", Value: id}}
	for _, coll := range []*mongo.Collection{s.sessions, s.tokens, s.passwordTokens()} {
		if _, err := coll.DeleteMany(ctx, byUser); err != nil {
			return fail(err, "%s", what)
		}
	}
	return nil
}

// UpdateGroup sets the group's name, description, tags and target
// groups; its members stay.
func (s *Store) UpdateGroup(ctx context.Context, g *engine.Group) error {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	update := bson.D{{Key: "$set", Value: bson.D{{Key: "name", Value: g.Name}, {Key: "description", Value: g.Description},
		{Key: "tags", Value: orEmpty(g.Tags)}, {Key: "target_groups", Value: orEmpty(g.TargetGroups)}}}}
	res, err := s.groups.UpdateOne(ctx, byID(g.ID), update)
	if err != nil {
		return fail(err, "update group %q", g.ID)
	}
	if res.MatchedCount == 0 {
		return notFound("update group %q", g.ID)
	}
	return nil
}

// UpdateConsultation replaces the consultation with one update whose
// filter holds the expected version (absent counts as 0) and no
// publication.
func (s *Store) UpdateConsultation(ctx context.Context, c *engine.Consultation, expectedVersion int) error {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	what := fmt.Sprintf("update consultation %q", c.ID)
	sections := make([]sectionDoc, len(c.Sections))
	for i, sc := range c.Sections {
		sections[i] = sectionDoc(sc)
	}
	version := bson.D{{Key: "version", Value: expectedVersion}}
	if expectedVersion == 0 {
		version = bson.D{{Key: "$or", Value: bson.A{version, bson.D{{Key: "version", Value: bson.D{{Key: "$exists", Value: false}}}}}}}
	}
	filter := append(bson.D{{Key: "_id", Value: c.ID}, {Key: "published_at", Value: bson.D{{Key: "$exists", Value: false}}}}, version...)
	var attachments []attachmentDoc
	for _, a := range c.Attachments {
		attachments = append(attachments, attachmentDoc(a))
	}
	update := bson.D{{Key: "$set", Value: bson.D{{Key: "title", Value: c.Title}, {Key: "sections", Value: sections},
		{Key: "attachments", Value: attachments}, {Key: "opens_at", Value: c.OpensAt}, {Key: "closes_at", Value: c.ClosesAt},
		{Key: "version", Value: c.Version}}}}
	res, err := s.consultations.UpdateOne(ctx, filter, update)
	if err != nil {
		return fail(err, "%s", what)
	}
	if res.MatchedCount == 0 {
		return s.notFoundOrConflict(ctx, s.consultations, c.ID, what)
	}
	return nil
}

// AddInviteLink pushes the link hash onto the invite's links and records
// the reminder, in one update of the invite's document.
func (s *Store) AddInviteLink(ctx context.Context, inviteHash, linkHash string, at time.Time) error {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	const what = "add a link to an invite"
	update := bson.D{
		{Key: "$push", Value: bson.D{{Key: "links", Value: linkHash}}},
		{Key: "$set", Value: bson.D{{Key: "reminded_at", Value: at}}},
		{Key: "$inc", Value: bson.D{{Key: "reminders", Value: 1}}},
	}
	res, err := s.invites.UpdateOne(ctx, byID(inviteHash), update)
	if err != nil {
		return fail(err, what)
	}
	if res.MatchedCount == 0 {
		return notFound(what)
	}
	return nil
}

// FindInviteByLink returns the invite whose links hold the hash.
func (s *Store) FindInviteByLink(ctx context.Context, linkHash string) (*engine.Invite, error) {
	return findOne(ctx, s, s.invites, bson.D{{Key: "links", Value: linkHash}}, (*inviteDoc).invite, "find invite by link")
}

// DeleteInvite removes the invite with its links.
func (s *Store) DeleteInvite(ctx context.Context, hash string) error {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	res, err := s.invites.DeleteOne(ctx, byID(hash))
	if err != nil {
		return fail(err, "delete an invite")
	}
	if res.DeletedCount == 0 {
		return notFound("delete an invite")
	}
	return nil
}
