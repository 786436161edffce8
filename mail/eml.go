package mail

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/triada-kpss/triada/engine"
)

// EMLWriter "sends" each message by writing it as an .eml file into Dir:
// for installations without an SMTP server, and for trying Triada out.
// Any mail program opens the files.
type EMLWriter struct {
	Dir  string
	From string
	// Wrote, when set, is told the path of each file written (the
	// server logs it).
	Wrote func(path string, m *engine.OutboxMessage)
}

// Send writes m to Dir/ID.eml (the id made safe for a file name),
// through a temporary file renamed into place, so that no reader sees
// half a message; writing a message again replaces its file.
func (w *EMLWriter) Send(_ context.Context, m *engine.OutboxMessage) error {
	msg, err := build(w.From, m)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(w.Dir, 0o750); err != nil {
		return fmt.Errorf("mail: create the outbox folder: %w", err)
	}
	path := filepath.Join(w.Dir, FileName(m.ID))
	tmp, err := os.CreateTemp(w.Dir, ".writing-*")
	if err != nil {
		return fmt.Errorf("mail: write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name()) // no-op once renamed
	if _, err := msg.WriteTo(tmp); err != nil {
		_ = tmp.Close()
		return fmt.Errorf("mail: write %s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		_ = tmp.Close()
		return fmt.Errorf("mail: write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("mail: write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("mail: write %s: %w", path, err)
	}
	if w.Wrote != nil {
		w.Wrote(path, m)
	}
	return nil
}

// FileName is the file an outbox id is written to: letters, digits, '-'
// and '.' kept, anything else '_', then a short hash of the id, so
// that two ids never share a file.
func FileName(id string) string {
	safe := strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '.':
			return r
		}
		return '_'
	}, id)
	sum := sha256.Sum256([]byte(id))
	return strings.TrimLeft(safe, ".") + "-" + hex.EncodeToString(sum[:4]) + ".eml"
}
