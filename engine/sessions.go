package engine

import (
	"context"
	"encoding/base64"
	"errors"
	"strings"
	"sync"
	"time"
)

// DefaultSessionTTL is how long a sign-in lasts when Options.SessionTTL
// is zero: a working day, so that a computer left signed in at a meeting
// does not stay so overnight.
const DefaultSessionTTL = 12 * time.Hour

// sessionPrefix marks session tokens, as tokenPrefix marks API tokens.
const sessionPrefix = "trs_"

// dummyHash is checked against when no user has the e-mail, so that a
// sign-in takes as long for an unknown address as for a wrong password and
// does not tell which addresses have accounts. It is made at the first
// failed sign-in, not at start: hashing takes a quarter of a second and
// tens of MiB that every process (and every command) would pay.
var dummyHash = sync.OnceValue(func() string { return HashPassword("triada-no-such-user") })

// errSignIn is the one answer to every failed sign-in.
func errSignIn() error {
	return Errorf(EUNAUTHORIZED, "The e-mail address or the password is not right.")
}

// SignIn checks a person's e-mail and password and starts a session. It
// returns the session's secret token (only its hash is stored: the
// browser keeps the token in a cookie), the session and the user;
// EUNAUTHORIZED, the same for an unknown address and a wrong password.
func (e *Engine) SignIn(ctx context.Context, email, password string) (string, *Session, *User, error) {
	email, err := NormalizeEmail("email", email)
	if err != nil || password == "" || len(password) > 1024 {
		CheckPassword(dummyHash(), password)
		return "", nil, nil, errSignIn()
	}
	u, err := e.store.FindUserByEmail(ctx, email)
	if errors.Is(err, ErrNotFound) || (err == nil && u.PasswordHash == "") {
		CheckPassword(dummyHash(), password)
		return "", nil, nil, errSignIn()
	} else if err != nil {
		return "", nil, nil, err
	}
	if !CheckPassword(u.PasswordHash, password) {
		return "", nil, nil, errSignIn()
	}
	token := sessionPrefix + base64.RawURLEncoding.EncodeToString(randomBytes(32))
	now := e.Now()
	s := &Session{Hash: HashSecret(token), UserID: u.ID, CSRF: NewID(), CreatedAt: now, ExpiresAt: now.Add(e.sessionTTL)}
	if err := e.store.CreateSession(ctx, s); err != nil {
		return "", nil, nil, err
	}
	return token, s, u, nil
}

// SessionUser returns the user and the session of a session token;
// EUNAUTHORIZED when the token is malformed, unknown or expired, or its
// user no longer exists.
func (e *Engine) SessionUser(ctx context.Context, token string) (*User, *Session, error) {
	if !strings.HasPrefix(token, sessionPrefix) || len(token) > 100 {
		return nil, nil, Errorf(EUNAUTHORIZED, "You are not signed in.")
	}
	s, err := e.store.FindSession(ctx, HashSecret(token), e.Now())
	if errors.Is(err, ErrNotFound) {
		return nil, nil, Errorf(EUNAUTHORIZED, "Your sign-in has expired.")
	} else if err != nil {
		return nil, nil, err
	}
	u, err := e.store.FindUserByID(ctx, s.UserID)
	if errors.Is(err, ErrNotFound) {
		return nil, nil, Errorf(EUNAUTHORIZED, "You are not signed in.")
	} else if err != nil {
		return nil, nil, err
	}
	return u, s, nil
}

// SignOut ends the session of the token; signing out twice is no error.
func (e *Engine) SignOut(ctx context.Context, token string) error {
	if !strings.HasPrefix(token, sessionPrefix) || len(token) > 100 {
		return nil
	}
	return e.store.DeleteSession(ctx, HashSecret(token))
}
