package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/triada-kpss/triada/engine"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

var _ engine.Store = (*Store)(nil)

// BusyTimeout is how long a statement waits for a lock another process
// holds (a backup, the command line) before it fails.
const BusyTimeout = 10 * time.Second

// Store is the SQLite store: one database file in WAL mode.
type Store struct {
	path string
	// write has one connection: every write of this process goes through
	// it, one after another, so that writers queue in Go instead of
	// polling SQLite's lock.
	write *sql.DB
	// read has several connections that never write; in WAL mode they
	// read a consistent snapshot while a write is going on.
	read *sql.DB

	responses chan *pendingResponse // to the group-commit writer
	mu        sync.RWMutex          // guards closed against sends on responses
	closed    bool
	done      chan struct{} // closed when the writer has stopped
	// The writer's statements, prepared once on the write connection: a
	// batch uses them through its transaction instead of preparing its own.
	insertResponse, insertText *sql.Stmt
}

// Open opens the database at path, creating the file and its folder on
// first start, and brings its schema up to date.
func Open(ctx context.Context, path string) (*Store, error) {
	if path == "" || strings.ContainsAny(path, "?#") {
		return nil, fmt.Errorf("sqlite: invalid database path %q", path)
	}
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return nil, fmt.Errorf("sqlite: create the data folder: %w", err)
		}
	}
	write, err := sql.Open("sqlite", dsn(path, false))
	if err != nil {
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	write.SetMaxOpenConns(1)
	write.SetMaxIdleConns(1)
	write.SetConnMaxLifetime(0)
	write.SetConnMaxIdleTime(0)
	if err := migrateRetrying(ctx, write); err != nil {
		write.Close()
		return nil, fmt.Errorf("sqlite: %s: %w", path, err)
	}
	read, err := sql.Open("sqlite", dsn(path, true))
	if err != nil {
		write.Close()
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	n := max(4, runtime.GOMAXPROCS(0))
	read.SetMaxOpenConns(n)
	read.SetMaxIdleConns(n)
	s := &Store{path: path, write: write, read: read,
		responses: make(chan *pendingResponse, maxBatch), done: make(chan struct{})}
	if err := s.prepareWriter(ctx); err != nil {
		return nil, errors.Join(fmt.Errorf("sqlite: %s: %w", path, err), read.Close(), write.Close())
	}
	go s.writeResponses()
	return s, nil
}

// dsn names the database file with the settings every connection needs.
// synchronous=FULL syncs the WAL on every commit: a write acknowledged to
// a resident survives kill -9 and a power cut (NORMAL would survive only
// the first). Group commit (see CreateResponse) pays for it.
func dsn(path string, readOnly bool) string {
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", BusyTimeout.Milliseconds()))
	q.Add("_pragma", "synchronous(FULL)")
	q.Add("_pragma", "foreign_keys(1)")
	if readOnly {
		// WAL is a property of the file, set by the write connection.
		q.Add("_pragma", "query_only(1)")
	} else {
		q.Add("_pragma", "journal_mode(WAL)")
		q.Set("_txlock", "immediate")
	}
	return path + "?" + q.Encode()
}

// Path returns the database file.
func (s *Store) Path() string { return s.path }

// Ping reports whether the database answers.
func (s *Store) Ping(ctx context.Context) error {
	var one int
	if err := s.read.QueryRowContext(ctx, `SELECT 1`).Scan(&one); err != nil {
		return fmt.Errorf("sqlite: ping: %w", err)
	}
	return nil
}

// Close waits for pending writes, checkpoints the WAL into the database
// file and closes it; calls after Close fail.
func (s *Store) Close() error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil
	}
	s.closed = true
	close(s.responses)
	s.mu.Unlock()
	<-s.done
	_ = s.insertResponse.Close()
	_ = s.insertText.Close()
	// Best effort: leaves one file behind when no other process reads.
	_, _ = s.write.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`)
	return errors.Join(s.read.Close(), s.write.Close())
}

// ErrClosed is returned by calls after Close.
var ErrClosed = errors.New("sqlite: store closed")

// fail turns a driver error of the operation what into the engine's
// vocabulary: a unique or primary key violation wraps engine.ErrDuplicate,
// a foreign key violation (a missing parent) and sql.ErrNoRows wrap
// engine.ErrNotFound. It returns nil for nil.
func fail(err error, what string, args ...any) error {
	if err == nil {
		return nil
	}
	what = fmt.Sprintf(what, args...)
	var se *sqlite.Error
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return fmt.Errorf("sqlite: %s: %w", what, engine.ErrNotFound)
	case errors.As(err, &se) && (se.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE || se.Code() == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY):
		return fmt.Errorf("sqlite: %s: exists already (%s): %w", what, constraintDetail(se), engine.ErrDuplicate)
	case errors.As(err, &se) && se.Code() == sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
		return fmt.Errorf("sqlite: %s: refers to a record that does not exist: %w", what, engine.ErrNotFound)
	}
	return fmt.Errorf("sqlite: %s: %w", what, err)
}

// constraintDetail is the part of SQLite's message that names the columns,
// "UNIQUE constraint failed: users.email".
func constraintDetail(se *sqlite.Error) string {
	msg := se.Error()
	if i := strings.Index(msg, "constraint failed: "); i >= 0 {
		msg = msg[i:]
		if j := strings.LastIndex(msg, " ("); j > 0 {
			msg = msg[:j]
		}
		return msg
	}
	return msg
}

// isBusy reports whether err is SQLITE_BUSY.
func isBusy(err error) bool {
	var se *sqlite.Error
	return errors.As(err, &se) && se.Code()&0xff == sqlite3.SQLITE_BUSY
}

// isConstraint reports whether err is a constraint violation of one
// statement, after which a transaction can go on.
func isConstraint(err error) bool {
	var se *sqlite.Error
	return errors.As(err, &se) && se.Code()&0xff == sqlite3.SQLITE_CONSTRAINT
}

// Times are stored as INTEGER milliseconds since the Unix epoch, UTC:
// finer parts are truncated, as MongoDB does.
func toMillis(t time.Time) int64 { return t.UnixMilli() }

func fromMillis(ms int64) time.Time { return time.UnixMilli(ms).UTC() }

func toNullMillis(t *time.Time) sql.NullInt64 {
	if t == nil {
		return sql.NullInt64{}
	}
	return sql.NullInt64{Int64: t.UnixMilli(), Valid: true}
}

func fromNullMillis(n sql.NullInt64) *time.Time {
	if !n.Valid {
		return nil
	}
	t := fromMillis(n.Int64)
	return &t
}

// scanner is *sql.Row or *sql.Rows.
type scanner interface{ Scan(dest ...any) error }

// conditional runs an UPDATE whose WHERE holds the expected state; when it
// changes no row, exists tells ErrNotFound from ErrConflict.
func (s *Store) conditional(ctx context.Context, what, existsQuery string, id string, query string, args ...any) error {
	res, err := s.write.ExecContext(ctx, query, args...)
	if err != nil {
		return fail(err, "%s", what)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fail(err, "%s", what)
	}
	if n == 1 {
		return nil
	}
	var one int
	switch err := s.write.QueryRowContext(ctx, existsQuery, id).Scan(&one); {
	case errors.Is(err, sql.ErrNoRows):
		return fmt.Errorf("sqlite: %s: %w", what, engine.ErrNotFound)
	case err != nil:
		return fail(err, "%s", what)
	}
	return fmt.Errorf("sqlite: %s: changed meanwhile: %w", what, engine.ErrConflict)
}
