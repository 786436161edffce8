package engine

import (
	"context"
	"encoding/base64"
	"errors"
	"strings"
	"time"
)

// PasswordLinkTTL is how long a link to set a password works: long
// enough for a person invited on Friday to use it on Monday, short
// enough that a forgotten e-mail is no lasting key.
const PasswordLinkTTL = 7 * 24 * time.Hour

// passwordPrefix marks password-link tokens, as tokenPrefix marks API
// tokens; 32 random bytes follow.
const passwordPrefix = "trp_"

// ListUsers returns every user ordered by e-mail, for admins only.
func (e *Engine) ListUsers(ctx context.Context, actor *User) ([]*User, error) {
	if err := requireRole(actor, RoleAdmin); err != nil {
		return nil, err
	}
	return e.store.ListUsers(ctx)
}

// FindUser returns the user with that id for an admin; ENOTFOUND if none.
func (e *Engine) FindUser(ctx context.Context, actor *User, id string) (*User, error) {
	if err := requireRole(actor, RoleAdmin); err != nil {
		return nil, err
	}
	u, err := e.store.FindUserByID(ctx, id)
	if errors.Is(err, ErrNotFound) {
		return nil, Errorf(ENOTFOUND, "No user has the id %q.", id)
	}
	return u, err
}

// InviteUser creates a user without a password and returns the token of
// a link with which they set one (PasswordLinkTTL). Admins only;
// EINVALID names each bad field, ECONFLICT when the e-mail has a user.
func (e *Engine) InviteUser(ctx context.Context, actor *User, email string, role Role, name string) (string, *User, error) {
	if err := requireRole(actor, RoleAdmin); err != nil {
		return "", nil, err
	}
	var fe fieldErrors
	normalized, err := NormalizeEmail("email", email)
	if err != nil {
		fe.add("email", "Enter an e-mail address like name@example.cz.")
	}
	if _, err := ParseRole(string(role)); err != nil {
		fe.add("role", "Choose admin, coordinator or member.")
	}
	fe.text("name", &name, true, 200)
	if err := fe.err("The person cannot be invited."); err != nil {
		return "", nil, err
	}
	u := &User{ID: NewID(), Email: normalized, Name: name, Role: role, CreatedAt: e.Now()}
	if err := e.store.CreateUser(ctx, u); err != nil {
		if errors.Is(err, ErrDuplicate) {
			return "", nil, Errorf(ECONFLICT, "A user with the e-mail %s exists.", normalized).
				WithFields(FieldError{Field: "email", Message: "A user with this e-mail exists."})
		}
		return "", nil, err
	}
	token, err := e.newPasswordToken(ctx, u.ID)
	if err != nil {
		return "", nil, err
	}
	return token, u, nil
}

// newPasswordToken stores the hash of a new password-link token for the
// user and returns the token.
func (e *Engine) newPasswordToken(ctx context.Context, userID string) (string, error) {
	token := passwordPrefix + base64.RawURLEncoding.EncodeToString(randomBytes(32))
	now := e.Now()
	t := &PasswordToken{Hash: HashSecret(token), UserID: userID, CreatedAt: now, ExpiresAt: now.Add(PasswordLinkTTL)}
	if err := e.store.CreatePasswordToken(ctx, t); err != nil {
		return "", err
	}
	// One link at a time: an older one, perhaps in a forgotten e-mail,
	// stops working.
	if err := e.store.DeletePasswordTokens(ctx, userID, t.Hash); err != nil {
		return "", err
	}
	return token, nil
}

// ChangeRole gives the user another role. Admins only; ECONFLICT when it
// would leave no admin.
func (e *Engine) ChangeRole(ctx context.Context, actor *User, userID string, role Role) (*User, error) {
	u, err := e.FindUser(ctx, actor, userID)
	if err != nil {
		return nil, err
	}
	if _, err := ParseRole(string(role)); err != nil {
		return nil, err
	}
	if u.Role == role {
		return u, nil
	}
	if u.Role == RoleAdmin {
		if err := e.demoteAdmin(ctx, u, role); err != nil {
			return nil, err
		}
		return u, nil
	}
	u.Role = role
	if err := e.store.UpdateUser(ctx, u); err != nil {
		return nil, err
	}
	return u, nil
}

// demoteAdmin gives u, an admin, another role unless no admin would
// remain (ECONFLICT). Checking before the change is not enough: two
// admins demoting each other at the same moment would both pass the
// check. So the change is stored first and the admins are counted after
// it; when none is left, this request gives its own target the admin role
// back and is refused. Whatever the interleaving, the last demotion
// stored counts what it left, so an admin always remains (at worst both
// requests are refused and both stay admins).
func (e *Engine) demoteAdmin(ctx context.Context, u *User, role Role) error {
	if err := e.keepAnAdmin(ctx, u); err != nil {
		return err // the usual refusal, without a write
	}
	u.Role = role
	if err := e.store.UpdateUser(ctx, u); err != nil {
		return err
	}
	refusal := e.keepAnAdmin(ctx, u)
	if refusal == nil {
		return nil
	}
	back, err := e.store.FindUserByID(ctx, u.ID) // as it is now: a name or password set meanwhile stays
	if err != nil {
		return errors.Join(refusal, err)
	}
	back.Role = RoleAdmin
	if err := e.store.UpdateUser(ctx, back); err != nil {
		return errors.Join(refusal, err)
	}
	u.Role = RoleAdmin
	return refusal
}

// keepAnAdmin returns ECONFLICT when no admin but u is left.
func (e *Engine) keepAnAdmin(ctx context.Context, u *User) error {
	users, err := e.store.ListUsers(ctx)
	if err != nil {
		return err
	}
	for _, o := range users {
		if o.ID != u.ID && o.Role == RoleAdmin {
			return nil
		}
	}
	return Errorf(ECONFLICT, "%s is the last admin: make another person admin first.", u.Email)
}

// ResetPassword clears the user's password, ends their sessions and
// returns the token of a new link to set one. Admins only.
func (e *Engine) ResetPassword(ctx context.Context, actor *User, userID string) (string, *User, error) {
	u, err := e.FindUser(ctx, actor, userID)
	if err != nil {
		return "", nil, err
	}
	u.PasswordHash = ""
	if err := e.store.UpdateUser(ctx, u); err != nil {
		return "", nil, err
	}
	if err := e.store.DeleteUserSessions(ctx, u.ID); err != nil {
		return "", nil, err
	}
	token, err := e.newPasswordToken(ctx, u.ID)
	if err != nil {
		return "", nil, err
	}
	return token, u, nil
}

// RemoveUser deletes the user, their sessions, API tokens and links, and
// takes them out of every working group. Admins only; ECONFLICT for the
// last admin and for the actor themselves.
func (e *Engine) RemoveUser(ctx context.Context, actor *User, userID string) error {
	u, err := e.FindUser(ctx, actor, userID)
	if err != nil {
		return err
	}
	if u.ID == actor.ID {
		return Errorf(ECONFLICT, "You cannot remove yourself: ask another admin.")
	}
	if u.Role == RoleAdmin {
		// Demoted first, so that removing and demoting admins at the same
		// moment cannot leave none (see demoteAdmin).
		if err := e.demoteAdmin(ctx, u, RoleMember); err != nil {
			return err
		}
	}
	groups, err := e.store.ListGroups(ctx)
	if err != nil {
		return err
	}
	for _, g := range groups {
		for _, m := range g.Members {
			if m == u.ID {
				if err := e.store.RemoveGroupMember(ctx, g.ID, u.ID); err != nil && !errors.Is(err, ErrNotFound) {
					return err
				}
			}
		}
	}
	err = e.store.DeleteUser(ctx, u.ID)
	if errors.Is(err, ErrNotFound) {
		return nil // removed meanwhile
	}
	return err
}

// PasswordLink is what a link to set a password opens.
type PasswordLink struct {
	User      *User
	ExpiresAt time.Time
}

// FindPasswordLink returns the user a password link is for. ENOTFOUND
// for a token that is no link; ECONFLICT for a link used or expired
// (with the token's record, so that the page can say which).
func (e *Engine) FindPasswordLink(ctx context.Context, token string) (*PasswordLink, *PasswordToken, error) {
	if !strings.HasPrefix(token, passwordPrefix) || len(token) != len(passwordPrefix)+43 {
		return nil, nil, noPasswordLink()
	}
	t, err := e.store.FindPasswordToken(ctx, HashSecret(token))
	if errors.Is(err, ErrNotFound) {
		return nil, nil, noPasswordLink()
	} else if err != nil {
		return nil, nil, err
	}
	switch {
	case t.UsedAt != nil:
		return nil, t, Errorf(ECONFLICT, "This link has been used already: each link sets a password once.")
	case !e.Now().Before(t.ExpiresAt):
		return nil, t, Errorf(ECONFLICT, "This link has expired.")
	}
	u, err := e.store.FindUserByID(ctx, t.UserID)
	if errors.Is(err, ErrNotFound) {
		return nil, nil, noPasswordLink()
	} else if err != nil {
		return nil, nil, err
	}
	return &PasswordLink{User: u, ExpiresAt: t.ExpiresAt}, t, nil
}

func noPasswordLink() error {
	return Errorf(ENOTFOUND, "This link to set a password is not valid.")
}

// SetPasswordWithLink sets the password of the link's user, uses the link
// up and ends the user's other sessions. EINVALID for a short password or
// one that differs from its confirmation; the errors of FindPasswordLink.
func (e *Engine) SetPasswordWithLink(ctx context.Context, token, password, confirm string) (*User, error) {
	link, t, err := e.FindPasswordLink(ctx, token)
	if err != nil {
		return nil, err
	}
	if err := checkPassword(password); err != nil {
		return nil, err
	}
	if password != confirm {
		return nil, Invalid("The passwords differ.", FieldError{Field: "confirm", Message: "Type the same password twice."})
	}
	if err := e.store.UsePasswordToken(ctx, t.Hash, e.Now()); err != nil {
		if errors.Is(err, ErrConflict) {
			return nil, Errorf(ECONFLICT, "This link has been used already: each link sets a password once.")
		}
		return nil, err
	}
	u := link.User
	u.PasswordHash = HashPassword(password)
	if err := e.store.UpdateUser(ctx, u); err != nil {
		return nil, err
	}
	if err := e.store.DeleteUserSessions(ctx, u.ID); err != nil {
		return nil, err
	}
	if err := e.store.DeletePasswordTokens(ctx, u.ID, t.Hash); err != nil {
		return nil, err
	}
	return u, nil
}
