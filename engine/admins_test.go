package engine_test

import (
	"context"
	"sync"
	"testing"

	"github.com/triada-kpss/triada/engine"
)

// TestEngine_LastAdmin_Race: two admins demote or remove each other at
// the same moment, many times over. Whatever the interleaving, an admin
// remains, and each request that was refused left its target as it was.
func TestEngine_LastAdmin_Race(t *testing.T) {
	f := mustOpen(t)
	ctx := context.Background()
	other := f.mustUser(t, "druhy-admin@example.cz", engine.RoleAdmin)
	for round := range 60 {
		remove := round%2 == 1 // odd rounds: the first removes the second
		var wg sync.WaitGroup
		var errDemote, errOther error
		wg.Go(func() {
			if remove {
				errDemote = f.RemoveUser(ctx, f.admin, other.ID)
			} else {
				_, errDemote = f.ChangeRole(ctx, f.admin, other.ID, engine.RoleCoordinator)
			}
		})
		wg.Go(func() { _, errOther = f.ChangeRole(ctx, other, f.admin.ID, engine.RoleCoordinator) })
		wg.Wait()
		for _, err := range []error{errDemote, errOther} {
			if err != nil && engine.ErrorCode(err) != engine.ECONFLICT {
				t.Fatalf("round %d: %v", round, err)
			}
		}
		users, err := f.ListUsers(ctx, f.admin)
		mustNil(t, err)
		roles := map[string]engine.Role{}
		for _, u := range users {
			roles[u.ID] = u.Role
		}
		if roles[f.admin.ID] != engine.RoleAdmin && roles[other.ID] != engine.RoleAdmin {
			t.Fatalf("round %d (remove %v): no admin left: %v, %v", round, remove, errDemote, errOther)
		}
		if errOther != nil && roles[f.admin.ID] != engine.RoleAdmin {
			t.Fatalf("round %d: the refused demotion left %s a %q", round, f.admin.Email, roles[f.admin.ID])
		}
		if errDemote != nil && roles[other.ID] != engine.RoleAdmin {
			t.Fatalf("round %d (remove %v): the refused request left %s a %q", round, remove, other.Email, roles[other.ID])
		}
		// Both admins again for the next round, by whichever is one.
		restorer := f.admin
		if roles[f.admin.ID] != engine.RoleAdmin {
			restorer = other
		}
		for _, u := range []*engine.User{f.admin, other} {
			if r, ok := roles[u.ID]; ok && r != engine.RoleAdmin {
				_, err := f.ChangeRole(ctx, restorer, u.ID, engine.RoleAdmin)
				mustNil(t, err)
			}
		}
		if roles[other.ID] == "" { // removed
			other = f.mustUser(t, "druhy-admin@example.cz", engine.RoleAdmin)
		}
	}
}
