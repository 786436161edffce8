package engine

import (
	"time"

	"github.com/triada-kpss/triada/forms"
)

// Questionnaire is a stored questionnaire definition.
type Questionnaire struct {
	ID         string
	Definition *forms.Definition
	CreatedAt  time.Time
	CreatedBy  string // user id
	// Version counts the changes (1 when created by the engine):
	// UpdateQuestionnaire replaces the questionnaire only if it still has
	// the version the caller read.
	Version int
	// Source is the definition as its author wrote it (YAML with its
	// comments), kept for editing; "" when it came as JSON or before
	// sources were kept.
	Source string
}

// Response is one submitted set of answers.
type Response struct {
	ID              string
	QuestionnaireID string
	Answers         forms.Answers
	// Codes are the answer codes (see forms.Definition.Codes) that results
	// are counted from; stores index or scan them, never the answers.
	Codes []string
	// Folded holds the folded copy (Fold) of every text answer, keyed by
	// question id, for the search of text answers; set with Codes.
	Folded map[string]string
	// SubmissionKey, when set, makes a resubmission of the same form
	// (double click, reload) store nothing new.
	SubmissionKey string
	CreatedAt     time.Time
}

// CountQuery asks for the counts of answer codes.
type CountQuery struct {
	Questionnaire string
	// Filters are codes ("qid=value") that a response must all hold.
	Filters []string
	// AnyOf are sets of codes: a response must hold at least one code of
	// each set (OR within a set, AND between sets and with Filters). The
	// report pages put the options chosen of one question in one set
	// ("aged 66-80 or over 80"). An empty set is ignored.
	AnyOf [][]string
	// Segment, when set, is a question id: counts are also broken down by
	// the value of each response's "Segment=value" code.
	Segment string
}

// Counts are the counts of codes over the responses matching a CountQuery.
type Counts struct {
	Total int            // matching responses
	Codes map[string]int // code -> number of matching responses holding it
	// Segments maps a segment value to the counts of the matching
	// responses that hold "Segment=value"; nil without a Segment.
	Segments map[string]*SegmentCounts
}

// SegmentCounts are the counts within one segment value.
type SegmentCounts struct {
	Total int
	Codes map[string]int
}

// Role is what a user may do.
type Role string

// Roles.
const (
	RoleAdmin       Role = "admin"
	RoleCoordinator Role = "coordinator"
	RoleMember      Role = "member"
)

// User is a person who signs in: an admin, a coordinator or a member of
// working groups.
type User struct {
	ID           string
	Email        string // lower case
	Name         string
	Role         Role
	PasswordHash string
	CreatedAt    time.Time
}

// Token is an API token; only its SHA-256 hash is stored.
type Token struct {
	Hash      string
	UserID    string
	CreatedAt time.Time
}

// Session is a signed-in browser; only its token's hash is stored.
type Session struct {
	Hash      string
	UserID    string
	CSRF      string
	CreatedAt time.Time
	ExpiresAt time.Time
}

// Group is a working group; its tags select the results relevant to it.
type Group struct {
	ID          string
	Name        string
	Description string // what the group plans for, in a sentence or two
	Tags        []string
	// TargetGroups are the catalogue's target-group codes the group
	// plans for: they select the supply of services it sees.
	TargetGroups []string
	Members      []string // user ids
	CreatedAt    time.Time
}

// Provider is a provider of social services in the catalogue.
type Provider struct {
	ID           string
	Name         string
	ICO          string
	Municipality string
	Address      string
	Description  string
	Contact      Contact
	Services     []Service
	Status       string // ProviderPublished, ProviderWithdrawn or ProviderDraft
	// Folded copies (lower case, no diacritics) that filters match on.
	SearchText      string // name and description
	MunicipalityKey string
	CreatedAt       time.Time
	UpdatedAt       time.Time
}

// Provider statuses.
const (
	ProviderPublished = "published"
	ProviderDraft     = "draft"
	// ProviderWithdrawn is a record taken out of the public catalogue
	// (the provider closed or stopped a service); it is kept, so that it
	// can be listed again and a later approved draft republishes it.
	ProviderWithdrawn = "withdrawn"
)

// Contact is how to reach a provider.
type Contact struct {
	Person string // a contact person's name and position
	Email  string
	Phone  string
	Web    string
}

// Service is one social service a provider runs.
type Service struct {
	Name         string // as the provider presents it, "" for none
	Type         string // a code of the service-type lists
	Form         string // residential, outpatient or field
	TargetGroups []string
	Description  string
	Capacity     int
	WaitingDays  int
	Area         string // the area served, in words
	// Source is the id of the questionnaire response that described the
	// service, "" when a coordinator entered it; never shown publicly.
	Source string
}

// ProviderFilter selects providers; empty fields match everything.
type ProviderFilter struct {
	Status       string
	TargetGroup  string // one service lists it
	ServiceType  string // one service has it
	Municipality string // equals MunicipalityKey
	Form         string // one service is provided in it
	Query        string // folded; a substring of SearchText
}

// Consultation is a public comment period on a draft document.
type Consultation struct {
	ID          string
	Title       string
	Sections    []Section
	Attachments []Attachment // links that go with the draft, in order
	OpensAt     time.Time
	ClosesAt    time.Time
	PublishedAt *time.Time
	CreatedAt   time.Time
	// Version grows by one with every edit (UpdateConsultation), so that
	// two coordinators editing at once do not overwrite each other.
	Version int
}

// Section is one part of the draft.
type Section struct {
	ID    string
	Title string
	Text  string
}

// Comment is one comment on a consultation, and its settlement.
type Comment struct {
	ID             string
	ConsultationID string
	Number         int
	Reference      string
	Section        string // a section id, or "" for the whole document
	Text           string
	Author         Author
	State          string // CommentReceived, CommentTriaged or CommentDecided
	Relevance      string // "", Relevant or NotRelevant
	Groups         []string
	Outcome        string
	Response       string
	History        []Change
	Version        int
	CreatedAt      time.Time
}

// Author is who wrote a comment. Email is personal data: never published.
type Author struct {
	Name         string
	Email        string
	Municipality string
	Organisation string
	PublishName  bool
	Language     string // of the comment, and of the e-mails about it: cs, sk or en
}

// Change is one step in a comment's history.
type Change struct {
	At     time.Time
	UserID string
	From   string
	To     string
	Note   string
}
