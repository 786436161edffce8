package main_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	main "github.com/triada-kpss/triada/cmd/triada"
	"github.com/triada-kpss/triada/engine"
	"github.com/triada-kpss/triada/internal/smtptest"
)

// openConsultation creates a comment period that is open now.
func openConsultation(t *testing.T, m *main.Main) {
	t.Helper()
	ctx := context.Background()
	k, err := m.Engine.AddUser(ctx, "koordinator@slany.example.cz", engine.RoleCoordinator, "", "correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	_, err = m.Engine.CreateConsultation(ctx, k, engine.ConsultationInput{
		ID: "kp-2027", Title: "Komunitní plán Slaný 2027–2029",
		Sections: []engine.SectionInput{{ID: "seniori", Title: "Senioři"}},
		OpensAt:  time.Now().Add(-time.Hour), ClosesAt: time.Now().Add(time.Hour),
	})
	if err != nil {
		t.Fatal(err)
	}
}

const commentBody = `{"section":"seniori","text":"Chybí odlehčovací služba.","language":"sk",
	"author":{"name":"Jana Nováková","email":"jana@example.cz","municipality":"Slaný"}}`

// TestServe_SendsReceiptOverSMTP: a comment through the API, its
// receipt through the outbox worker that Run starts, to a real SMTP
// server.
func TestServe_SendsReceiptOverSMTP(t *testing.T) {
	srv := smtptest.Start(t, smtptest.Options{})
	cfg := main.DefaultConfig()
	cfg.Addr, cfg.DataDir = "127.0.0.1:0", t.TempDir()
	cfg.SMTPHost, cfg.SMTPPort, cfg.SMTPTLS, cfg.MailFrom = srv.Host, srv.Port, "none", "Triada <triada@slany.example.cz>"
	m := main.NewMain(cfg, nil)
	if err := m.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	openConsultation(t, m)
	code, body := call(t, "POST", m.URL()+"api/v1/consultations/kp-2027/comments", "", commentBody)
	if code != 201 {
		t.Fatalf("POST comment: %d %v", code, body)
	}
	got := srv.Wait(t, 1, 15*time.Second)
	data := string(got[0].Data)
	if got[0].To[0] != "jana@example.cz" || !strings.Contains(data, "=?UTF-8?q?Potvrdenie_pripomienky_P-") {
		t.Fatalf("message to %v:\n%s", got[0].To, data)
	}
	if _, err := os.Stat(filepath.Join(cfg.DataDir, "outbox")); !os.IsNotExist(err) {
		t.Errorf("with SMTP set, the outbox folder exists (%v)", err)
	}
	if err := m.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestServe_WritesEMLWithoutSMTP: no SMTP server set, the receipt is a
// file under DATA_DIR/outbox.
func TestServe_WritesEMLWithoutSMTP(t *testing.T) {
	dir := t.TempDir()
	m := MustRunMain(t, dir)
	openConsultation(t, m)
	code, body := call(t, "POST", m.URL()+"api/v1/consultations/kp-2027/comments", "", commentBody)
	if code != 201 {
		t.Fatalf("POST comment: %d %v", code, body)
	}
	deadline := time.Now().Add(15 * time.Second)
	for {
		files, _ := filepath.Glob(filepath.Join(dir, "outbox", "*.eml"))
		if len(files) == 1 {
			data, err := os.ReadFile(files[0])
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(data), "To: <jana@example.cz>") {
				t.Fatalf("file %s:\n%s", files[0], data)
			}
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("no .eml file after 15 s: %v", files)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
