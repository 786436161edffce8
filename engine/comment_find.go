package engine

import (
	"context"
	"errors"
	"slices"
)

// FindComment returns one comment for the staff: coordinators and admins
// see every comment, members only those assigned to one of their groups
// (EFORBIDDEN for others, as ListComments leaves them out). ENOTFOUND
// for an unknown id.
func (e *Engine) FindComment(ctx context.Context, actor *User, id string) (*Comment, error) {
	if err := requireSignedIn(actor); err != nil {
		return nil, err
	}
	cm, err := e.store.FindComment(ctx, id)
	if errors.Is(err, ErrNotFound) {
		return nil, Errorf(ENOTFOUND, "No comment has the id %q.", id)
	} else if err != nil {
		return nil, err
	}
	if isCoordinator(actor) {
		return cm, nil
	}
	mine, err := e.memberGroups(ctx, actor)
	if err != nil {
		return nil, err
	}
	if !slices.ContainsFunc(cm.Groups, func(g string) bool { return slices.Contains(mine, g) }) {
		return nil, Errorf(EFORBIDDEN, "Comment %s is not assigned to your working groups.", cm.Reference)
	}
	return cm, nil
}

// CanDecide reports whether the user may decide the comment: a
// coordinator or admin, or a member of a group it is assigned to.
func (e *Engine) CanDecide(ctx context.Context, actor *User, cm *Comment) bool {
	if actor == nil {
		return false
	}
	if isCoordinator(actor) {
		return true
	}
	mine, err := e.memberGroups(ctx, actor)
	return err == nil && slices.ContainsFunc(cm.Groups, func(g string) bool { return slices.Contains(mine, g) })
}

// checkSeen refuses a change made on a form that showed an older version
// of the comment (seen > 0): somebody changed it since, and the person
// must see what changed before deciding again. ECONFLICT.
func checkSeen(cm *Comment, seen int) error {
	if seen > 0 && seen != cm.Version {
		return Errorf(ECONFLICT, "Somebody changed comment %s since you opened it; see its current state and try again.", cm.Reference)
	}
	return nil
}

// FindSentComment returns a comment of the consultation to the person
// who sent it, by its id: 128 random bits that only they and the staff
// know. ENOTFOUND for any other id, so that nobody reaches another
// person's comment by guessing.
func (e *Engine) FindSentComment(ctx context.Context, consultationID, id string) (*Comment, error) {
	cm, err := e.store.FindComment(ctx, id)
	if errors.Is(err, ErrNotFound) || (err == nil && cm.ConsultationID != consultationID) {
		return nil, Errorf(ENOTFOUND, "No comment has the id %q.", id)
	}
	return cm, err
}
