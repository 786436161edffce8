// Package sqlite is Triada's embedded store: one SQLite database file
// (modernc.org/sqlite, pure Go, no cgo) that serves a microregion on its
// own with zero set-up. It implements engine.Store and passes
// store/storetest.
//
// # Durability
//
// The database runs in WAL mode with synchronous=FULL: every commit syncs
// the write-ahead log before the call returns, so a response, a comment or
// a decision that was acknowledged survives kill -9 and a power cut alike.
// (synchronous=NORMAL would survive a crashed process but could lose the
// last commits on power loss; DESIGN.md asks every acknowledged submission
// to be durable.) Responses, the one write that arrives in bursts, are
// group-committed: one goroutine stores whatever arrived while the
// previous sync ran in one transaction, so concurrent submissions share a
// sync (see CreateResponse and BenchmarkCreateResponse).
//
// # Connections
//
// Writes of the process go through one connection, one after another, so
// writers queue in Go rather than poll SQLite's lock; reads use a pool of
// query-only connections that see a consistent snapshot while a write is
// going on. busy_timeout (BusyTimeout) covers other processes using the
// file (the command line, a backup). Foreign keys are enforced: a token or
// session needs its user, a response its questionnaire, a comment its
// consultation (a missing one is engine.ErrNotFound).
//
// # Schema
//
// Open applies the migrations a database lacks (migrations.go), each in
// its own transaction with PRAGMA user_version, so restarting is a no-op
// and a crash leaves one version or the next. Columns that are queried are
// columns (ids, e-mail, IČO, status, municipality_key, search_text,
// submission_key unique per questionnaire when set); nested data are JSON
// with names of their own (definition, answers keyed by question id,
// services, sections, history). Times are Unix milliseconds: finer parts
// are truncated.
//
// # Counting
//
// Each response also keeps its answer codes in one TEXT column, each code
// followed by a newline, and a covering index (questionnaire_id, codes).
// CountAnswers streams that column for one questionnaire and counts in Go
// in a single pass, filters and segment included; see CountAnswers for why
// and BenchmarkCountAnswers for the cost.
//
// # Errors
//
// Driver errors become the engine's: a unique or primary key violation
// wraps engine.ErrDuplicate, no row engine.ErrNotFound, a conditional
// update (UPDATE … WHERE version = ?) that finds another state
// engine.ErrConflict.
package sqlite
