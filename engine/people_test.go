package engine_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/triada-kpss/triada/engine"
)

func TestEngine_People(t *testing.T) {
	f := mustOpen(t)
	ctx := context.Background()

	t.Run("ErrForbidden", func(t *testing.T) {
		_, err := f.ListUsers(ctx, f.coordinator)
		wantCode(t, err, engine.EFORBIDDEN)
		_, _, err = f.InviteUser(ctx, f.coordinator, "x@example.cz", engine.RoleMember, "X")
		wantCode(t, err, engine.EFORBIDDEN)
		_, _, err = f.ResetPassword(ctx, f.coordinator, f.member.ID)
		wantCode(t, err, engine.EFORBIDDEN)
		wantCode(t, f.RemoveUser(ctx, f.member, f.coordinator.ID), engine.EFORBIDDEN)
		_, err = f.ChangeRole(ctx, nil, f.member.ID, engine.RoleAdmin)
		wantCode(t, err, engine.EUNAUTHORIZED)
	})

	t.Run("InviteAndSetPasswordOnce", func(t *testing.T) {
		token, u, err := f.InviteUser(ctx, f.admin, " Nova@Example.cz ", engine.RoleCoordinator, " Nová ")
		mustNil(t, err)
		if u.Email != "nova@example.cz" || u.Name != "Nová" || u.PasswordHash != "" {
			t.Fatalf("invited user %+v", u)
		}
		_, _, _, err = f.SignIn(ctx, "nova@example.cz", "")
		wantCode(t, err, engine.EUNAUTHORIZED)
		_, err = f.SetPasswordWithLink(ctx, token, "short", "short")
		wantCode(t, err, engine.EINVALID)
		// Two submissions at once: one sets the password, the other is refused.
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for i := range errs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, errs[i] = f.SetPasswordWithLink(ctx, token, "nové dlouhé heslo", "nové dlouhé heslo")
			}()
		}
		wg.Wait()
		if (errs[0] == nil) == (errs[1] == nil) {
			t.Fatalf("two uses of one link: %v, %v", errs[0], errs[1])
		}
		_, _, _, err = f.SignIn(ctx, "nova@example.cz", "nové dlouhé heslo")
		mustNil(t, err)
		_, _, err = f.FindPasswordLink(ctx, token)
		wantCode(t, err, engine.ECONFLICT)
		// The same token but its last letter: no such link. (Replacing the
		// letter by a fixed one would, one time in 64, give the token back.)
		last := "A"
		if strings.HasSuffix(token, last) {
			last = "B"
		}
		_, _, err = f.FindPasswordLink(ctx, token[:len(token)-1]+last)
		wantCode(t, err, engine.ENOTFOUND)
		_, _, err = f.InviteUser(ctx, f.admin, "nova@example.cz", engine.RoleMember, "Znovu")
		wantCode(t, err, engine.ECONFLICT)
	})

	t.Run("ResetEndsSessions", func(t *testing.T) {
		session, _, _, err := f.SignIn(ctx, "member@example.cz", "correct horse battery")
		mustNil(t, err)
		older, _, err := f.ResetPassword(ctx, f.admin, f.member.ID)
		mustNil(t, err)
		token, _, err := f.ResetPassword(ctx, f.admin, f.member.ID)
		mustNil(t, err)
		_, _, err = f.FindPasswordLink(ctx, older)
		wantCode(t, err, engine.ENOTFOUND) // one link at a time
		_, _, err = f.SessionUser(ctx, session)
		wantCode(t, err, engine.EUNAUTHORIZED)
		_, _, _, err = f.SignIn(ctx, "member@example.cz", "correct horse battery")
		wantCode(t, err, engine.EUNAUTHORIZED)
		f.clock.Set(f.clock.Now().Add(engine.PasswordLinkTTL))
		_, err = f.SetPasswordWithLink(ctx, token, "pozdě nastavené heslo", "pozdě nastavené heslo")
		wantCode(t, err, engine.ECONFLICT)
	})

	t.Run("RemoveLeavesGroups", func(t *testing.T) {
		_, err := f.CreateGroup(ctx, f.coordinator, engine.GroupInput{ID: "seniori", Name: "Senioři", Tags: []string{"seniori"}})
		mustNil(t, err)
		_, err = f.AddGroupMember(ctx, f.coordinator, "seniori", "member@example.cz")
		mustNil(t, err)
		mustNil(t, f.RemoveUser(ctx, f.admin, f.member.ID))
		g, err := f.FindGroup(ctx, "seniori")
		mustNil(t, err)
		if len(g.Members) != 0 {
			t.Fatalf("members after the removal: %v", g.Members)
		}
		wantCode(t, f.RemoveUser(ctx, f.admin, f.member.ID), engine.ENOTFOUND)
	})

	t.Run("LastAdmin", func(t *testing.T) {
		_, err := f.ChangeRole(ctx, f.admin, f.admin.ID, engine.RoleMember)
		wantCode(t, err, engine.ECONFLICT)
		wantCode(t, f.RemoveUser(ctx, f.admin, f.admin.ID), engine.ECONFLICT)
		second, err := f.ChangeRole(ctx, f.admin, f.coordinator.ID, engine.RoleAdmin)
		mustNil(t, err)
		_, err = f.ChangeRole(ctx, second, f.admin.ID, engine.RoleCoordinator)
		mustNil(t, err)
		_, err = f.ChangeRole(ctx, second, second.ID, engine.RoleCoordinator)
		wantCode(t, err, engine.ECONFLICT)
	})
}

func TestEngine_RemindRevokeInvite(t *testing.T) {
	f := mustOpen(t)
	ctx := context.Background()
	f.mustProviderSurvey(t)
	first := f.mustInvite(t)
	inv, err := f.FindInvite(ctx, first)
	mustNil(t, err)
	hash := inv.Invite.Hash

	_, _, err = f.RemindInvite(ctx, f.member, "providers", hash)
	wantCode(t, err, engine.EFORBIDDEN)
	_, _, err = f.RemindInvite(ctx, f.coordinator, "needs-2027", hash)
	wantCode(t, err, engine.ENOTFOUND)
	fresh, reminded, err := f.RemindInvite(ctx, f.coordinator, "providers", hash)
	mustNil(t, err)
	if reminded.Reminders != 1 || reminded.RemindedAt == nil || fresh == first {
		t.Fatalf("reminder: %+v", reminded)
	}
	// Both links open the same invitation; an answer through the fresh
	// one is the invitation's.
	for _, token := range []string{first, fresh} {
		got, err := f.FindInvite(ctx, token)
		mustNil(t, err)
		if got.Invite.Hash != hash {
			t.Fatalf("link leads to %q, want %q", got.Invite.Hash, hash)
		}
	}
	_, _, err = f.SubmitInviteResponse(ctx, fresh, raw(t, `{"municipality":"znojmo"}`))
	mustNil(t, err)
	_, _, err = f.RemindInvite(ctx, f.coordinator, "providers", hash)
	wantCode(t, err, engine.ECONFLICT)

	_, err = f.RevokeInvite(ctx, f.coordinator, "providers", hash)
	mustNil(t, err)
	for _, token := range []string{first, fresh} {
		_, err := f.FindInvite(ctx, token)
		wantCode(t, err, engine.ENOTFOUND)
	}
	_, err = f.RevokeInvite(ctx, f.coordinator, "providers", hash)
	wantCode(t, err, engine.ENOTFOUND)
}

// Two coordinators save the same version of a consultation at once: one
// wins, the other gets ECONFLICT, and nothing is mixed.
func TestEngine_UpdateConsultation_Race(t *testing.T) {
	f := mustOpen(t)
	ctx := context.Background()
	in := engine.ConsultationInput{ID: "kp", Title: "Plán", Sections: []engine.SectionInput{{ID: "uvod", Title: "Úvod"}},
		OpensAt: time.Date(2027, 2, 1, 0, 0, 0, 0, time.UTC), ClosesAt: time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC)}
	_, err := f.CreateConsultation(ctx, f.coordinator, in)
	mustNil(t, err)
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i, title := range []string{"První", "Druhý"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			edit := in
			edit.Title = title
			_, errs[i] = f.UpdateConsultation(ctx, f.coordinator, "kp", 0, edit)
		}()
	}
	wg.Wait()
	if (errs[0] == nil) == (errs[1] == nil) {
		t.Fatalf("both or neither won: %v, %v", errs[0], errs[1])
	}
	c, err := f.FindConsultation(ctx, "kp")
	mustNil(t, err)
	if c.Version != 1 || (c.Title != "První" && c.Title != "Druhý") {
		t.Fatalf("after the race: version %d, title %q", c.Version, c.Title)
	}
	_, err = f.UpdateConsultation(ctx, f.member, "kp", 1, in)
	wantCode(t, err, engine.EFORBIDDEN)
}
