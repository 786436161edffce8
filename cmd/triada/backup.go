package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"

	"github.com/triada-kpss/triada/store/sqlite"
)

// backup writes a consistent copy of the embedded database to a new file,
// also while triada serve runs.
func backup(ctx context.Context, args []string, env Env) error {
	var out string
	fs := newFlagSet("backup", env, backupUsage)
	fs.StringVar(&out, "out", "", "the backup file to write; it must not exist")
	cfg, err := loadConfig(fs, args, scopeStore, env)
	if err != nil {
		return err
	}
	if out == "" {
		return usageErrorf("backup needs --out FILE; run: triada help backup")
	}
	if cfg.MongoDBURI != "" {
		return usageErrorf("with MongoDB (TRIADA_MONGODB_URI), back up with MongoDB's own tools: mongodump --uri URI --db %s (or the snapshots of your replica set); triada backup copies the embedded database", cfg.MongoDBDB)
	}
	store, err := OpenStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer store.Close()
	s, ok := store.(*sqlite.Store)
	if !ok {
		return fmt.Errorf("the store %T cannot be backed up by triada", store)
	}
	abs, err := filepath.Abs(out)
	if err != nil {
		return err
	}
	n, err := s.Backup(ctx, abs)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Backed up %s to %s (%d responses); the copy passed its integrity check.\n", s.Path(), abs, n)
	return nil
}

func backupUsage(w io.Writer) {
	fmt.Fprint(w, `Usage: triada backup --out FILE [flags]

Writes a consistent, compacted copy of the embedded database (the file
triada.db under TRIADA_DATA_DIR) to FILE, which must not exist, and checks
the copy's integrity. It may run while triada serve runs: the copy is one
snapshot and submissions go on meanwhile.

To restore, stop triada serve, move the data folder's triada.db, triada.db-wal
and triada.db-shm aside, copy the backup to TRIADA_DATA_DIR/triada.db and
start triada serve again.

With MongoDB (TRIADA_MONGODB_URI set) use MongoDB's own tools (mongodump,
or your replica set's snapshots) instead.

  --out FILE   the backup to write
  --data-dir   the data folder (TRIADA_DATA_DIR, default ./data)
`)
}
