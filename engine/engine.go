package engine

import (
	"crypto/rand"
	"encoding/base32"
	"strings"
	"sync"
	"time"

	"github.com/triada-kpss/triada/codelists"
)

// Engine carries out every action of Triada on a Store, enforcing the
// rules and the roles.
type Engine struct {
	store    Store
	now      func() time.Time
	lists    *codelists.Lists
	draftTTL time.Duration
	// sessionTTL is how long a sign-in lasts.
	sessionTTL time.Duration
	// baseURL is the public address, without a trailing slash, for
	// links in e-mails.
	baseURL   string
	mailReady func()
	// questionnaires caches FindQuestionnaire: id -> *cachedQuestionnaire.
	questionnaires sync.Map
	// recheck is how long a cached questionnaire is used before its
	// version is confirmed with the store.
	recheck time.Duration
}

// Options adjust an Engine; the zero value is ready for production.
type Options struct {
	// Now is the clock; time.Now when nil. Tests inject their own.
	Now func() time.Time
	// CodeLists are the service types, forms and target groups that
	// provider records are checked against; the shipped lists when nil.
	CodeLists *codelists.Lists
	// DraftTTL is how long a draft (and its resume link) stays valid
	// after it was last saved; DefaultDraftTTL when zero or negative.
	DraftTTL time.Duration
	// SessionTTL is how long a sign-in lasts; DefaultSessionTTL when zero
	// or negative.
	SessionTTL time.Duration
	// BaseURL is Triada's public address (https://triada.example.cz/),
	// for links in e-mails; without it e-mails carry no links.
	BaseURL string
	// MailReady, when set, is called after a message became ready to
	// send (queued or released), so that this instance's outbox worker
	// sends it at once instead of at its next look. It must not block.
	MailReady func()
	// QuestionnaireRecheck is how long a questionnaire read from the store
	// is used before its version is checked again, so that an edit made
	// through another instance shows within that time;
	// DefaultQuestionnaireRecheck when zero or negative.
	QuestionnaireRecheck time.Duration
}

// DefaultQuestionnaireRecheck is the interval Options leave unset.
const DefaultQuestionnaireRecheck = 5 * time.Second

// New returns an Engine over store.
func New(store Store, opts Options) *Engine {
	e := &Engine{store: store, now: opts.Now, lists: opts.CodeLists, draftTTL: opts.DraftTTL, sessionTTL: opts.SessionTTL,
		baseURL: strings.TrimSuffix(opts.BaseURL, "/"), mailReady: opts.MailReady}
	if e.now == nil {
		e.now = time.Now
	}
	if e.lists == nil {
		e.lists = codelists.Default()
	}
	if e.draftTTL <= 0 {
		e.draftTTL = DefaultDraftTTL
	}
	if e.sessionTTL <= 0 {
		e.sessionTTL = DefaultSessionTTL
	}
	e.recheck = opts.QuestionnaireRecheck
	if e.recheck <= 0 {
		e.recheck = DefaultQuestionnaireRecheck
	}
	return e
}

// Store returns the store the engine works on.
func (e *Engine) Store() Store { return e.store }

// Now returns the engine's current time, truncated to milliseconds as
// the stores keep it.
func (e *Engine) Now() time.Time { return e.now().UTC().Truncate(time.Millisecond) }

// CodeLists returns the code lists in use.
func (e *Engine) CodeLists() *codelists.Lists { return e.lists }

var idEncoding = base32.StdEncoding.WithPadding(base32.NoPadding)

// NewID returns a random, unguessable identifier of 26 lower-case
// characters (130 bits).
func NewID() string {
	return strings.ToLower(idEncoding.EncodeToString(randomBytes(16)))
}

// sortableEncoding is base32 with its alphabet in ASCII order, so that
// the encoded strings sort as the bytes do.
var sortableEncoding = base32.NewEncoding("234567abcdefghijklmnopqrstuvwxyz").WithPadding(base32.NoPadding)

// NewResponseID returns the id of a new response: 26 lower-case
// characters, like NewID, that begin with the time in milliseconds (48
// bits) and a sequence number within that millisecond (16 bits),
// followed by 64 random bits. Ids made later in one process sort after
// earlier ones, even within one millisecond, so that lists ordered by id
// keep the order of arrival, and a store's index of response ids grows
// at its end: a group commit of n responses then writes one or two index
// pages instead of n scattered ones. Only for ids that may show when
// they were made; secrets (tokens) keep NewID.
func NewResponseID() string {
	b := randomBytes(16)
	ms, seq := responseClock.next(uint64(time.Now().UnixMilli()))
	for i := 5; i >= 0; i-- {
		b[i] = byte(ms)
		ms >>= 8
	}
	b[6], b[7] = byte(seq>>8), byte(seq)
	return sortableEncoding.EncodeToString(b)
}

// responseClock hands out (millisecond, sequence) pairs that never go
// backwards, even when the wall clock does.
var responseClock monotonicClock

type monotonicClock struct {
	mu      sync.Mutex
	lastMS  uint64
	lastSeq uint16
}

func (c *monotonicClock) next(nowMS uint64) (uint64, uint16) {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch {
	case nowMS > c.lastMS:
		c.lastMS, c.lastSeq = nowMS, 0
	case c.lastSeq == 0xffff:
		c.lastMS, c.lastSeq = c.lastMS+1, 0
	default:
		c.lastSeq++
	}
	return c.lastMS, c.lastSeq
}

func randomBytes(n int) []byte {
	b := make([]byte, n)
	// crypto/rand.Read never returns an error on supported platforms.
	_, _ = rand.Read(b)
	return b
}

// DraftTTL is how long a draft, and its resume link, stays valid after
// it was last saved.
func (e *Engine) DraftTTL() time.Duration { return e.draftTTL }
