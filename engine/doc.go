// Package engine is Triada's domain: the types, the rules and state machines
// of a KPSS planning cycle, and the results arithmetic. It states what it
// needs from storage as small interfaces (see store.go) and imports no web,
// database or mail package. Every method returns *Error values with a Code,
// so that callers can map them to HTTP statuses or exit codes.
package engine
