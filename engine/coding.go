package engine

import (
	"context"
	"errors"
	"fmt"
	mathrand "math/rand/v2"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Limits of coding.
const (
	MaxCodeLength     = 80 // characters of one code
	MaxCodesPerAnswer = 30
	// codingRetries bounds how often CodeAnswer re-reads a coding that
	// someone changed meanwhile, before it gives up with ECONFLICT. Each
	// round of contenders has one winner, so n people coding one answer
	// at once need up to n rounds; a random pause between rounds (see
	// retryPause) spreads them out.
	codingRetries = 40
)

// CodingChange adds and removes codes of one answer. With Version set,
// the change applies only if the coding is still at that version (0: not
// coded yet), else ECONFLICT: a client that showed a coding and wants to
// replace exactly it. Without Version, the change is merged into whatever
// is stored, retried if someone codes the same answer at the same moment,
// so that two people coding at once lose nothing.
type CodingChange struct {
	Add     []string `json:"add"`
	Remove  []string `json:"remove"`
	Version *int     `json:"version"`
}

// CodeAnswer adds and removes codes of the answer of response responseID
// to the text question questionID, and returns the coding stored. Who
// may read the answers may code them (see ListTextAnswers). ENOTFOUND
// for an unknown questionnaire, question or response (or a response that
// did not answer the question), EINVALID for a bad code or a question
// that is not a text question, ECONFLICT when Version is stale.
func (e *Engine) CodeAnswer(ctx context.Context, actor *User, questionnaireID, questionID, responseID string, ch CodingChange) (*Coding, error) {
	def, _, err := e.textQuestion(ctx, actor, questionnaireID, questionID)
	if err != nil {
		return nil, err
	}
	add, remove, err := checkCodingChange(ch)
	if err != nil {
		return nil, err
	}
	r, err := e.store.FindResponse(ctx, responseID)
	if errors.Is(err, ErrNotFound) || (err == nil && r.QuestionnaireID != def.ID) {
		return nil, Errorf(ENOTFOUND, "The questionnaire %q has no response %q.", def.ID, responseID)
	} else if err != nil {
		return nil, err
	}
	if s, _ := r.Answers[questionID].(string); s == "" {
		return nil, Errorf(ENOTFOUND, "Response %q did not answer question %q.", responseID, questionID)
	}
	known, err := e.codeList(ctx, def.ID, questionID)
	if err != nil {
		return nil, err
	}
	add = spellAsKnown(add, known)
	for range codingRetries {
		current, err := e.findCoding(ctx, def.ID, responseID, questionID)
		if err != nil {
			return nil, err
		}
		if ch.Version != nil && *ch.Version != current.Version {
			return nil, Errorf(ECONFLICT, "Someone changed the codes of this answer meanwhile (version %d, not %d): reload and try again.", current.Version, *ch.Version)
		}
		codes := applyCodingChange(current.Codes, add, remove)
		if len(codes) > MaxCodesPerAnswer {
			return nil, Invalid("Too many codes.", Fieldf("add", "An answer takes at most %d codes.", MaxCodesPerAnswer))
		}
		next := &Coding{
			QuestionnaireID: def.ID, ResponseID: responseID, QuestionID: questionID, Codes: codes,
			Version: current.Version + 1, UpdatedAt: e.Now(), UpdatedBy: actor.ID,
		}
		err = e.store.SaveCoding(ctx, next, current.Version)
		if err == nil {
			return next, nil
		}
		if !errors.Is(err, ErrConflict) {
			return nil, err
		}
		if ch.Version != nil {
			return nil, Errorf(ECONFLICT, "Someone changed the codes of this answer meanwhile: reload and try again.")
		}
		if err := retryPause(ctx); err != nil {
			return nil, err
		}
	}
	return nil, Errorf(ECONFLICT, "The codes of this answer keep changing: try again.")
}

// findCoding returns the stored coding of one answer, or an empty one at
// version 0.
func (e *Engine) findCoding(ctx context.Context, questionnaireID, responseID, questionID string) (*Coding, error) {
	cs, err := e.store.FindCodings(ctx, questionnaireID, []string{responseID})
	if err != nil {
		return nil, err
	}
	for _, c := range cs {
		if c.QuestionID == questionID {
			return c, nil
		}
	}
	return &Coding{QuestionnaireID: questionnaireID, ResponseID: responseID, QuestionID: questionID, Codes: []string{}}, nil
}

// checkCodingChange cleans the codes of a change: spaces trimmed and
// collapsed, each 1..MaxCodeLength characters of printable UTF-8.
func checkCodingChange(ch CodingChange) (add, remove []string, err error) {
	var fe fieldErrors
	clean := func(field string, codes []string) []string {
		out := make([]string, 0, len(codes))
		for i, c := range codes {
			code, bad := cleanCode(c)
			if bad != nil {
				bad.Field = fmt.Sprintf("%s[%d]", field, i)
				fe = append(fe, *bad)
				continue
			}
			out = append(out, code)
		}
		return out
	}
	add, remove = clean("add", ch.Add), clean("remove", ch.Remove)
	if len(add)+len(remove) == 0 && len(fe) == 0 {
		fe.add("add", "Give codes to add or to remove.")
	}
	if ch.Version != nil && *ch.Version < 0 {
		fe.add("version", "Give the version of the coding you saw (0 or more).")
	}
	return add, remove, fe.err("The codes cannot be changed.")
}

// cleanCode returns code with its spaces trimmed and collapsed, or a
// message saying what is wrong with it.
func cleanCode(code string) (string, *FieldError) {
	bad := func(format string, args ...any) (string, *FieldError) {
		f := Fieldf("", format, args...)
		return "", &f
	}
	if !utf8.ValidString(code) {
		return bad("Write a code in UTF-8.")
	}
	code = strings.Join(strings.Fields(code), " ")
	switch n := utf8.RuneCountInString(code); {
	case n == 0:
		return bad("A code cannot be empty.")
	case n > MaxCodeLength:
		return bad("Use at most %d characters for a code (you used %d).", MaxCodeLength, n)
	}
	if strings.IndexFunc(code, func(r rune) bool { return !unicode.IsPrint(r) }) >= 0 {
		return bad("A code cannot hold control characters.")
	}
	return code, nil
}

// spellAsKnown spells each code as the question's code list spells it
// when the two differ only in case, accents or spaces ("doprava",
// "DOPRAVA" → "Doprava"; the list's most used spelling first), so that
// people coding the same question do not split one code into several by
// how they type it. A code new to the question stays as typed; two codes
// of the change that differ only so become the first of them.
func spellAsKnown(codes []string, known []CodeListEntry) []string {
	spelling := make(map[string]string, len(known)+len(codes))
	for _, k := range known {
		if _, ok := spelling[Fold(k.Value)]; !ok {
			spelling[Fold(k.Value)] = k.Value
		}
	}
	out := make([]string, len(codes))
	for i, c := range codes {
		f := Fold(c)
		if _, ok := spelling[f]; !ok {
			spelling[f] = c
		}
		out[i] = spelling[f]
	}
	return out
}

// applyCodingChange returns codes with add added and remove removed,
// sorted. Codes that differ only in case, accents or spaces count as one:
// a code to remove takes the answer's code away however it is spelled,
// and a code added replaces the answer's other spelling of it.
func applyCodingChange(codes, add, remove []string) []string {
	removed := make(map[string]bool, len(remove))
	for _, c := range remove {
		removed[Fold(c)] = true
	}
	byFold := map[string]string{}
	for _, c := range slices.Concat(codes, add) {
		if f := Fold(c); !removed[f] {
			byFold[f] = c // a later one (an added code) wins
		}
	}
	out := make([]string, 0, len(byFold))
	for _, c := range byFold {
		out = append(out, c)
	}
	slices.Sort(out)
	return out
}

// retryPause waits a random moment of up to two milliseconds before an
// optimistic update is tried again, so that writers who collided do not
// collide again in lockstep; it returns early with the context's error.
func retryPause(ctx context.Context) error {
	t := time.NewTimer(time.Duration(mathrand.Int64N(int64(2 * time.Millisecond))))
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
