package engine_test

import (
	"context"
	"strings"
	"testing"

	"github.com/triada-kpss/triada/engine"
)

func TestEngine_AddUser(t *testing.T) {
	f := mustOpen(t)
	ctx := context.Background()
	t.Run("NormalisesEmail", func(t *testing.T) {
		u, err := f.AddUser(ctx, "  Jana.Novakova@Example.CZ ", engine.RoleMember, "Jana", "long enough pass")
		mustNil(t, err)
		if u.Email != "jana.novakova@example.cz" {
			t.Errorf("email: got %q", u.Email)
		}
		if strings.Contains(u.PasswordHash, "long enough pass") || !engine.CheckPassword(u.PasswordHash, "long enough pass") {
			t.Errorf("password hash does not verify or holds the password: %q", u.PasswordHash)
		}
		if engine.CheckPassword(u.PasswordHash, "long enough pasS") {
			t.Error("a wrong password verified")
		}
	})
	t.Run("ErrDuplicate", func(t *testing.T) {
		_, err := f.AddUser(ctx, "MEMBER@example.cz", engine.RoleMember, "", "correct horse battery")
		wantCode(t, err, engine.ECONFLICT)
	})
	for name, tc := range map[string]struct{ email, role, password string }{
		"ErrBadEmail":      {"not-an-address", "member", "correct horse battery"},
		"ErrBadRole":       {"x@example.cz", "superuser", "correct horse battery"},
		"ErrShortPassword": {"y@example.cz", "member", "short"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := f.AddUser(ctx, tc.email, engine.Role(tc.role), "", tc.password)
			wantCode(t, err, engine.EINVALID)
		})
	}
}

func TestEngine_Authenticate(t *testing.T) {
	f := mustOpen(t)
	ctx := context.Background()
	token, err := f.CreateToken(ctx, "Coordinator@example.cz")
	mustNil(t, err)
	u, err := f.Authenticate(ctx, token)
	mustNil(t, err)
	if u.ID != f.coordinator.ID {
		t.Errorf("token belongs to %s, want %s", u.Email, f.coordinator.Email)
	}
	for _, bad := range []string{"", "trd_nope", token + "x", strings.TrimPrefix(token, "trd_")} {
		_, err := f.Authenticate(ctx, bad)
		wantCode(t, err, engine.EUNAUTHORIZED)
	}
	_, err = f.CreateToken(ctx, "nobody@example.cz")
	wantCode(t, err, engine.ENOTFOUND)
}

func TestValidICO(t *testing.T) {
	for ico, want := range map[string]bool{
		"00064581":  true,  // Hlavní město Praha: remainder 0, check digit 1
		"25596641":  true,  // remainder 0 too
		"45274061":  true,  // remainder 10: check digit 1
		"00000060":  true,  // remainder 1: check digit 0
		"47196556":  true,  // remainder 5: check digit 6
		"00064582":  false, // wrong check digit
		"0006458":   false,
		"000645810": false,
		"0006458a":  false,
		"":          false,
	} {
		if got := engine.ValidICO(ico); got != want {
			t.Errorf("ValidICO(%q) = %v, want %v", ico, got, want)
		}
	}
}

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"Pečovatelská služba": "pecovatelska sluzba",
		"  ŽLUŤOUČKÝ   kůň ":  "zlutoucky kun",
		"Opatrovateľská":      "opatrovatelska",
	} {
		if got := engine.Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}
