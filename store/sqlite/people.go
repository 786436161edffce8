package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/triada-kpss/triada/engine"
)

// migrationPeople adds what the staff pages for people, working groups,
// invitations and consultations keep: links to set a password, a
// group's description, a consultation's version, and the fresh links
// that reminders of invitations make.
const migrationPeople = `
CREATE TABLE password_tokens (
	hash       TEXT PRIMARY KEY, -- SHA-256 of the link token
	user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	created_at INTEGER NOT NULL,
	expires_at INTEGER NOT NULL,
	used_at    INTEGER           -- NULL until used
) STRICT;
CREATE INDEX password_tokens_user ON password_tokens (user_id);

ALTER TABLE working_groups ADD COLUMN description TEXT NOT NULL DEFAULT '';
ALTER TABLE consultations ADD COLUMN version INTEGER NOT NULL DEFAULT 0;

ALTER TABLE invites ADD COLUMN reminded_at INTEGER; -- NULL before the first reminder
ALTER TABLE invites ADD COLUMN reminders INTEGER NOT NULL DEFAULT 0;
ALTER TABLE invites ADD COLUMN ico TEXT NOT NULL DEFAULT '';
CREATE TABLE invite_links (
	hash        TEXT PRIMARY KEY, -- SHA-256 of a reminder's link token
	invite_hash TEXT NOT NULL REFERENCES invites (hash) ON DELETE CASCADE,
	created_at  INTEGER NOT NULL
) STRICT;
CREATE INDEX invite_links_invite ON invite_links (invite_hash);
`

// CreatePasswordToken stores t; ErrDuplicate if the hash exists,
// ErrNotFound if the user does not.
func (s *Store) CreatePasswordToken(ctx context.Context, t *engine.PasswordToken) error {
	_, err := s.write.ExecContext(ctx,
		`INSERT INTO password_tokens (hash, user_id, created_at, expires_at, used_at) VALUES (?, ?, ?, ?, ?)`,
		t.Hash, t.UserID, toMillis(t.CreatedAt), toMillis(t.ExpiresAt), toNullMillis(t.UsedAt))
	return fail(err, "create a password link of user %q", t.UserID)
}

// FindPasswordToken returns the token with that hash or ErrNotFound.
func (s *Store) FindPasswordToken(ctx context.Context, hash string) (*engine.PasswordToken, error) {
	var t engine.PasswordToken
	var created, expires int64
	var used sql.NullInt64
	err := s.read.QueryRowContext(ctx,
		`SELECT hash, user_id, created_at, expires_at, used_at FROM password_tokens WHERE hash = ?`, hash).
		Scan(&t.Hash, &t.UserID, &created, &expires, &used)
	if err != nil {
		return nil, fail(err, "find a password link")
	}
	t.CreatedAt, t.ExpiresAt, t.UsedAt = fromMillis(created), fromMillis(expires), fromNullMillis(used)
	return &t, nil
}

// UsePasswordToken sets used_at once, in one conditional UPDATE.
func (s *Store) UsePasswordToken(ctx context.Context, hash string, at time.Time) error {
	return s.conditional(ctx, "use a password link",
		`SELECT 1 FROM password_tokens WHERE hash = ?`, hash,
		`UPDATE password_tokens SET used_at = ? WHERE hash = ? AND used_at IS NULL`, toMillis(at), hash)
}

// DeletePasswordTokens removes the user's password tokens but keepHash.
func (s *Store) DeletePasswordTokens(ctx context.Context, userID, keepHash string) error {
	_, err := s.write.ExecContext(ctx, `DELETE FROM password_tokens WHERE user_id = ? AND hash <> ?`, userID, keepHash)
	return fail(err, "delete the password links of user %q", userID)
}

// DeleteUserSessions ends every session of the user.
func (s *Store) DeleteUserSessions(ctx context.Context, userID string) error {
	_, err := s.write.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = ?`, userID)
	return fail(err, "delete the sessions of user %q", userID)
}

// DeleteUser removes the user; sessions, tokens and password links go
// with it (ON DELETE CASCADE).
func (s *Store) DeleteUser(ctx context.Context, id string) error {
	res, err := s.write.ExecContext(ctx, `DELETE FROM users WHERE id = ?`, id)
	return s.oneRow(res, err, "delete user %q", id)
}

// UpdateGroup replaces the group's name, description, tags and target
// groups; its members stay.
func (s *Store) UpdateGroup(ctx context.Context, g *engine.Group) error {
	tags, err := marshal(orEmpty(g.Tags))
	if err != nil {
		return err
	}
	targetGroups, err := marshal(orEmpty(g.TargetGroups))
	if err != nil {
		return err
	}
	res, err := s.write.ExecContext(ctx,
		`UPDATE working_groups SET name = ?, description = ?, tags = ?, target_groups = ? WHERE id = ?`,
		g.Name, g.Description, tags, targetGroups, g.ID)
	return s.oneRow(res, err, "update group %q", g.ID)
}

// UpdateConsultation replaces the consultation in one UPDATE whose
// condition holds the expected version and no publication.
func (s *Store) UpdateConsultation(ctx context.Context, c *engine.Consultation, expectedVersion int) error {
	sections, attachments, err := consultationJSON(c)
	if err != nil {
		return err
	}
	return s.conditional(ctx, fmt.Sprintf("update consultation %q", c.ID),
		`SELECT 1 FROM consultations WHERE id = ?`, c.ID,
		`UPDATE consultations SET title = ?, sections = ?, attachments = ?, opens_at = ?, closes_at = ?, version = ?
WHERE id = ? AND version = ? AND published_at IS NULL`,
		c.Title, sections, attachments, toMillis(c.OpensAt), toMillis(c.ClosesAt), c.Version, c.ID, expectedVersion)
}

// AddInviteLink records the reminder on the invite and stores the link,
// in one transaction.
func (s *Store) AddInviteLink(ctx context.Context, inviteHash, linkHash string, at time.Time) (err error) {
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return fail(err, "add a link to an invite")
	}
	defer func() {
		if err != nil {
			_ = tx.Rollback()
		}
	}()
	res, err := tx.ExecContext(ctx, `UPDATE invites SET reminded_at = ?, reminders = reminders + 1 WHERE hash = ?`, toMillis(at), inviteHash)
	if err = s.oneRow(res, err, "add a link to an invite"); err != nil {
		return err
	}
	if _, err = tx.ExecContext(ctx, `INSERT INTO invite_links (hash, invite_hash, created_at) VALUES (?, ?, ?)`,
		linkHash, inviteHash, toMillis(at)); err != nil {
		return fail(err, "add a link to an invite")
	}
	return fail(tx.Commit(), "add a link to an invite")
}

// FindInviteByLink returns the invite the link leads to or ErrNotFound.
func (s *Store) FindInviteByLink(ctx context.Context, linkHash string) (*engine.Invite, error) {
	i, err := scanInvite(s.read.QueryRowContext(ctx, `SELECT `+inviteColumns+` FROM invites
WHERE hash = (SELECT invite_hash FROM invite_links WHERE hash = ?)`, linkHash))
	return i, fail(err, "find invite by link")
}

// DeleteInvite removes the invite; its links go with it (ON DELETE CASCADE).
func (s *Store) DeleteInvite(ctx context.Context, hash string) error {
	res, err := s.write.ExecContext(ctx, `DELETE FROM invites WHERE hash = ?`, hash)
	return s.oneRow(res, err, "delete an invite")
}

// oneRow checks that a statement changed one row: ErrNotFound when it
// found none (the check groups.go uses for groups).
func (s *Store) oneRow(res interface{ RowsAffected() (int64, error) }, err error, what string, args ...any) error {
	return s.groupUpdated(res, err, what, args...)
}
