package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"time"
)

// migrations are the schema steps in order; migration i brings the
// database from PRAGMA user_version i to i+1. Append, never edit one that
// shipped.
var migrations = []string{
	// 1: the first schema.
	`
CREATE TABLE questionnaires (
	id         TEXT PRIMARY KEY,
	definition TEXT NOT NULL,    -- JSON of forms.Definition
	created_at INTEGER NOT NULL, -- Unix milliseconds, as every *_at
	created_by TEXT NOT NULL
) STRICT;

CREATE TABLE responses (
	seq              INTEGER PRIMARY KEY, -- the rowid: arrival order
	id               TEXT NOT NULL UNIQUE,
	questionnaire_id TEXT NOT NULL REFERENCES questionnaires (id),
	submission_key   TEXT,          -- NULL when empty
	answers          TEXT NOT NULL, -- JSON object keyed by question id
	codes            TEXT NOT NULL, -- every answer code followed by a newline
	created_at       INTEGER NOT NULL
) STRICT;
CREATE UNIQUE INDEX responses_submission_key ON responses (questionnaire_id, submission_key)
	WHERE submission_key IS NOT NULL;
-- Counting reads this covering index only: the codes of one questionnaire
-- lie together, without the answers, in arrival order, so that a new
-- response appends to the questionnaire's last page of the index.
CREATE INDEX responses_codes ON responses (questionnaire_id, seq, codes);

CREATE TABLE users (
	id            TEXT PRIMARY KEY,
	email         TEXT NOT NULL UNIQUE,
	name          TEXT NOT NULL,
	role          TEXT NOT NULL,
	password_hash TEXT NOT NULL,
	created_at    INTEGER NOT NULL
) STRICT;

CREATE TABLE tokens (
	hash       TEXT PRIMARY KEY,
	user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX tokens_user ON tokens (user_id);

CREATE TABLE sessions (
	hash       TEXT PRIMARY KEY,
	user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	csrf       TEXT NOT NULL,
	created_at INTEGER NOT NULL,
	expires_at INTEGER NOT NULL
) STRICT;
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires ON sessions (expires_at);

CREATE TABLE working_groups (
	id         TEXT PRIMARY KEY,
	name       TEXT NOT NULL,
	tags       TEXT NOT NULL, -- JSON array
	members    TEXT NOT NULL, -- JSON array of user ids, in the order added
	created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE providers (
	id               TEXT PRIMARY KEY,
	ico              TEXT NOT NULL UNIQUE,
	name             TEXT NOT NULL,
	municipality     TEXT NOT NULL,
	address          TEXT NOT NULL,
	description      TEXT NOT NULL,
	contact          TEXT NOT NULL, -- JSON object
	services         TEXT NOT NULL, -- JSON array of objects
	status           TEXT NOT NULL,
	search_text      TEXT NOT NULL,
	municipality_key TEXT NOT NULL,
	created_at       INTEGER NOT NULL,
	updated_at       INTEGER NOT NULL
) STRICT;
CREATE INDEX providers_order ON providers (status, search_text, id);
CREATE INDEX providers_municipality ON providers (municipality_key);

CREATE TABLE consultations (
	id           TEXT PRIMARY KEY,
	title        TEXT NOT NULL,
	sections     TEXT NOT NULL, -- JSON array of objects
	opens_at     INTEGER NOT NULL,
	closes_at    INTEGER NOT NULL,
	published_at INTEGER,       -- NULL until published
	comment_seq  INTEGER NOT NULL DEFAULT 0, -- the last comment number given
	created_at   INTEGER NOT NULL
) STRICT;

CREATE TABLE comments (
	id              TEXT PRIMARY KEY,
	consultation_id TEXT NOT NULL REFERENCES consultations (id),
	number          INTEGER NOT NULL,
	reference       TEXT NOT NULL,
	section         TEXT NOT NULL,
	text            TEXT NOT NULL,
	author          TEXT NOT NULL, -- JSON object; the e-mail is personal data
	state           TEXT NOT NULL,
	relevance       TEXT NOT NULL,
	group_ids       TEXT NOT NULL, -- JSON array of working group ids
	outcome         TEXT NOT NULL,
	response        TEXT NOT NULL,
	history         TEXT NOT NULL, -- JSON array of changes
	version         INTEGER NOT NULL,
	created_at      INTEGER NOT NULL,
	UNIQUE (consultation_id, reference)
) STRICT;
CREATE INDEX comments_number ON comments (consultation_id, number);
`,
	// 2: drafts (save and resume) and invitations (personal links).
	`
CREATE TABLE drafts (
	hash             TEXT PRIMARY KEY, -- SHA-256 of the link token
	questionnaire_id TEXT NOT NULL REFERENCES questionnaires (id),
	form_values      TEXT NOT NULL,    -- JSON object: question id -> values as typed
	page             INTEGER NOT NULL,
	submission_key   TEXT NOT NULL,
	invite_hash      TEXT NOT NULL,    -- '' unless the draft belongs to an invitation
	language         TEXT NOT NULL,
	created_at       INTEGER NOT NULL,
	updated_at       INTEGER NOT NULL,
	expires_at       INTEGER NOT NULL
) STRICT;
CREATE INDEX drafts_expires ON drafts (expires_at);

CREATE TABLE invites (
	hash             TEXT PRIMARY KEY, -- SHA-256 of the link token
	questionnaire_id TEXT NOT NULL REFERENCES questionnaires (id),
	email            TEXT NOT NULL,
	name             TEXT NOT NULL,
	response_id      TEXT NOT NULL,    -- '' until answered
	created_at       INTEGER NOT NULL,
	answered_at      INTEGER           -- NULL until answered
) STRICT;
CREATE INDEX invites_questionnaire ON invites (questionnaire_id, email);
`,
	// 3: free-text answers for listing and search, the codes people
	// attach to them, and the order exports read responses in.
	`
-- Exports walk a questionnaire's responses in id order, a batch after
-- the last id of the one before: without this index each batch would
-- sort all of the questionnaire's responses. Ids begin with the time, so
-- a new response appends to the index's end.
CREATE INDEX responses_questionnaire_id ON responses (questionnaire_id, id);

-- One row per text answer: the text, and its folded copy (lower case,
-- no diacritics) that search matches; listed in response id order.
CREATE TABLE text_answers (
	questionnaire_id TEXT NOT NULL,
	question_id      TEXT NOT NULL,
	response_id      TEXT NOT NULL REFERENCES responses (id),
	text             TEXT NOT NULL,
	folded           TEXT NOT NULL,
	PRIMARY KEY (questionnaire_id, question_id, response_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX text_answers_response ON text_answers (response_id);

-- The codes attached to one answer, apart from the response (which never
-- changes); version makes concurrent coding a conditional update.
CREATE TABLE codings (
	questionnaire_id TEXT NOT NULL,
	response_id      TEXT NOT NULL,
	question_id      TEXT NOT NULL,
	codes            TEXT NOT NULL, -- every code followed by a newline
	version          INTEGER NOT NULL,
	updated_at       INTEGER NOT NULL,
	updated_by       TEXT NOT NULL,
	PRIMARY KEY (questionnaire_id, response_id, question_id)
) STRICT, WITHOUT ROWID;
`,
	// 4: the catalogue: drafts of provider records, one per IČO, and the
	// target groups of working groups.
	`
CREATE TABLE catalogue_drafts (
	ico         TEXT PRIMARY KEY,
	record      TEXT NOT NULL, -- JSON object: the proposed provider record
	state       TEXT NOT NULL,
	note        TEXT NOT NULL,
	reviewed_by TEXT NOT NULL,
	reviewed_at INTEGER,       -- NULL before the first decision
	version     INTEGER NOT NULL,
	created_at  INTEGER NOT NULL,
	updated_at  INTEGER NOT NULL
) STRICT;
CREATE INDEX catalogue_drafts_state ON catalogue_drafts (state, updated_at);
ALTER TABLE working_groups ADD COLUMN target_groups TEXT NOT NULL DEFAULT '[]';
`,
	migrationOutbox,          // 5: the e-mail outbox (outbox.go)
	migrationAttachments,     // 6: the attachments of consultations (attachments.go)
	migrationOutboxRecipient, // 7: personal data requests find e-mails by address (personal_data.go)
	migrationPeople,          // 8: people.go: password links, group descriptions, consultation versions, invitation reminders
	migrationWorkspace,       // 9: the coordinators' workspace: audit log, questionnaire versions (workspace.go)
	migrationResponseIndex,   // 10: one index of responses for counting, walking and days (responses.go)
}

// SchemaVersion is the user_version of an up-to-date database.
var SchemaVersion = len(migrations)

// migrateRetrying migrates, trying again for up to BusyTimeout while the
// file is busy: switching a new file to WAL fails at once, without
// waiting, when another process is switching it at the same moment.
func migrateRetrying(ctx context.Context, db *sql.DB) error {
	deadline := time.Now().Add(BusyTimeout)
	for {
		err := migrate(ctx, db)
		if err == nil || !isBusy(err) || time.Now().After(deadline) {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(time.Duration(5+rand.IntN(20)) * time.Millisecond):
		}
	}
}

// migrate applies the migrations the database lacks, each in its own
// IMMEDIATE transaction that also sets user_version, so that a crash
// leaves a database at one version or the next, and two processes
// starting at once do not both apply a step.
func migrate(ctx context.Context, db *sql.DB) error {
	for {
		done, err := migrateOne(ctx, db)
		if err != nil || done {
			return err
		}
	}
}

func migrateOne(ctx context.Context, db *sql.DB) (done bool, err error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return false, fmt.Errorf("migrate: %w", err)
	}
	defer func() {
		if err != nil {
			_ = tx.Rollback()
		}
	}()
	var version int
	if err := tx.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&version); err != nil {
		return false, fmt.Errorf("migrate: read the schema version: %w", err)
	}
	switch {
	case version == len(migrations):
		return true, tx.Rollback()
	case version > len(migrations):
		return false, fmt.Errorf("the database has schema version %d, newer than this program's %d: upgrade Triada", version, len(migrations))
	}
	if _, err := tx.ExecContext(ctx, migrations[version]); err != nil {
		return false, fmt.Errorf("migrate to schema version %d: %w", version+1, err)
	}
	// PRAGMA takes no parameters; version is an int.
	if _, err := tx.ExecContext(ctx, fmt.Sprintf(`PRAGMA user_version = %d`, version+1)); err != nil {
		return false, fmt.Errorf("migrate to schema version %d: %w", version+1, err)
	}
	if err := tx.Commit(); err != nil {
		return false, fmt.Errorf("migrate to schema version %d: %w", version+1, err)
	}
	return false, nil
}
