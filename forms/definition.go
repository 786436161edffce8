package forms

import "time"

// Question types.
const (
	TypeChoice = "choice"
	TypeMulti  = "multi"
	TypeScale  = "scale"
	TypeNumber = "number"
	TypeText   = "text"
)

// Audiences and access modes.
const (
	AudienceResident = "resident"
	AudienceProvider = "provider"
	AccessPublic     = "public"
	AccessInvite     = "invite"
)

// Languages every text may be given in; DefaultLanguage is the fallback.
var Languages = []string{"cs", "sk", "en"}

// DefaultLanguage is the language texts fall back to.
const DefaultLanguage = "cs"

// Definition is a questionnaire definition as people write it in YAML or JSON.
type Definition struct {
	ID          string     `json:"id"`
	Title       Text       `json:"title"`
	Description Text       `json:"description,omitempty"`
	Audience    string     `json:"audience"`
	Access      string     `json:"access,omitempty"`
	OpensAt     *time.Time `json:"opens_at,omitempty"`
	ClosesAt    *time.Time `json:"closes_at,omitempty"`
	Segments    []string   `json:"segments,omitempty"`
	// Catalogue, when set, feeds the catalogue of providers (catalogue.go).
	Catalogue *CatalogueMap `json:"catalogue,omitempty"`
	Pages     []Page        `json:"pages"`
}

// Page is one step of a questionnaire.
type Page struct {
	Title     Text       `json:"title,omitempty"`
	Questions []Question `json:"questions"`
}

// Question is one question. Min and Max bound scale and number answers;
// MaxLength bounds text answers; Integer asks a number to be whole.
type Question struct {
	ID        string     `json:"id"`
	Type      string     `json:"type"`
	Text      Text       `json:"text"`
	Help      Text       `json:"help,omitempty"`
	Required  bool       `json:"required,omitempty"`
	Tags      []string   `json:"tags,omitempty"`
	Options   []Option   `json:"options,omitempty"`
	Min       *float64   `json:"min,omitempty"`
	Max       *float64   `json:"max,omitempty"`
	Integer   bool       `json:"integer,omitempty"`
	MaxLength int        `json:"max_length,omitempty"`
	ShowIf    *Condition `json:"show_if,omitempty"`
}

// Option is one answer a choice or multi question offers.
type Option struct {
	Value string   `json:"value"`
	Label Text     `json:"label"`
	Tags  []string `json:"tags,omitempty"`
}

// Condition decides whether a question is shown. Exactly one form is set:
// Question with Equals, Includes or In; or All; or Any.
type Condition struct {
	Question string      `json:"question,omitempty"`
	Equals   any         `json:"equals,omitempty"`
	Includes string      `json:"includes,omitempty"`
	In       []any       `json:"in,omitempty"`
	All      []Condition `json:"all,omitempty"`
	Any      []Condition `json:"any,omitempty"`
}

// Answers holds validated answers keyed by question id: a string for choice
// and text, []string for multi, float64 for scale and number.
type Answers map[string]any

// FieldError is one problem with one field (a question id for answers).
// Format and Args, when set (by Fieldf), are what Message was made from,
// so that a page can say the message in the person's language; they are
// never sent as JSON.
type FieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
	Line    int    `json:"line,omitempty"`
	Format  string `json:"-"`
	Args    []any  `json:"-"`
}
