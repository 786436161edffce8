package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
)

// Backup writes a consistent copy of the database to path, a file that
// must not exist, while the store keeps serving: VACUUM INTO reads one
// snapshot of the database (WAL readers never block the writer) and
// writes it compacted, without the WAL. The copy is then opened and its
// integrity checked. It returns how many responses the copy holds.
func (s *Store) Backup(ctx context.Context, path string) (int64, error) {
	if _, err := os.Lstat(path); err == nil {
		return 0, fmt.Errorf("%s exists: a backup never overwrites a file; name a new one", path)
	} else if !errors.Is(err, os.ErrNotExist) {
		return 0, err
	}
	// A connection of its own: the readers are query_only, and the
	// writer must go on committing submissions meanwhile.
	db, err := sql.Open("sqlite", dsn(s.path, false))
	if err != nil {
		return 0, err
	}
	_, err = db.ExecContext(ctx, `VACUUM INTO ?`, path)
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return 0, fmt.Errorf("sqlite: backup to %s: %w", path, err)
	}
	backup, err := Open(ctx, path)
	if err != nil {
		return 0, fmt.Errorf("sqlite: the backup %s does not open: %w", path, err)
	}
	defer backup.Close()
	var check string
	if err := backup.read.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&check); err != nil || check != "ok" {
		return 0, fmt.Errorf("sqlite: the backup %s failed its integrity check: %v%s", path, err, check)
	}
	var n int64
	if err := backup.read.QueryRowContext(ctx, `SELECT count(*) FROM responses`).Scan(&n); err != nil {
		return 0, fmt.Errorf("sqlite: the backup %s: %w", path, err)
	}
	return n, nil
}
