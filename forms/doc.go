// Package forms reads, checks and applies questionnaire definitions.
//
// A definition is written in YAML or JSON (see CONTRACT.md, "Questionnaire
// definition"). Parse and ParseFile read one, reporting every problem at
// once with its line; Check applies the same rules to a definition built
// in Go. Both formats are read into one tree of values with lines (YAML
// through the yaml.v3 node API, JSON token by token), so the same
// definition gives the same result and the same messages in either.
//
// Reading is strict: an unknown key, anywhere, is an error that names the
// nearest known key; a value of the wrong kind (required: yes please) is
// an error; a key whose value is null counts as absent. Texts (title,
// description, page title, question text and help, option label) are a
// string for every language or a mapping of the language codes cs, sk and
// en. Strings may be written as numbers (value: 1); condition values may
// be numbers, and a number compared with a choice or multi question
// becomes the option value it spells.
//
// # Problems and warnings
//
// A Problem is an error unless Warning is set. Errors make Parse return no
// definition; warnings do not. The only warning is a text given per
// language that lacks one of cs, sk and en ("missing English text"); a
// plain string serves every language and warns of nothing.
//
// `triada forms check FILE...` prints one line per problem, "FILE:LINE:
// message" for an error and "FILE:LINE: warning: message" for a warning
// (Problem.String gives what follows "FILE:"). It exits with 1 when any
// file has an error and 0 otherwise: warnings alone do not fail a check,
// because a questionnaire in Czech only is a valid questionnaire.
//
// # Rules
//
// The definition: id ([a-z0-9-]+, at most 64 characters) and title are
// required; audience is resident or provider; access is public (the
// default) or invite; opens_at and closes_at are RFC 3339 times, opens_at
// before closes_at; there is at least one page and every page has at least
// one question; segments name choice questions.
//
// A question: id ([a-z0-9_]+, at most 64 characters, unique in the
// questionnaire), type (choice, multi, scale, number or text) and text are
// required. A choice question has at least two options, a multi question
// at least one, other types none; option values are unique in their
// question, at most 200 characters, without "=" and control characters
// (answer codes are "qid=value"), and every option has a label. min and
// max are only for scale and number; a scale needs both, whole, min below
// max, at most 100 apart; a number's min may not exceed its max. integer
// is only for number; max_length only for text, from 1 to 100000. Tags
// are [a-z0-9_-]+.
//
// show_if takes one of the forms {question, equals}, {question,
// includes}, {question, in: [...]}, {all: [...]} and {any: [...]}, the
// last two of any forms, nested as deep as needed. It may refer only to
// an earlier question, and not to a text question; includes only to a
// multi question; the values of equals and in must be option values of a
// choice or multi question, or numbers a scale or number question can
// take. See Condition.Met for what each form means.
//
// # Answers
//
// ValidateAnswers checks the answers a person sends against a definition
// and cleans them; Visible and VisibleAnswers apply show_if; Codes turns
// answers into the codes "qid" and "qid=value" that the stores count.
package forms
