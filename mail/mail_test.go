package mail_test

import (
	"bytes"
	"context"
	"crypto/tls"
	"fmt"
	"io"
	"mime"
	"mime/quotedprintable"
	netmail "net/mail"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/triada-kpss/triada/engine"
	"github.com/triada-kpss/triada/internal/smtptest"
	"github.com/triada-kpss/triada/mail"
	"github.com/triada-kpss/triada/store/sqlite"
)

const from = "Triada Slaný <triada@slany.example.cz>"

// newEngine returns an engine on a fresh SQLite store, and the file.
func newEngine(t *testing.T) (*engine.Engine, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "triada.db")
	return openEngine(t, path), path
}

// openEngine opens the database at path as another instance would.
func openEngine(t *testing.T, path string) *engine.Engine {
	t.Helper()
	st, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close() })
	return engine.New(st, engine.Options{})
}

func smtpSender(t *testing.T, srv *smtptest.Server, cfg mail.SMTPConfig) *mail.SMTPSender {
	t.Helper()
	cfg.Host, cfg.Port, cfg.From, cfg.Timeout = srv.Host, srv.Port, from, 5*time.Second
	if cfg.TLS == "" {
		cfg.TLS = mail.TLSNone
	}
	s, err := mail.NewSMTPSender(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// worker returns a worker with short waits for tests.
func worker(eng *engine.Engine, s mail.Sender) *mail.Worker {
	return &mail.Worker{Engine: eng, Sender: s, Interval: 10 * time.Millisecond, Backoff: 50 * time.Millisecond,
		MaxBackoff: time.Second, SendTimeout: 5 * time.Second, Lease: time.Minute}
}

var receipt = engine.Mail{
	ID: "receipt:c1", To: "jana.novakova@example.cz", Cause: "comment:c1",
	Subject: "Potvrzení připomínky P-2027-001 – Žluťoučký kůň úpěl ďábelské ódy",
	Text:    "Dobrý den,\n\nděkujeme za připomínku k plánu sociálních služeb města Slaný.\nVaše značka: P-2027-001\n",
}

func mustQueue(t *testing.T, eng *engine.Engine, m engine.Mail) {
	t.Helper()
	if err := eng.QueueMail(context.Background(), m); err != nil {
		t.Fatalf("QueueMail: %v", err)
	}
}

func find(t *testing.T, eng *engine.Engine, id string) *engine.OutboxMessage {
	t.Helper()
	m, err := eng.Store().FindOutbox(context.Background(), id)
	if err != nil {
		t.Fatalf("FindOutbox %s: %v", id, err)
	}
	return m
}

func runOnce(t *testing.T, w *mail.Worker) int {
	t.Helper()
	n, err := w.RunOnce(context.Background())
	if err != nil {
		t.Fatalf("RunOnce: %v", err)
	}
	return n
}

// parsed is a received message read back as a mail program would.
type parsed struct {
	header  netmail.Header
	subject string
	body    string
}

func parse(t *testing.T, data []byte) parsed {
	t.Helper()
	msg, err := netmail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("the message does not parse: %v\n%s", err, data)
	}
	subject, err := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	if err != nil {
		t.Fatalf("subject: %v", err)
	}
	var body io.Reader = msg.Body
	if strings.EqualFold(msg.Header.Get("Content-Transfer-Encoding"), "quoted-printable") {
		body = quotedprintable.NewReader(msg.Body)
	}
	b, err := io.ReadAll(body)
	if err != nil {
		t.Fatalf("body: %v", err)
	}
	return parsed{header: msg.Header, subject: subject, body: strings.ReplaceAll(string(b), "\r\n", "\n")}
}

// checkReceipt checks the headers and the UTF-8 subject and body.
func checkReceipt(t *testing.T, p parsed) {
	t.Helper()
	if p.subject != receipt.Subject {
		t.Errorf("Subject = %q, want %q", p.subject, receipt.Subject)
	}
	if !strings.Contains(p.body, "děkujeme za připomínku k plánu sociálních služeb města Slaný.\nVaše značka: P-2027-001") {
		t.Errorf("body = %q", p.body)
	}
	if ct := p.header.Get("Content-Type"); !strings.Contains(ct, "text/plain") || !strings.Contains(strings.ToLower(ct), "utf-8") {
		t.Errorf("Content-Type = %q, want text/plain in UTF-8", ct)
	}
	if to := p.header.Get("To"); !strings.Contains(to, receipt.To) {
		t.Errorf("To = %q", to)
	}
	if f, err := p.header.AddressList("From"); err != nil || len(f) != 1 || f[0].Address != "triada@slany.example.cz" || f[0].Name != "Triada Slaný" {
		t.Errorf("From = %q (%v)", p.header.Get("From"), err)
	}
	if id := p.header.Get("Message-Id"); !strings.HasSuffix(id, "@slany.example.cz>") {
		t.Errorf("Message-ID = %q", id)
	}
	if p.header.Get("Date") == "" || p.header.Get("Auto-Submitted") != "auto-generated" {
		t.Errorf("Date %q, Auto-Submitted %q", p.header.Get("Date"), p.header.Get("Auto-Submitted"))
	}
}

func TestSMTP_Delivers(t *testing.T) {
	srv := smtptest.Start(t, smtptest.Options{})
	eng, _ := newEngine(t)
	mustQueue(t, eng, receipt)
	mustQueue(t, eng, receipt) // the same id again: one message
	if n := runOnce(t, worker(eng, smtpSender(t, srv, mail.SMTPConfig{}))); n != 1 {
		t.Fatalf("sent %d, want 1", n)
	}
	got := srv.Messages()
	if len(got) != 1 {
		t.Fatalf("the server got %d messages, want 1", len(got))
	}
	if got[0].From != "triada@slany.example.cz" || len(got[0].To) != 1 || got[0].To[0] != receipt.To {
		t.Errorf("envelope from %q to %q", got[0].From, got[0].To)
	}
	checkReceipt(t, parse(t, got[0].Data))
	m := find(t, eng, receipt.ID)
	if m.State != engine.MailSent || m.Attempts != 1 || m.SentAt.IsZero() || m.LastError != "" {
		t.Errorf("after sending: state %s, attempts %d, sent %v, error %q", m.State, m.Attempts, m.SentAt, m.LastError)
	}
	if n := runOnce(t, worker(eng, smtpSender(t, srv, mail.SMTPConfig{}))); n != 0 || len(srv.Messages()) != 1 {
		t.Errorf("a second run sent %d more", n)
	}
}

func TestSMTP_AuthAndTLS(t *testing.T) {
	for _, mode := range []string{mail.TLSStartTLS, mail.TLSImplicit} {
		t.Run(mode, func(t *testing.T) {
			srv := smtptest.Start(t, smtptest.Options{Username: "triada", Password: "tajné heslo", StartTLS: mode == mail.TLSStartTLS, ImplicitTLS: mode == mail.TLSImplicit})
			eng, _ := newEngine(t)
			mustQueue(t, eng, receipt)
			tlsCfg := &tls.Config{RootCAs: srv.CertPool(), ServerName: "127.0.0.1", MinVersion: tls.VersionTLS12}
			bad := smtpSender(t, srv, mail.SMTPConfig{User: "triada", Password: "wrong", TLS: mode, TLSConfig: tlsCfg})
			runOnce(t, worker(eng, bad))
			if m := find(t, eng, receipt.ID); m.State == engine.MailSent || m.LastError == "" || len(srv.Messages()) != 0 {
				t.Fatalf("with a wrong password: state %s, error %q", m.State, m.LastError)
			}
			t.Logf("with a wrong password: %s, %q", find(t, eng, receipt.ID).State, find(t, eng, receipt.ID).LastError)
			time.Sleep(60 * time.Millisecond) // past the backoff
			good := smtpSender(t, srv, mail.SMTPConfig{User: "triada", Password: "tajné heslo", TLS: mode, TLSConfig: tlsCfg})
			if n := runOnce(t, worker(eng, good)); n != 1 {
				t.Fatalf("sent %d, want 1; last error %q", n, find(t, eng, receipt.ID).LastError)
			}
			checkReceipt(t, parse(t, srv.Messages()[0].Data))
		})
	}
}

func TestSMTP_RetriesWithBackoff(t *testing.T) {
	srv := smtptest.Start(t, smtptest.Options{})
	eng, _ := newEngine(t)
	mustQueue(t, eng, receipt)
	w := worker(eng, smtpSender(t, srv, mail.SMTPConfig{}))
	w.Backoff = 300 * time.Millisecond

	srv.Stop() // down: connections refused
	before := eng.Now()
	runOnce(t, w)
	after := eng.Now()
	m := find(t, eng, receipt.ID)
	if m.State != engine.MailQueued || m.Attempts != 1 || m.LastError == "" {
		t.Fatalf("after the server was down: %s, %d attempts, error %q", m.State, m.Attempts, m.LastError)
	}
	wantRetryAfter(t, m, before, after, 300*time.Millisecond)
	if n := runOnce(t, w); n != 0 || find(t, eng, receipt.ID).Attempts != 1 {
		t.Fatal("tried again before the backoff ended")
	}

	if err := srv.Restart(); err != nil {
		t.Fatal(err)
	}
	srv.Fail(451, 1) // up, but "try again later" once
	time.Sleep(time.Until(m.NextAttemptAt) + 10*time.Millisecond)
	before = eng.Now()
	runOnce(t, w)
	after = eng.Now()
	m = find(t, eng, receipt.ID)
	if m.State != engine.MailQueued || m.Attempts != 2 || !strings.Contains(m.LastError, "451") {
		t.Fatalf("after 451: %s, %d attempts, error %q", m.State, m.Attempts, m.LastError)
	}
	wantRetryAfter(t, m, before, after, 600*time.Millisecond) // doubled

	// Recovered: a running worker delivers it once.
	w.Start()
	defer w.Stop()
	srv.Wait(t, 1, 5*time.Second)
	time.Sleep(100 * time.Millisecond)
	if got := len(srv.Messages()); got != 1 || srv.Refused() != 1 {
		t.Fatalf("delivered %d times, refused %d, want 1 and 1", got, srv.Refused())
	}
	w.Stop()
	if m := find(t, eng, receipt.ID); m.State != engine.MailSent || m.Attempts != 3 {
		t.Errorf("at the end: %s after %d attempts", m.State, m.Attempts)
	}
}

// wantRetryAfter checks that the failed attempt made between before and
// after scheduled the next one wait later.
func wantRetryAfter(t *testing.T, m *engine.OutboxMessage, before, after time.Time, wait time.Duration) {
	t.Helper()
	if m.NextAttemptAt.Before(before.Add(wait)) || m.NextAttemptAt.After(after.Add(wait)) {
		t.Errorf("next attempt at %v, want %v after the attempt made between %v and %v", m.NextAttemptAt, wait, before, after)
	}
}

func TestSMTP_FailsAfterMaxAttemptsThenRetry(t *testing.T) {
	srv := smtptest.Start(t, smtptest.Options{})
	eng, _ := newEngine(t)
	mustQueue(t, eng, receipt)
	w := worker(eng, smtpSender(t, srv, mail.SMTPConfig{}))
	w.MaxAttempts, w.Backoff = 2, time.Millisecond
	srv.Fail(451, -1)
	for range 3 {
		runOnce(t, w)
		time.Sleep(5 * time.Millisecond)
	}
	m := find(t, eng, receipt.ID)
	if m.State != engine.MailFailed || m.Attempts != 2 || !strings.Contains(m.LastError, "451") {
		t.Fatalf("after refusals: %s, %d attempts, %q", m.State, m.Attempts, m.LastError)
	}
	member := &engine.User{ID: "u", Role: engine.RoleMember}
	if err := eng.RetryMail(context.Background(), member, receipt.ID); engine.ErrorCode(err) != engine.EFORBIDDEN {
		t.Fatalf("a member's retry: %v", err)
	}
	coordinator := &engine.User{ID: "k", Role: engine.RoleCoordinator}
	if err := eng.RetryMail(context.Background(), coordinator, receipt.ID); err != nil {
		t.Fatal(err)
	}
	if err := eng.RetryMail(context.Background(), coordinator, receipt.ID); engine.ErrorCode(err) != engine.ECONFLICT {
		t.Fatalf("retrying a queued message: %v", err)
	}
	srv.Fail(0, 0)
	if n := runOnce(t, w); n != 1 {
		t.Fatalf("after the retry sent %d", n)
	}
	if m := find(t, eng, receipt.ID); m.State != engine.MailSent || m.Attempts != 1 {
		t.Errorf("after the retry: %s, %d attempts", m.State, m.Attempts)
	}
}

func TestSMTP_PermanentRefusalFailsAtOnce(t *testing.T) {
	srv := smtptest.Start(t, smtptest.Options{})
	eng, _ := newEngine(t)
	mustQueue(t, eng, receipt)
	srv.Fail(550, 1)
	runOnce(t, worker(eng, smtpSender(t, srv, mail.SMTPConfig{})))
	if m := find(t, eng, receipt.ID); m.State != engine.MailFailed || m.Attempts != 1 || !strings.Contains(m.LastError, "550") {
		t.Fatalf("after 550: %s, %d attempts, %q", m.State, m.Attempts, m.LastError)
	}
}

// TestTwoWorkers_SendEachOnce runs two instances (two stores on one
// database file, a worker each) against one SMTP server.
func TestTwoWorkers_SendEachOnce(t *testing.T) {
	srv := smtptest.Start(t, smtptest.Options{})
	eng1, path := newEngine(t)
	eng2 := openEngine(t, path)
	const n = 40
	for i := range n {
		m := receipt
		m.ID, m.Subject = fmt.Sprintf("receipt:c%02d", i), fmt.Sprintf("Potvrzení %02d", i)
		mustQueue(t, eng1, m)
	}
	w1, w2 := worker(eng1, smtpSender(t, srv, mail.SMTPConfig{})), worker(eng2, smtpSender(t, srv, mail.SMTPConfig{}))
	w1.Batch, w2.Batch = 3, 3
	var wg sync.WaitGroup
	counts := make([]int, 2)
	for i, w := range []*mail.Worker{w1, w2} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			counts[i], _ = w.RunOnce(context.Background())
		}()
	}
	wg.Wait()
	got := srv.Messages()
	seen := map[string]int{}
	for _, m := range got {
		seen[parse(t, m.Data).subject]++
	}
	for s, k := range seen {
		if k != 1 {
			t.Errorf("%q delivered %d times", s, k)
		}
	}
	if len(got) != n || len(seen) != n || counts[0]+counts[1] != n {
		t.Fatalf("delivered %d (%d distinct), workers counted %v, want %d", len(got), len(seen), counts, n)
	}
	t.Logf("worker 1 sent %d, worker 2 sent %d", counts[0], counts[1])
}

func TestEMLWriter(t *testing.T) {
	eng, _ := newEngine(t)
	mustQueue(t, eng, receipt)
	dir := filepath.Join(t.TempDir(), "outbox")
	var wrote []string
	w := worker(eng, &mail.EMLWriter{Dir: dir, From: from, Wrote: func(p string, _ *engine.OutboxMessage) { wrote = append(wrote, p) }})
	if n := runOnce(t, w); n != 1 {
		t.Fatalf("wrote %d, want 1", n)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	if len(files) != 1 || len(wrote) != 1 || files[0] != wrote[0] || !strings.HasSuffix(files[0], ".eml") {
		t.Fatalf("files %v, reported %v", files, wrote)
	}
	if !strings.HasPrefix(filepath.Base(files[0]), "receipt_c1-") {
		t.Errorf("file name %s", files[0])
	}
	data, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	checkReceipt(t, parse(t, data))
	if find(t, eng, receipt.ID).State != engine.MailSent {
		t.Error("not marked sent")
	}
}

func TestWorker_StopsCleanly(t *testing.T) {
	eng, _ := newEngine(t)
	w := worker(eng, &mail.EMLWriter{Dir: t.TempDir(), From: from})
	w.Start()
	mustQueue(t, eng, receipt)
	deadline := time.Now().Add(5 * time.Second)
	for find(t, eng, receipt.ID).State != engine.MailSent {
		if time.Now().After(deadline) {
			t.Fatal("the running worker did not send the message")
		}
		time.Sleep(10 * time.Millisecond)
	}
	done := make(chan struct{})
	go func() { w.Stop(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Stop did not return")
	}
}

// TestWorker_WakesWhenMailIsReady: with a tick of an hour, a message
// queued through an engine that wakes the worker still leaves at once.
func TestWorker_WakesWhenMailIsReady(t *testing.T) {
	srv := smtptest.Start(t, smtptest.Options{})
	path := filepath.Join(t.TempDir(), "triada.db")
	st, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close() })
	w := &mail.Worker{Sender: smtpSender(t, srv, mail.SMTPConfig{}), Interval: time.Hour}
	eng := engine.New(st, engine.Options{MailReady: w.Wake})
	w.Engine = eng
	w.Start()
	defer w.Stop()
	time.Sleep(50 * time.Millisecond) // past the first look at the empty outbox
	mustQueue(t, eng, receipt)
	srv.Wait(t, 1, 5*time.Second)
}
