package storetest

import (
	"fmt"
	"slices"
	"sync"
	"testing"

	"github.com/triada-kpss/triada/engine"
)

func group(id string) *engine.Group {
	return &engine.Group{ID: id, Name: "Pracovní skupina " + id, Tags: []string{"seniori", "zdravotni-postizeni"},
		TargetGroups: []string{"osoby_se_zdravotnim_postizenim", "seniori"}, Members: []string{}, CreatedAt: at(4, 9)}
}

func (s *suite) groups(t *testing.T) {
	t.Run("CreateGroup", func(t *testing.T) {
		s.test(t, "RoundTrip", func(t *testing.T, st engine.Store) {
			want := group("seniori")
			want.Members = []string{"u2", "u1"}
			noErr(t, "CreateGroup", st.CreateGroup(ctx, want))
			got, err := st.FindGroup(ctx, "seniori")
			noErr(t, "FindGroup", err)
			wantEqual(t, "group", got, want)
		})
		s.test(t, "NilSlices", func(t *testing.T, st engine.Store) {
			want := &engine.Group{ID: "g", Name: "G", CreatedAt: at(4, 9)}
			noErr(t, "CreateGroup", st.CreateGroup(ctx, want))
			got, err := st.FindGroup(ctx, "g")
			noErr(t, "FindGroup", err)
			wantEqual(t, "group", got, want)
		})
		s.test(t, "ErrDuplicate", func(t *testing.T, st engine.Store) {
			noErr(t, "CreateGroup", st.CreateGroup(ctx, group("seniori")))
			wantErr(t, "CreateGroup twice", st.CreateGroup(ctx, group("seniori")), engine.ErrDuplicate)
		})
	})

	t.Run("FindGroup", func(t *testing.T) {
		s.test(t, "ErrNotFound", func(t *testing.T, st engine.Store) {
			noErr(t, "CreateGroup", st.CreateGroup(ctx, group("seniori")))
			_, err := st.FindGroup(ctx, "rodiny")
			wantErr(t, "FindGroup", err, engine.ErrNotFound)
		})
	})

	t.Run("ListGroups", func(t *testing.T) {
		s.test(t, "OrderedByID", func(t *testing.T, st engine.Store) {
			var want []*engine.Group
			for _, id := range []string{"seniori", "krize", "rodiny"} {
				g := group(id)
				noErr(t, "CreateGroup", st.CreateGroup(ctx, g))
				want = append(want, g)
			}
			want[0], want[1], want[2] = want[1], want[2], want[0]
			got, err := st.ListGroups(ctx)
			noErr(t, "ListGroups", err)
			wantEqual(t, "groups", got, want)
		})
	})

	t.Run("AddGroupMember", func(t *testing.T) {
		s.test(t, "OK", func(t *testing.T, st engine.Store) {
			want := group("seniori")
			noErr(t, "CreateGroup", st.CreateGroup(ctx, want))
			noErr(t, "CreateGroup", st.CreateGroup(ctx, group("rodiny")))
			for _, u := range []string{"u1", "u2"} {
				noErr(t, "AddGroupMember", st.AddGroupMember(ctx, "seniori", u))
			}
			want.Members = []string{"u1", "u2"}
			got, err := st.FindGroup(ctx, "seniori")
			noErr(t, "FindGroup", err)
			wantEqual(t, "group", got, want)
			other, err := st.FindGroup(ctx, "rodiny")
			noErr(t, "FindGroup", err)
			if len(other.Members) != 0 {
				t.Fatalf("members of another group: %v", other.Members)
			}
		})
		s.test(t, "Twice", func(t *testing.T, st engine.Store) {
			noErr(t, "CreateGroup", st.CreateGroup(ctx, group("seniori")))
			noErr(t, "AddGroupMember", st.AddGroupMember(ctx, "seniori", "u1"))
			noErr(t, "AddGroupMember again", st.AddGroupMember(ctx, "seniori", "u1"))
			got, err := st.FindGroup(ctx, "seniori")
			noErr(t, "FindGroup", err)
			wantEqual(t, "members", got.Members, []string{"u1"})
		})
		s.test(t, "ErrNotFound", func(t *testing.T, st engine.Store) {
			noErr(t, "CreateGroup", st.CreateGroup(ctx, group("seniori")))
			wantErr(t, "AddGroupMember", st.AddGroupMember(ctx, "rodiny", "u1"), engine.ErrNotFound)
		})
		s.test(t, "Concurrent", func(t *testing.T, st engine.Store) {
			noErr(t, "CreateGroup", st.CreateGroup(ctx, group("seniori")))
			const n = 8
			var want []string
			var wg sync.WaitGroup
			for i := range n {
				u := fmt.Sprint("u", i)
				want = append(want, u)
				wg.Go(func() {
					// Each member twice, at the same time as the others.
					for range 2 {
						if err := st.AddGroupMember(ctx, "seniori", u); err != nil {
							t.Errorf("AddGroupMember %s: %v", u, err)
						}
					}
				})
			}
			wg.Wait()
			got, err := st.FindGroup(ctx, "seniori")
			noErr(t, "FindGroup", err)
			members := slices.Sorted(slices.Values(got.Members))
			wantEqual(t, "members (sorted)", members, want)
		})
	})

	t.Run("RemoveGroupMember", func(t *testing.T) {
		s.test(t, "OK", func(t *testing.T, st engine.Store) {
			noErr(t, "CreateGroup", st.CreateGroup(ctx, group("seniori")))
			for _, u := range []string{"u1", "u2", "u3"} {
				noErr(t, "AddGroupMember", st.AddGroupMember(ctx, "seniori", u))
			}
			noErr(t, "RemoveGroupMember", st.RemoveGroupMember(ctx, "seniori", "u2"))
			got, err := st.FindGroup(ctx, "seniori")
			noErr(t, "FindGroup", err)
			wantEqual(t, "members", got.Members, []string{"u1", "u3"})
			noErr(t, "RemoveGroupMember of a non-member", st.RemoveGroupMember(ctx, "seniori", "u9"))
			for _, u := range []string{"u1", "u3"} {
				noErr(t, "RemoveGroupMember", st.RemoveGroupMember(ctx, "seniori", u))
			}
			got, err = st.FindGroup(ctx, "seniori")
			noErr(t, "FindGroup", err)
			if len(got.Members) != 0 {
				t.Fatalf("members after removing all: %v", got.Members)
			}
			noErr(t, "AddGroupMember after emptying", st.AddGroupMember(ctx, "seniori", "u4"))
		})
		s.test(t, "ErrNotFound", func(t *testing.T, st engine.Store) {
			wantErr(t, "RemoveGroupMember", st.RemoveGroupMember(ctx, "rodiny", "u1"), engine.ErrNotFound)
		})
	})
}
