package engine

import "slices"

// requireRole returns EUNAUTHORIZED without an actor and EFORBIDDEN when
// the actor's role is not one of roles.
func requireRole(actor *User, roles ...Role) error {
	if actor == nil {
		return Errorf(EUNAUTHORIZED, "Sign in or send an API token.")
	}
	if !slices.Contains(roles, actor.Role) {
		return Errorf(EFORBIDDEN, "Your role (%s) does not allow this.", roleTerm(actor.Role))
	}
	return nil
}

// requireCoordinator allows coordinators and admins.
func requireCoordinator(actor *User) error {
	return requireRole(actor, RoleCoordinator, RoleAdmin)
}

// requireSignedIn allows every role.
func requireSignedIn(actor *User) error {
	return requireRole(actor, RoleCoordinator, RoleAdmin, RoleMember)
}

// isCoordinator reports whether actor coordinates (coordinators and admins).
func isCoordinator(actor *User) bool {
	return actor != nil && (actor.Role == RoleCoordinator || actor.Role == RoleAdmin)
}
