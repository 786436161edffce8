package sqlite

import (
	"bytes"
	"context"
	"database/sql"

	"github.com/triada-kpss/triada/engine"
)

// countQuery reads the codes of one questionnaire's responses.
const countQuery = `SELECT codes FROM responses WHERE questionnaire_id = ?`

// CountAnswers counts the codes of the responses of q.Questionnaire that
// hold every code of q.Filters and one code of each set of q.AnyOf, broken down by the value of q.Segment when
// it is set; an unknown questionnaire counts zero responses.
//
// It streams the codes column of the questionnaire's responses (read from
// the covering index responses_listing, without the answers) and counts in
// Go in one pass: a response is rejected by a byte search for each filter
// before its codes are split; each code is looked up once in a map from
// code to a slot, and the slot's counters, over all and within the
// response's segment, are plain slice elements. One row is in memory at a
// time, and nothing is allocated per code.
func (s *Store) CountAnswers(ctx context.Context, q engine.CountQuery) (*engine.Counts, error) {
	rows, err := s.read.QueryContext(ctx, countQuery, q.Questionnaire)
	if err != nil {
		return nil, fail(err, "count answers of %q", q.Questionnaire)
	}
	defer rows.Close()
	c := newCounter(q)
	var codes sql.RawBytes
	for rows.Next() {
		if err := rows.Scan(&codes); err != nil {
			return nil, fail(err, "count answers of %q", q.Questionnaire)
		}
		c.add(codes)
	}
	if err := rows.Err(); err != nil {
		return nil, fail(err, "count answers of %q", q.Questionnaire)
	}
	return c.counts(), nil
}

// counter counts codes in one pass over the responses.
type counter struct {
	filters   [][]byte   // "\n" + code + "\n"
	anyOf     [][][]byte // sets of framed codes, one of each must be held
	segPrefix []byte     // Segment + "=", or nil
	slots     map[string]int
	codes     []string      // slot -> code
	segOf     []*segCounter // slot -> the segment its code opens, if any
	total     int
	all       []int // slot -> matching responses holding it
	segs      []*segCounter
	row       []int // the slots of the current response
	rowSegs   []*segCounter
	framed    []byte // "\n" + the current response's codes
}

type segCounter struct {
	value  string
	total  int
	counts []int // slot -> responses of the segment holding it
}

func newCounter(q engine.CountQuery) *counter {
	c := &counter{slots: map[string]int{}}
	for _, f := range q.Filters {
		c.filters = append(c.filters, []byte("\n"+f+"\n"))
	}
	c.anyOf = framedSets(q.AnyOf)
	if q.Segment != "" {
		c.segPrefix = []byte(q.Segment + "=")
	}
	return c
}

// add counts one response from its codes column.
func (c *counter) add(codes []byte) {
	if len(c.filters) > 0 || len(c.anyOf) > 0 {
		// Frame the codes with a leading newline so that every code,
		// the first too, reads "\ncode\n".
		c.framed = append(append(c.framed[:0], '\n'), codes...)
		for _, f := range c.filters {
			if !bytes.Contains(c.framed, f) {
				return
			}
		}
		if !holdsOneOfEach(c.framed, c.anyOf) {
			return
		}
	}
	c.row, c.rowSegs = c.row[:0], c.rowSegs[:0]
	for len(codes) > 0 {
		i := bytes.IndexByte(codes, '\n')
		if i < 0 {
			i = len(codes) // tolerate a missing final newline
		}
		code := codes[:i]
		codes = codes[min(i+1, len(codes)):]
		slot, ok := c.slots[string(code)] // no allocation for a lookup
		if !ok {
			slot = c.newSlot(code)
		}
		c.row = append(c.row, slot)
		if sc := c.segOf[slot]; sc != nil {
			c.rowSegs = append(c.rowSegs, sc)
		}
	}
	c.total++
	for _, slot := range c.row {
		c.all[slot]++
	}
	for _, sc := range c.rowSegs {
		sc.total++
		if len(sc.counts) < len(c.codes) {
			sc.counts = append(sc.counts, make([]int, len(c.codes)-len(sc.counts))...)
		}
		for _, slot := range c.row {
			sc.counts[slot]++
		}
	}
}

// newSlot gives a code seen for the first time its slot, and its segment
// when it is a value of the segment question.
func (c *counter) newSlot(code []byte) int {
	slot := len(c.codes)
	s := string(code)
	c.slots[s] = slot
	c.codes = append(c.codes, s)
	c.all = append(c.all, 0)
	var sc *segCounter
	if c.segPrefix != nil && bytes.HasPrefix(code, c.segPrefix) {
		sc = &segCounter{value: s[len(c.segPrefix):]}
		c.segs = append(c.segs, sc)
	}
	c.segOf = append(c.segOf, sc)
	return slot
}

// counts returns what was counted; codes no matching response holds and
// segments without responses are left out.
func (c *counter) counts() *engine.Counts {
	out := &engine.Counts{Total: c.total, Codes: codeMap(c.codes, c.all)}
	if c.segPrefix == nil {
		return out
	}
	out.Segments = make(map[string]*engine.SegmentCounts, len(c.segs))
	for _, sc := range c.segs {
		if sc.total > 0 {
			out.Segments[sc.value] = &engine.SegmentCounts{Total: sc.total, Codes: codeMap(c.codes, sc.counts)}
		}
	}
	return out
}

func codeMap(codes []string, counts []int) map[string]int {
	m := make(map[string]int, len(counts))
	for slot, n := range counts {
		if n > 0 {
			m[codes[slot]] = n
		}
	}
	return m
}
