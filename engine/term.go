package engine

// Term is a code inside a message — a role, a state — that pages name in
// the reader's words: Key is the key of its name in the page catalogs
// (i18n), and the English message, which the API answers, shows Code.
type Term struct{ Key, Code string }

func (t Term) String() string { return t.Code }

// TermKey is the page catalog key of the term's name.
func (t Term) TermKey() string { return t.Key }

// roleTerm names a role: "Your role (%s)" reads "admin" in the API and
// "správce" on a Czech page.
func roleTerm(r Role) Term { return Term{Key: "role." + string(r), Code: string(r)} }
