package engine

import (
	"context"
	"errors"
)

// GroupEdit is what a coordinator may change of a working group: its
// id stays, and its members change one by one.
type GroupEdit struct {
	Name        string
	Description string
	Tags        []string
}

// UpdateGroup changes the group's name, description and tags.
// Coordinators and admins; EINVALID names each bad field, ENOTFOUND for
// an unknown group.
func (e *Engine) UpdateGroup(ctx context.Context, actor *User, id string, in GroupEdit) (*Group, error) {
	if err := requireCoordinator(actor); err != nil {
		return nil, err
	}
	g, err := e.FindGroup(ctx, id)
	if err != nil {
		return nil, err
	}
	var fe fieldErrors
	fe.text("name", &in.Name, true, 200)
	fe.text("description", &in.Description, false, 2000)
	fe.tags("tags", in.Tags)
	if err := fe.err("The working group is not valid."); err != nil {
		return nil, err
	}
	g.Name, g.Description, g.Tags = in.Name, in.Description, uniqueSorted(in.Tags)
	if err := e.store.UpdateGroup(ctx, g); err != nil {
		if errors.Is(err, ErrNotFound) {
			return nil, Errorf(ENOTFOUND, "No working group has the id %q.", id)
		}
		return nil, err
	}
	return g, nil
}

// RemoveGroupMember takes the user out of the group; removing a
// non-member changes nothing. Coordinators and admins; ENOTFOUND for an
// unknown group.
func (e *Engine) RemoveGroupMember(ctx context.Context, actor *User, groupID, userID string) (*Group, error) {
	if err := requireCoordinator(actor); err != nil {
		return nil, err
	}
	if err := e.store.RemoveGroupMember(ctx, groupID, userID); err != nil {
		if errors.Is(err, ErrNotFound) {
			return nil, Errorf(ENOTFOUND, "No working group has the id %q.", groupID)
		}
		return nil, err
	}
	return e.FindGroup(ctx, groupID)
}

// GroupPeople lists every user, for a coordinator choosing members of a
// working group (ListUsers is for admins only).
func (e *Engine) GroupPeople(ctx context.Context, actor *User) ([]*User, error) {
	if err := requireCoordinator(actor); err != nil {
		return nil, err
	}
	return e.store.ListUsers(ctx)
}
