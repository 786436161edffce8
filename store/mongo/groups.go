package mongo

import (
	"context"
	"time"

	"github.com/triada-kpss/triada/engine"
	"go.mongodb.org/mongo-driver/v2/bson"
)

// groupDoc is a document of "groups". Tags and members are arrays, never
// null, so that $addToSet and $pull apply.
type groupDoc struct {
	ID          string   `bson:"_id"`
	Name        string   `bson:"name"`
	Description string   `bson:"description,omitempty"`
	Tags        []string `bson:"tags"`
	Members     []string `bson:"members"`
	// TargetGroups is absent in documents written before it existed.
	TargetGroups []string  `bson:"target_groups"`
	CreatedAt    time.Time `bson:"created_at"`
}

func (d *groupDoc) group() (*engine.Group, error) {
	return &engine.Group{ID: d.ID, Name: d.Name, Description: d.Description, Tags: d.Tags, TargetGroups: orEmpty(d.TargetGroups), Members: d.Members, CreatedAt: d.CreatedAt}, nil
}

// CreateGroup stores g; ErrDuplicate if the id exists.
func (s *Store) CreateGroup(ctx context.Context, g *engine.Group) error {
	doc := groupDoc{ID: g.ID, Name: g.Name, Description: g.Description, Tags: orEmpty(g.Tags), TargetGroups: orEmpty(g.TargetGroups), Members: orEmpty(g.Members), CreatedAt: g.CreatedAt}
	return s.insert(ctx, s.groups, doc, "create group %q", g.ID)
}

// FindGroup returns the group or ErrNotFound.
func (s *Store) FindGroup(ctx context.Context, id string) (*engine.Group, error) {
	return findOne(ctx, s, s.groups, byID(id), (*groupDoc).group, "find group %q", id)
}

// ListGroups returns every group ordered by id.
func (s *Store) ListGroups(ctx context.Context) ([]*engine.Group, error) {
	return list(ctx, s, s.groups, bson.D{}, asc("_id"), (*groupDoc).group, "list groups")
}

// AddGroupMember adds the user to the group's members once, with
// $addToSet (adding a member twice is not an error); ErrNotFound for an
// unknown group.
func (s *Store) AddGroupMember(ctx context.Context, groupID, userID string) error {
	return s.updateMembers(ctx, groupID, "$addToSet", userID, "add member %q to group %q")
}

// RemoveGroupMember removes the user with $pull (removing a non-member is
// not an error); ErrNotFound for an unknown group.
func (s *Store) RemoveGroupMember(ctx context.Context, groupID, userID string) error {
	return s.updateMembers(ctx, groupID, "$pull", userID, "remove member %q from group %q")
}

func (s *Store) updateMembers(ctx context.Context, groupID, op, userID, what string) error {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	update := bson.D{{Key: op, Value: bson.D{{Key: "members", Value: userID}}}}
	res, err := s.groups.UpdateOne(ctx, byID(groupID), update)
	if err != nil {
		return fail(err, what, userID, groupID)
	}
	if res.MatchedCount == 0 {
		return notFound(what, userID, groupID)
	}
	return nil
}
