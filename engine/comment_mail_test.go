package engine_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/triada-kpss/triada/engine"
)

func mustOutbox(tb testing.TB, e *engine.Engine, id string) *engine.OutboxMessage {
	tb.Helper()
	m, err := e.Store().FindOutbox(context.Background(), id)
	if err != nil {
		tb.Fatalf("FindOutbox %s: %v", id, err)
	}
	return m
}

func wantContains(tb testing.TB, what, s string, parts ...string) {
	tb.Helper()
	for _, p := range parts {
		if !strings.Contains(s, p) {
			tb.Errorf("%s lacks %q:\n%s", what, p, s)
		}
	}
}

func TestEngine_CommentMails(t *testing.T) {
	f := mustOpen(t)
	ctx := context.Background()
	e := engine.New(f.Store(), engine.Options{Now: f.clock.Now, BaseURL: "https://triada.slany.example.cz/"})
	f.mustConsultation(t)
	f.clock.Set(time.Date(2007, 10, 5, 0, 0, 0, 0, time.UTC))

	cs := comment("seniors", "Chybí odlehčovací služba.\nProsím doplnit.")
	c1, err := e.SubmitComment(ctx, "kp-2008", cs)
	mustNil(t, err)
	sk := comment("", "Chýba odľahčovacia služba.")
	sk.Language, sk.Author.Email = "sk", "Eva@Example.SK"
	c2, err := e.SubmitComment(ctx, "kp-2008", sk)
	mustNil(t, err)
	bad := comment("", "x")
	bad.Language = "de"
	_, err = e.SubmitComment(ctx, "kp-2008", bad)
	wantCode(t, err, engine.EINVALID)

	r1 := mustOutbox(t, e, "receipt:"+c1.ID)
	if r1.State != engine.MailQueued || r1.To != "jan@example.cz" || r1.Cause != "comment:"+c1.ID {
		t.Errorf("receipt: state %s, to %s, cause %s", r1.State, r1.To, r1.Cause)
	}
	wantContains(t, "Czech receipt subject", r1.Subject, "Potvrzení připomínky P-2007-001", "Komunitní plán Slaný 2008–2010")
	wantContains(t, "Czech receipt", r1.Text, "Dobrý den,", "P-2007-001", "„Komunitní plán Slaný 2008–2010“",
		"Část návrhu: Senioři", "> Chybí odlehčovací služba.\n> Prosím doplnit.")
	r2 := mustOutbox(t, e, "receipt:"+c2.ID)
	wantContains(t, "Slovak receipt", r2.Subject+"\n"+r2.Text, "Potvrdenie pripomienky P-2007-002", "Dobrý deň,",
		"Časť návrhu: celý dokument", "> Chýba odľahčovacia služba.")
	if r2.To != "eva@example.sk" {
		t.Errorf("Slovak receipt to %s", r2.To)
	}
	if got, _ := e.Store().ListOutbox(ctx, "", 10); len(got) != 2 {
		t.Fatalf("%d messages after two comments and one refused, want 2", len(got))
	}

	// Publishing: refused while comments are untriaged, with no mail.
	f.clock.Set(time.Date(2007, 11, 2, 0, 0, 0, 0, time.UTC))
	_, err = e.PublishConsultation(ctx, f.coordinator, "kp-2008")
	wantCode(t, err, engine.ECONFLICT)
	if _, err := e.Store().FindOutbox(ctx, "outcome:"+c1.ID); err == nil {
		t.Fatal("an outcome e-mail before publication")
	}
	_, err = e.TriageComment(ctx, f.coordinator, c1.ID, engine.TriageInput{Relevance: engine.Relevant})
	mustNil(t, err)
	_, err = e.DecideComment(ctx, f.coordinator, c1.ID, engine.DecisionInput{Outcome: "partially_accepted", Response: "Doplníme od roku 2009."})
	mustNil(t, err)
	_, err = e.TriageComment(ctx, f.coordinator, c2.ID, engine.TriageInput{Relevance: engine.NotRelevant, Response: "Netýka sa plánu."})
	mustNil(t, err)
	_, err = e.PublishConsultation(ctx, f.member, "kp-2008")
	wantCode(t, err, engine.EFORBIDDEN)
	_, err = e.PublishConsultation(ctx, f.coordinator, "kp-2008")
	mustNil(t, err)

	o1 := mustOutbox(t, e, "outcome:"+c1.ID)
	if o1.State != engine.MailQueued || o1.Cause != "comment:"+c1.ID {
		t.Errorf("outcome: state %s, cause %s", o1.State, o1.Cause)
	}
	wantContains(t, "Czech outcome", o1.Subject+"\n"+o1.Text, "Vypořádání připomínky P-2007-001",
		"Výsledek: připomínka byla přijata částečně.", "Doplníme od roku 2009.",
		"https://triada.slany.example.cz/c/kp-2008/outcomes")
	o2 := mustOutbox(t, e, "outcome:"+c2.ID)
	wantContains(t, "Slovak outcome", o2.Subject+"\n"+o2.Text, "Vyhodnotenie pripomienky P-2007-002",
		"pripomienka nebola posúdená ako relevantná", "Netýka sa plánu.", "/c/kp-2008/outcomes")
}

// TestEngine_HeldMailAfterACrash plays what the sweeper finds when a
// process dies between holding an e-mail and releasing it.
func TestEngine_HeldMailAfterACrash(t *testing.T) {
	f := mustOpen(t)
	ctx := context.Background()
	f.mustConsultation(t)
	f.clock.Set(time.Date(2007, 10, 5, 0, 0, 0, 0, time.UTC))
	saved, err := f.SubmitComment(ctx, "kp-2008", comment("seniors", "Saved."))
	mustNil(t, err)
	m := engine.Mail{To: "jan@example.cz", Subject: "Potvrzení", Text: "Text"}
	// Held for a comment that was saved, and for one that was not.
	m.ID = "crash:saved"
	mustNil(t, f.QueueHeldMail(ctx, m, "comment:"+saved.ID))
	m.ID = "crash:lost"
	mustNil(t, f.QueueHeldMail(ctx, m, "comment:never-saved"))
	// Held for a publication that has not happened yet.
	m.ID = "crash:outcome"
	mustNil(t, f.QueueHeldMail(ctx, m, "published:kp-2008"))

	sweep := func(wantReleased, wantDropped int) {
		t.Helper()
		r, d, err := f.SweepHeldMail(ctx)
		mustNil(t, err)
		if r != wantReleased || d != wantDropped {
			t.Fatalf("sweep at %v: released %d, dropped %d; want %d, %d", f.clock.Now(), r, d, wantReleased, wantDropped)
		}
	}
	sweep(0, 0) // within the grace period nothing is touched
	f.clock.Set(f.clock.Now().Add(engine.HeldGrace + time.Second))
	sweep(1, 0)
	if got := mustOutbox(t, f.Engine, "crash:saved"); got.State != engine.MailQueued {
		t.Fatalf("the saved comment's e-mail is %s", got.State)
	}
	f.clock.Set(f.clock.Now().Add(engine.HeldTimeout))
	// The consultation gets published (by another instance, say) just
	// before the sweep: its outcome is released, the lost one dropped.
	f.clock.Set(time.Date(2007, 11, 2, 0, 0, 0, 0, time.UTC))
	mustNil(t, f.Store().PublishConsultation(ctx, "kp-2008", f.clock.Now()))
	sweep(1, 1)
	if _, err := f.Store().FindOutbox(ctx, "crash:lost"); err == nil {
		t.Fatal("the e-mail of a comment that was never saved is kept")
	}
	if got := mustOutbox(t, f.Engine, "crash:outcome"); got.State != engine.MailQueued {
		t.Fatalf("the outcome e-mail is %s", got.State)
	}
	// Holding an id again while its action is retried keeps one message.
	m.ID = "crash:retried"
	mustNil(t, f.QueueHeldMail(ctx, m, "other"))
	f.clock.Set(f.clock.Now().Add(engine.HeldTimeout - time.Minute))
	mustNil(t, f.QueueHeldMail(ctx, m, "other"))
	f.clock.Set(f.clock.Now().Add(2 * time.Minute))
	sweep(0, 0) // refreshed: not dropped although first held over an hour ago
	mustNil(t, f.ReleaseMail(ctx, "crash:retried"))
	if got := mustOutbox(t, f.Engine, "crash:retried"); got.State != engine.MailQueued {
		t.Fatalf("released: %s", got.State)
	}
}

func TestEngine_QueueMailChecks(t *testing.T) {
	f := mustOpen(t)
	ctx := context.Background()
	ok := engine.Mail{ID: "x", To: "jan@example.cz", Subject: "S", Text: "T"}
	for name, m := range map[string]engine.Mail{
		"NoID":            {To: ok.To, Subject: ok.Subject, Text: ok.Text},
		"BadRecipient":    {ID: "x", To: "jan@", Subject: ok.Subject, Text: ok.Text},
		"NoSubject":       {ID: "x", To: ok.To, Text: ok.Text},
		"SubjectTwoLines": {ID: "x", To: ok.To, Subject: "a\r\nBcc: eve@example.cz", Text: ok.Text},
		"NoText":          {ID: "x", To: ok.To, Subject: ok.Subject, Text: " \n"},
	} {
		t.Run(name, func(t *testing.T) {
			wantCode(t, f.QueueMail(ctx, m), engine.EINVALID)
		})
	}
	mustNil(t, f.QueueMail(ctx, ok))
	_, err := f.ListMail(ctx, f.member, "")
	wantCode(t, err, engine.EFORBIDDEN)
	_, err = f.ListMail(ctx, f.coordinator, "bogus")
	wantCode(t, err, engine.EINVALID)
	got, err := f.ListMail(ctx, f.admin, engine.MailQueued)
	mustNil(t, err)
	if len(got) != 1 {
		t.Fatalf("ListMail: %d", len(got))
	}
	wantCode(t, f.RetryMail(ctx, f.coordinator, "nothing"), engine.ENOTFOUND)
}
