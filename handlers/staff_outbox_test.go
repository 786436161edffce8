package handlers

import (
	"context"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/triada-kpss/triada/engine"
)

// mustFailedMail queues a message and lets one attempt fail for good.
func (f *pageFixture) mustFailedMail(tb testing.TB, m engine.Mail) {
	tb.Helper()
	ctx := context.Background()
	if err := f.eng.QueueMail(ctx, m); err != nil {
		tb.Fatal(err)
	}
	claimed, err := f.eng.ClaimMail(ctx, "test-worker", time.Minute, 10)
	if err != nil || len(claimed) != 1 {
		tb.Fatalf("claimed %d, %v", len(claimed), err)
	}
	if err := f.eng.MailNotSent(ctx, claimed[0], &smtpRefusal{}, f.eng.Now(), true); err != nil {
		tb.Fatal(err)
	}
}

type smtpRefusal struct{}

func (*smtpRefusal) Error() string { return "550 5.1.1 mailbox unavailable" }

func TestStaff_Outbox(t *testing.T) {
	f := MustServePages(t, PageOptions{})
	body := "Dobrý den, tajný text připomínky, který členové nikdy neuvidí."
	f.mustFailedMail(t, engine.Mail{ID: "receipt:c1", To: "jana@example.cz", Subject: "Potvrzení připomínky P-2027-001",
		Text: body, Cause: "comment:c1"})
	if err := f.eng.QueueMail(context.Background(), engine.Mail{ID: "receipt:c2", To: "petr@example.cz",
		Subject: "Potvrzení připomínky P-2027-002", Text: body, Cause: "comment:c2"}); err != nil {
		t.Fatal(err)
	}
	state := func(id string) *engine.OutboxMessage {
		m, err := f.eng.Store().FindOutbox(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		return m
	}

	t.Run("Anonymous", func(t *testing.T) {
		v := f.visitor(t)
		v.get("/work/outbox").redirects(t, "/signin?next=%2Fwork%2Foutbox")
		v.post("/work/outbox/retry", url.Values{"id": {"receipt:c1"}}).want(t, http.StatusUnauthorized)
	})
	t.Run("Member", func(t *testing.T) {
		v := f.signedIn(t, "clen@example.cz", engine.RoleMember)
		v.get("/work").want(t, http.StatusOK).lacks(t, `href="/work/outbox"`)
		v.get("/work/outbox").want(t, http.StatusForbidden).lacks(t, "P-2027-001", "jana@example.cz", body)
		v.get("/work/outbox?state=failed").want(t, http.StatusForbidden).lacks(t, "P-2027-001")
		v.post("/work/outbox/retry", url.Values{"id": {"receipt:c1"}}).want(t, http.StatusForbidden)
		if state("receipt:c1").State != engine.MailFailed {
			t.Fatal("a member's retry changed the message")
		}
	})
	t.Run("Admin", func(t *testing.T) {
		v := f.signedIn(t, "admin@example.cz", engine.RoleAdmin)
		v.get("/work/outbox").want(t, http.StatusOK, "P-2027-001", "P-2027-002").lacks(t, body)
	})
	t.Run("Coordinator", func(t *testing.T) {
		v := f.signedIn(t, "koordinator@example.cz", engine.RoleCoordinator)
		v.get("/work").want(t, http.StatusOK, `href="/work/outbox"`)
		all := v.get("/work/outbox").want(t, http.StatusOK, `<a class="tabs__link" href="/work/outbox" aria-current="page">Všechny</a>`,
			"Potvrzení připomínky P-2027-001", "jana@example.cz", "Neodesláno", "550 5.1.1 mailbox unavailable",
			"Potvrzení připomínky P-2027-002", "Ve frontě", "Zkusit znovu odeslat", `aria-current="page">Odchozí e-maily</a>`)
		all.lacks(t, body)
		v.get("/work/outbox?state=failed").want(t, http.StatusOK, "P-2027-001", `href="/work/outbox?state=failed" aria-current="page"`).
			lacks(t, "P-2027-002")
		v.get("/work/outbox?state=sent").want(t, http.StatusOK, "V tomto stavu nejsou žádné zprávy.").lacks(t, "P-2027-00")
		v.get("/work/outbox?state=bogus").want(t, http.StatusUnprocessableEntity)

		v.post("/work/outbox/retry", url.Values{"id": {"receipt:c1"}, "csrf_token": {"forged"}}).want(t, http.StatusForbidden)
		if state("receipt:c1").State != engine.MailFailed {
			t.Fatal("a forged retry changed the message")
		}
		v.post("/work/outbox/retry", url.Values{"id": {"receipt:c1"}}).redirects(t, "/work/outbox?state=failed")
		if m := state("receipt:c1"); m.State != engine.MailQueued || m.Attempts != 0 {
			t.Fatalf("after the retry: %s, %d attempts", m.State, m.Attempts)
		}
		v.post("/work/outbox/retry", url.Values{"id": {"receipt:c1"}}).want(t, http.StatusConflict, "znovu odeslat lze jen e-maily, jejichž odeslání selhalo")
		v.post("/work/outbox/retry", url.Values{"id": {"nothing"}}).want(t, http.StatusNotFound)
	})
}
