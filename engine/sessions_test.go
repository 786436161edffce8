package engine_test

import (
	"context"
	"testing"
	"time"

	"github.com/triada-kpss/triada/engine"
)

func TestEngine_SignIn(t *testing.T) {
	f := mustOpen(t)
	ctx := context.Background()

	token, s, u, err := f.SignIn(ctx, " Coordinator@Example.cz ", "correct horse battery")
	mustNil(t, err)
	if u.ID != f.coordinator.ID || s.UserID != u.ID || len(token) < 40 {
		t.Fatalf("signed in as %+v with session %+v and token %q", u, s, token)
	}
	got, _, err := f.SessionUser(ctx, token)
	mustNil(t, err)
	if got.ID != f.coordinator.ID {
		t.Fatalf("session user %s, want %s", got.ID, f.coordinator.ID)
	}

	// Every failure reads the same, so that nobody learns which
	// addresses have accounts.
	for _, c := range []struct{ email, password string }{
		{"coordinator@example.cz", "wrong password"},
		{"nobody@example.cz", "correct horse battery"},
		{"not an address", "correct horse battery"},
		{"coordinator@example.cz", ""},
	} {
		_, _, _, err := f.SignIn(ctx, c.email, c.password)
		wantCode(t, err, engine.EUNAUTHORIZED)
		if err.Error() != "The e-mail address or the password is not right." {
			t.Errorf("sign-in as %q: message %q tells too much", c.email, err)
		}
	}

	// Tokens that are not sessions, and sessions that ended or expired.
	for _, bad := range []string{"", "trs_nonexistent", "trd_api-token", token + "x"} {
		_, _, err := f.SessionUser(ctx, bad)
		wantCode(t, err, engine.EUNAUTHORIZED)
	}
	f.clock.Set(f.clock.Now().Add(engine.DefaultSessionTTL + time.Second))
	_, _, err = f.SessionUser(ctx, token)
	wantCode(t, err, engine.EUNAUTHORIZED)

	token2, _, _, err := f.SignIn(ctx, "member@example.cz", "correct horse battery")
	mustNil(t, err)
	mustNil(t, f.SignOut(ctx, token2))
	mustNil(t, f.SignOut(ctx, token2)) // twice is no error
	_, _, err = f.SessionUser(ctx, token2)
	wantCode(t, err, engine.EUNAUTHORIZED)
}
