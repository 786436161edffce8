package storetest

import (
	"testing"
	"time"

	"github.com/triada-kpss/triada/engine"
)

// people checks what the staff pages for people, groups, invitations and
// consultations change (engine.PeopleStore).
func (s *suite) people(t *testing.T) {
	passwordToken := func(hash, userID string) *engine.PasswordToken {
		return &engine.PasswordToken{Hash: hash, UserID: userID, CreatedAt: at(3, 9), ExpiresAt: at(10, 9)}
	}
	session := func(hash, userID string) *engine.Session {
		return &engine.Session{Hash: hash, UserID: userID, CSRF: "c", CreatedAt: at(3, 9), ExpiresAt: at(3, 9).Add(12 * time.Hour)}
	}

	t.Run("PasswordToken", func(t *testing.T) {
		s.test(t, "RoundTripAndUseOnce", func(t *testing.T, st engine.Store) {
			mustCreateUser(t, st, "u1")
			want := passwordToken("p1", "u1")
			noErr(t, "CreatePasswordToken", st.CreatePasswordToken(ctx, want))
			wantErr(t, "CreatePasswordToken twice", st.CreatePasswordToken(ctx, want), engine.ErrDuplicate)
			got, err := st.FindPasswordToken(ctx, "p1")
			noErr(t, "FindPasswordToken", err)
			wantEqual(t, "token", got, want)
			noErr(t, "UsePasswordToken", st.UsePasswordToken(ctx, "p1", at(4, 9)))
			wantErr(t, "UsePasswordToken twice", st.UsePasswordToken(ctx, "p1", at(4, 10)), engine.ErrConflict)
			got, err = st.FindPasswordToken(ctx, "p1")
			noErr(t, "FindPasswordToken", err)
			want.UsedAt = ptr(at(4, 9))
			wantEqual(t, "used token", got, want)
		})
		s.test(t, "DeleteAllButOne", func(t *testing.T, st engine.Store) {
			mustCreateUser(t, st, "u1")
			mustCreateUser(t, st, "u2")
			for _, tk := range []*engine.PasswordToken{passwordToken("a", "u1"), passwordToken("b", "u1"), passwordToken("c", "u2")} {
				noErr(t, "CreatePasswordToken", st.CreatePasswordToken(ctx, tk))
			}
			noErr(t, "DeletePasswordTokens", st.DeletePasswordTokens(ctx, "u1", "b"))
			_, err := st.FindPasswordToken(ctx, "a")
			wantErr(t, "FindPasswordToken a", err, engine.ErrNotFound)
			for _, h := range []string{"b", "c"} {
				_, err := st.FindPasswordToken(ctx, h)
				noErr(t, "FindPasswordToken "+h, err)
			}
			noErr(t, "DeletePasswordTokens of nobody", st.DeletePasswordTokens(ctx, "nobody", ""))
		})
		s.test(t, "ErrNotFound", func(t *testing.T, st engine.Store) {
			_, err := st.FindPasswordToken(ctx, "nope")
			wantErr(t, "FindPasswordToken", err, engine.ErrNotFound)
			wantErr(t, "UsePasswordToken", st.UsePasswordToken(ctx, "nope", at(4, 9)), engine.ErrNotFound)
		})
	})

	t.Run("DeleteUserSessions", func(t *testing.T) {
		s.test(t, "OnlyTheirs", func(t *testing.T, st engine.Store) {
			mustCreateUser(t, st, "u1")
			mustCreateUser(t, st, "u2")
			for _, sess := range []*engine.Session{session("a", "u1"), session("b", "u1"), session("c", "u2")} {
				noErr(t, "CreateSession", st.CreateSession(ctx, sess))
			}
			noErr(t, "DeleteUserSessions", st.DeleteUserSessions(ctx, "u1"))
			noErr(t, "DeleteUserSessions of nobody", st.DeleteUserSessions(ctx, "nobody"))
			for _, h := range []string{"a", "b"} {
				_, err := st.FindSession(ctx, h, at(3, 10))
				wantErr(t, "FindSession "+h, err, engine.ErrNotFound)
			}
			_, err := st.FindSession(ctx, "c", at(3, 10))
			noErr(t, "FindSession c", err)
		})
	})

	t.Run("DeleteUser", func(t *testing.T) {
		s.test(t, "WithSessionsTokensAndLinks", func(t *testing.T, st engine.Store) {
			mustCreateUser(t, st, "u1")
			u2 := mustCreateUser(t, st, "u2")
			noErr(t, "CreateSession", st.CreateSession(ctx, session("s1", "u1")))
			noErr(t, "CreateToken", st.CreateToken(ctx, &engine.Token{Hash: "t1", UserID: "u1", CreatedAt: at(3, 9)}))
			noErr(t, "CreatePasswordToken", st.CreatePasswordToken(ctx, passwordToken("p1", "u1")))
			noErr(t, "DeleteUser", st.DeleteUser(ctx, "u1"))
			wantErr(t, "DeleteUser twice", st.DeleteUser(ctx, "u1"), engine.ErrNotFound)
			_, err := st.FindUserByID(ctx, "u1")
			wantErr(t, "FindUserByID", err, engine.ErrNotFound)
			_, err = st.FindSession(ctx, "s1", at(3, 10))
			wantErr(t, "FindSession", err, engine.ErrNotFound)
			_, err = st.FindToken(ctx, "t1")
			wantErr(t, "FindToken", err, engine.ErrNotFound)
			_, err = st.FindPasswordToken(ctx, "p1")
			wantErr(t, "FindPasswordToken", err, engine.ErrNotFound)
			users, err := st.ListUsers(ctx)
			noErr(t, "ListUsers", err)
			wantEqual(t, "users", users, []*engine.User{u2})
		})
	})

	t.Run("UpdateGroup", func(t *testing.T) {
		s.test(t, "KeepsMembers", func(t *testing.T, st engine.Store) {
			g := group("seniori")
			g.Members = []string{"u1"}
			noErr(t, "CreateGroup", st.CreateGroup(ctx, g))
			g.Name, g.Description, g.Tags = "Senioři a pečující", "Služby pro seniory.", []string{"seniori"}
			noErr(t, "UpdateGroup", st.UpdateGroup(ctx, g))
			got, err := st.FindGroup(ctx, "seniori")
			noErr(t, "FindGroup", err)
			wantEqual(t, "group", got, g)
		})
		s.test(t, "ErrNotFound", func(t *testing.T, st engine.Store) {
			wantErr(t, "UpdateGroup", st.UpdateGroup(ctx, group("nikdo")), engine.ErrNotFound)
		})
	})

	t.Run("UpdateConsultation", func(t *testing.T) {
		s.test(t, "ByVersion", func(t *testing.T, st engine.Store) {
			c := mustCreateConsultation(t, st, "kp")
			edit := *c
			edit.Title, edit.Version = "Nový název", 1
			edit.Sections = []engine.Section{{ID: "seniori", Title: "Senioři", Text: "Opraveno."}}
			edit.ClosesAt = c.ClosesAt.Add(24 * time.Hour)
			noErr(t, "UpdateConsultation", st.UpdateConsultation(ctx, &edit, 0))
			got, err := st.FindConsultation(ctx, "kp")
			noErr(t, "FindConsultation", err)
			wantEqual(t, "consultation", got, &edit)
			stale := edit
			stale.Title, stale.Version = "Jiný", 1
			wantErr(t, "UpdateConsultation of a stale version", st.UpdateConsultation(ctx, &stale, 0), engine.ErrConflict)
		})
		s.test(t, "Published", func(t *testing.T, st engine.Store) {
			c := mustCreateConsultation(t, st, "kp")
			noErr(t, "PublishConsultation", st.PublishConsultation(ctx, "kp", at(6, 9)))
			c.Version = 1
			wantErr(t, "UpdateConsultation", st.UpdateConsultation(ctx, c, 0), engine.ErrConflict)
		})
		s.test(t, "ErrNotFound", func(t *testing.T, st engine.Store) {
			wantErr(t, "UpdateConsultation", st.UpdateConsultation(ctx, consultation("nic"), 0), engine.ErrNotFound)
		})
	})

	t.Run("InviteLinks", func(t *testing.T) {
		s.test(t, "ReminderLeadsToInvite", func(t *testing.T, st engine.Store) {
			mustCreateQuestionnaire(t, st, "kapacity")
			inv := invite("h1", "kapacity", "charita@example.cz")
			inv.ICO = "25669087"
			noErr(t, "CreateInvite", st.CreateInvite(ctx, inv))
			mustCreateInvite(t, st, "h2", "kapacity", "diakonie@example.cz")
			noErr(t, "AddInviteLink", st.AddInviteLink(ctx, "h1", "l1", at(5, 9)))
			noErr(t, "AddInviteLink", st.AddInviteLink(ctx, "h1", "l2", at(6, 9)))
			inv.RemindedAt, inv.Reminders = ptr(at(6, 9)), 2
			for _, l := range []string{"l1", "l2"} {
				got, err := st.FindInviteByLink(ctx, l)
				noErr(t, "FindInviteByLink "+l, err)
				wantEqual(t, "invite", got, inv)
			}
			got, err := st.FindInvite(ctx, "h1")
			noErr(t, "FindInvite", err)
			wantEqual(t, "invite", got, inv)
			_, err = st.FindInviteByLink(ctx, "h1")
			wantErr(t, "FindInviteByLink of an invite's own hash", err, engine.ErrNotFound)
			wantErr(t, "AddInviteLink to nothing", st.AddInviteLink(ctx, "nope", "l3", at(6, 9)), engine.ErrNotFound)
		})
		s.test(t, "DeleteInvite", func(t *testing.T, st engine.Store) {
			mustCreateQuestionnaire(t, st, "kapacity")
			mustCreateInvite(t, st, "h1", "kapacity", "charita@example.cz")
			other := mustCreateInvite(t, st, "h2", "kapacity", "diakonie@example.cz")
			noErr(t, "AddInviteLink", st.AddInviteLink(ctx, "h1", "l1", at(5, 9)))
			noErr(t, "DeleteInvite", st.DeleteInvite(ctx, "h1"))
			wantErr(t, "DeleteInvite twice", st.DeleteInvite(ctx, "h1"), engine.ErrNotFound)
			_, err := st.FindInvite(ctx, "h1")
			wantErr(t, "FindInvite", err, engine.ErrNotFound)
			_, err = st.FindInviteByLink(ctx, "l1")
			wantErr(t, "FindInviteByLink", err, engine.ErrNotFound)
			list, err := st.ListInvites(ctx, "kapacity")
			noErr(t, "ListInvites", err)
			wantEqual(t, "invites", list, []*engine.Invite{other})
		})
	})
}
