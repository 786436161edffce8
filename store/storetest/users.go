package storetest

import (
	"testing"
	"time"

	"github.com/triada-kpss/triada/engine"
)

func (s *suite) users(t *testing.T) {
	t.Run("CreateUser", func(t *testing.T) {
		s.test(t, "RoundTrip", func(t *testing.T, st engine.Store) {
			want := user("u1", "jana@example.cz")
			noErr(t, "CreateUser", st.CreateUser(ctx, want))
			got, err := st.FindUserByID(ctx, "u1")
			noErr(t, "FindUserByID", err)
			wantEqual(t, "user", got, want)
			got, err = st.FindUserByEmail(ctx, "jana@example.cz")
			noErr(t, "FindUserByEmail", err)
			wantEqual(t, "user", got, want)
		})
		s.test(t, "ErrDuplicate", func(t *testing.T, st engine.Store) {
			noErr(t, "CreateUser", st.CreateUser(ctx, user("u1", "jana@example.cz")))
			wantErr(t, "CreateUser with the same e-mail", st.CreateUser(ctx, user("u2", "jana@example.cz")), engine.ErrDuplicate)
			_, err := st.FindUserByID(ctx, "u2")
			wantErr(t, "FindUserByID of the duplicate", err, engine.ErrNotFound)
		})
	})

	t.Run("FindUserByID", func(t *testing.T) {
		s.test(t, "ErrNotFound", func(t *testing.T, st engine.Store) {
			mustCreateUser(t, st, "u1")
			_, err := st.FindUserByID(ctx, "u2")
			wantErr(t, "FindUserByID", err, engine.ErrNotFound)
		})
	})

	t.Run("FindUserByEmail", func(t *testing.T) {
		s.test(t, "ErrNotFound", func(t *testing.T, st engine.Store) {
			mustCreateUser(t, st, "u1")
			_, err := st.FindUserByEmail(ctx, "u2@example.cz")
			wantErr(t, "FindUserByEmail", err, engine.ErrNotFound)
		})
	})

	t.Run("ListUsers", func(t *testing.T) {
		s.test(t, "OrderedByEmail", func(t *testing.T, st engine.Store) {
			c := user("u1", "cyril@example.cz")
			a := user("u2", "adam@example.cz")
			b := user("u3", "bara@example.cz")
			for _, u := range []*engine.User{c, a, b} {
				noErr(t, "CreateUser", st.CreateUser(ctx, u))
			}
			got, err := st.ListUsers(ctx)
			noErr(t, "ListUsers", err)
			wantEqual(t, "users", got, []*engine.User{a, b, c})
		})
		s.test(t, "Empty", func(t *testing.T, st engine.Store) {
			got, err := st.ListUsers(ctx)
			noErr(t, "ListUsers", err)
			if len(got) != 0 {
				t.Fatalf("got %d users in an empty store", len(got))
			}
		})
	})

	t.Run("UpdateUser", func(t *testing.T) {
		s.test(t, "OK", func(t *testing.T, st engine.Store) {
			want := mustCreateUser(t, st, "u1")
			other := mustCreateUser(t, st, "u2")
			want.Role, want.Name, want.PasswordHash = engine.RoleAdmin, "Jana Dvořáková", "$argon2id$new"
			noErr(t, "UpdateUser", st.UpdateUser(ctx, want))
			got, err := st.FindUserByID(ctx, "u1")
			noErr(t, "FindUserByID", err)
			wantEqual(t, "user", got, want)
			got, err = st.FindUserByID(ctx, "u2")
			noErr(t, "FindUserByID", err)
			wantEqual(t, "the other user", got, other)
		})
		s.test(t, "ErrNotFound", func(t *testing.T, st engine.Store) {
			mustCreateUser(t, st, "u1")
			wantErr(t, "UpdateUser", st.UpdateUser(ctx, user("u2", "u2@example.cz")), engine.ErrNotFound)
		})
	})

	t.Run("CreateToken", func(t *testing.T) {
		s.test(t, "RoundTrip", func(t *testing.T, st engine.Store) {
			mustCreateUser(t, st, "u1")
			want := &engine.Token{Hash: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", UserID: "u1", CreatedAt: at(3, 9)}
			noErr(t, "CreateToken", st.CreateToken(ctx, want))
			got, err := st.FindToken(ctx, want.Hash)
			noErr(t, "FindToken", err)
			wantEqual(t, "token", got, want)
		})
		s.test(t, "ErrDuplicate", func(t *testing.T, st engine.Store) {
			mustCreateUser(t, st, "u1")
			mustCreateUser(t, st, "u2")
			noErr(t, "CreateToken", st.CreateToken(ctx, &engine.Token{Hash: "h1", UserID: "u1", CreatedAt: at(3, 9)}))
			err := st.CreateToken(ctx, &engine.Token{Hash: "h1", UserID: "u2", CreatedAt: at(3, 10)})
			wantErr(t, "CreateToken with the same hash", err, engine.ErrDuplicate)
			got, err := st.FindToken(ctx, "h1")
			noErr(t, "FindToken", err)
			if got.UserID != "u1" {
				t.Fatalf("the duplicate replaced the token: user %q", got.UserID)
			}
		})
	})

	t.Run("FindToken", func(t *testing.T) {
		s.test(t, "ErrNotFound", func(t *testing.T, st engine.Store) {
			mustCreateUser(t, st, "u1")
			noErr(t, "CreateToken", st.CreateToken(ctx, &engine.Token{Hash: "h1", UserID: "u1", CreatedAt: at(3, 9)}))
			_, err := st.FindToken(ctx, "h2")
			wantErr(t, "FindToken", err, engine.ErrNotFound)
		})
	})
}

func (s *suite) sessions(t *testing.T) {
	session := func(hash string) *engine.Session {
		return &engine.Session{Hash: hash, UserID: "u1", CSRF: "csrf-" + hash, CreatedAt: at(3, 9), ExpiresAt: at(3, 9).Add(12 * time.Hour)}
	}

	t.Run("CreateSession", func(t *testing.T) {
		s.test(t, "RoundTrip", func(t *testing.T, st engine.Store) {
			mustCreateUser(t, st, "u1")
			want := session("h1")
			noErr(t, "CreateSession", st.CreateSession(ctx, want))
			got, err := st.FindSession(ctx, "h1", at(3, 10))
			noErr(t, "FindSession", err)
			wantEqual(t, "session", got, want)
		})
		s.test(t, "ErrDuplicate", func(t *testing.T, st engine.Store) {
			mustCreateUser(t, st, "u1")
			noErr(t, "CreateSession", st.CreateSession(ctx, session("h1")))
			again := session("h1")
			again.CSRF = "other"
			wantErr(t, "CreateSession with the same hash", st.CreateSession(ctx, again), engine.ErrDuplicate)
		})
	})

	t.Run("FindSession", func(t *testing.T) {
		s.test(t, "ErrNotFound", func(t *testing.T, st engine.Store) {
			mustCreateUser(t, st, "u1")
			noErr(t, "CreateSession", st.CreateSession(ctx, session("h1")))
			_, err := st.FindSession(ctx, "h2", at(3, 10))
			wantErr(t, "FindSession", err, engine.ErrNotFound)
		})
		// A session is valid while now is before ExpiresAt, compared at
		// millisecond precision: at ExpiresAt it has expired.
		s.test(t, "Expiry", func(t *testing.T, st engine.Store) {
			mustCreateUser(t, st, "u1")
			sess := session("h1")
			sess.ExpiresAt = time.Date(2027, 3, 3, 21, 0, 0, 0, time.UTC)
			noErr(t, "CreateSession", st.CreateSession(ctx, sess))
			_, err := st.FindSession(ctx, "h1", sess.ExpiresAt.Add(-ms))
			noErr(t, "FindSession a millisecond before expiry", err)
			_, err = st.FindSession(ctx, "h1", sess.ExpiresAt)
			wantErr(t, "FindSession at expiry", err, engine.ErrNotFound)
			_, err = st.FindSession(ctx, "h1", sess.ExpiresAt.Add(time.Hour))
			wantErr(t, "FindSession after expiry", err, engine.ErrNotFound)
			// Another location is the same instant.
			_, err = st.FindSession(ctx, "h1", sess.ExpiresAt.Add(-time.Minute).In(time.FixedZone("CEST", 2*3600)))
			noErr(t, "FindSession before expiry, in CEST", err)
		})
	})

	t.Run("DeleteSession", func(t *testing.T) {
		s.test(t, "OK", func(t *testing.T, st engine.Store) {
			mustCreateUser(t, st, "u1")
			noErr(t, "CreateSession", st.CreateSession(ctx, session("h1")))
			noErr(t, "CreateSession", st.CreateSession(ctx, session("h2")))
			noErr(t, "DeleteSession", st.DeleteSession(ctx, "h1"))
			_, err := st.FindSession(ctx, "h1", at(3, 10))
			wantErr(t, "FindSession after DeleteSession", err, engine.ErrNotFound)
			_, err = st.FindSession(ctx, "h2", at(3, 10))
			noErr(t, "FindSession of the other session", err)
		})
		s.test(t, "Missing", func(t *testing.T, st engine.Store) {
			noErr(t, "DeleteSession of no session", st.DeleteSession(ctx, "h1"))
		})
	})
}
