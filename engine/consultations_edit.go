package engine

import (
	"context"
	"errors"
	"fmt"
	"slices"
)

// UpdateConsultation replaces the title, the sections and the period of
// a consultation, if its version is still expectedVersion (what the
// coordinator saw). While it is scheduled everything may change but the
// id. Once open (or closed) only the wording may: the period stays, no
// section is added, and a section with comments stays. Coordinators and
// admins; EINVALID names each bad field; ECONFLICT once published, for a
// change of more than wording after opening, and when someone else
// changed it meanwhile.
func (e *Engine) UpdateConsultation(ctx context.Context, actor *User, id string, expectedVersion int, in ConsultationInput) (*Consultation, error) {
	if err := requireCoordinator(actor); err != nil {
		return nil, err
	}
	old, err := e.FindConsultation(ctx, id)
	if err != nil {
		return nil, err
	}
	if old.Version != expectedVersion {
		return nil, errEdited(id)
	}
	state := old.State(e.Now())
	if state == StatePublished {
		return nil, Errorf(ECONFLICT, "The settlement of %q is published: the consultation can no longer change.", id)
	}
	var fe fieldErrors
	// A copy of the stored record keeps what this edit does not touch.
	edited := *old
	c := &edited
	c.Sections = checkConsultation(&fe, &in)
	c.Title, c.OpensAt, c.ClosesAt, c.Version = in.Title, in.OpensAt.UTC(), in.ClosesAt.UTC(), old.Version+1
	if in.Attachments != nil {
		c.Attachments = fe.attachments(in.Attachments)
	}
	if state != StateScheduled && len(fe) == 0 {
		if err := e.checkWordingOnly(ctx, &fe, old, c); err != nil {
			return nil, err
		}
	}
	if err := fe.err("The consultation is not valid."); err != nil {
		return nil, err
	}
	if err := e.store.UpdateConsultation(ctx, c, expectedVersion); err != nil {
		switch {
		case errors.Is(err, ErrNotFound):
			return nil, Errorf(ENOTFOUND, "No consultation has the id %q.", id)
		case errors.Is(err, ErrConflict):
			return nil, errEdited(id)
		}
		return nil, err
	}
	return c, nil
}

// checkConsultation checks the title, sections and period of in, for
// CreateConsultation and UpdateConsultation alike, and returns the
// sections.
func checkConsultation(fe *fieldErrors, in *ConsultationInput) []Section {
	fe.text("title", &in.Title, true, 300)
	if len(in.Sections) == 0 {
		fe.add("sections", "Give the draft at least one section.")
	}
	seen := map[string]bool{}
	var out []Section
	for i, s := range in.Sections {
		field := fmt.Sprintf("sections[%d]", i)
		fe.slug(field+".id", s.ID)
		if seen[s.ID] {
			fe.add(field+".id", "Another section has the id %q.", s.ID)
		}
		seen[s.ID] = true
		fe.text(field+".title", &s.Title, true, 300)
		fe.text(field+".text", &s.Text, false, 200_000)
		out = append(out, Section(s))
	}
	switch {
	case in.OpensAt.IsZero():
		fe.add("opens_at", "Give the start of the comment period (RFC 3339, e.g. 2027-10-01T00:00:00Z).")
	case in.ClosesAt.IsZero():
		fe.add("closes_at", "Give the end of the comment period (RFC 3339, e.g. 2027-10-31T23:59:59Z).")
	case !in.OpensAt.Before(in.ClosesAt):
		fe.add("closes_at", "The comment period must end after it opens.")
	}
	return out
}

// checkWordingOnly adds an error for each change of more than wording to
// a consultation that has opened: a new period, a new section, a removed
// section that has comments.
func (e *Engine) checkWordingOnly(ctx context.Context, fe *fieldErrors, old, c *Consultation) error {
	if !c.OpensAt.Equal(old.OpensAt) {
		fe.add("opens_at", "The comment period has begun: its start can no longer change.")
	}
	if !c.ClosesAt.Equal(old.ClosesAt) {
		fe.add("closes_at", "The comment period has begun: its end can no longer change.")
	}
	for i, s := range c.Sections {
		if old.Section(s.ID) == nil {
			fe.add(fmt.Sprintf("sections[%d].id", i), "The comment period has begun: no section can be added (%q is new).", s.ID)
		}
	}
	used, err := e.sectionsInUse(ctx, old.ID)
	if err != nil {
		return err
	}
	for _, s := range old.Sections {
		if used[s.ID] > 0 && !slices.ContainsFunc(c.Sections, func(n Section) bool { return n.ID == s.ID }) {
			fe.add("sections", "The section %q has %d comments: it cannot be removed.", s.ID, used[s.ID])
		}
	}
	return nil
}

// sectionsInUse counts the comments of the consultation per section.
func (e *Engine) sectionsInUse(ctx context.Context, id string) (map[string]int, error) {
	comments, err := e.store.ListComments(ctx, id)
	if err != nil {
		return nil, err
	}
	used := map[string]int{}
	for _, c := range comments {
		used[c.Section]++
	}
	return used, nil
}

// SectionsWithComments counts the comments of the consultation per
// section, for the edit page to mark the sections that must stay.
func (e *Engine) SectionsWithComments(ctx context.Context, actor *User, id string) (map[string]int, error) {
	if err := requireCoordinator(actor); err != nil {
		return nil, err
	}
	return e.sectionsInUse(ctx, id)
}

// errEdited is the conflict of an edit that lost a race.
func errEdited(id string) error {
	return Errorf(ECONFLICT, "Someone else changed the consultation %q meanwhile: open it again and repeat your change.", id)
}
