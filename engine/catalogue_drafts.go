package engine

import (
	"context"
	"errors"
	"time"
)

// CatalogueDraft is the record a provider's questionnaire responses
// propose for the catalogue, one per IČO. Residents never see it: a
// coordinator compares it with the published record and approves it
// (its record is published) or returns it with a note, which the
// provider sees through their link before updating their answers.
type CatalogueDraft struct {
	ICO        string
	Record     Provider // Status ProviderDraft; services keep their Source
	State      string   // DraftPending, DraftReturned or DraftApproved
	Note       string   // the coordinator's note when returned
	ReviewedBy string   // user id of the last decision, "" before one
	ReviewedAt *time.Time
	Version    int // counts the changes; conditional updates compare it
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// Catalogue draft states.
const (
	DraftPending  = "pending"  // waits for a coordinator
	DraftReturned = "returned" // sent back to the provider with a note
	DraftApproved = "approved" // published as it is
)

// DraftComparison is a draft beside the published record of its IČO
// (nil when the IČO is not listed yet), for a coordinator to compare.
type DraftComparison struct {
	Draft     *CatalogueDraft
	Published *Provider
}

// ListCatalogueDrafts returns the drafts in the state ("" for all, else
// pending, returned or approved), for coordinators and admins.
func (e *Engine) ListCatalogueDrafts(ctx context.Context, actor *User, state string) ([]*CatalogueDraft, error) {
	if err := requireCoordinator(actor); err != nil {
		return nil, err
	}
	switch state {
	case "", DraftPending, DraftReturned, DraftApproved:
	default:
		return nil, Invalid("Unknown state.", Fieldf("state", "Use pending, returned or approved, not %q.", state))
	}
	return e.store.ListCatalogueDrafts(ctx, state)
}

// CompareCatalogueDraft returns the draft of the IČO with the published
// record it would replace, for coordinators and admins; ENOTFOUND when
// the IČO has no draft.
func (e *Engine) CompareCatalogueDraft(ctx context.Context, actor *User, ico string) (*DraftComparison, error) {
	if err := requireCoordinator(actor); err != nil {
		return nil, err
	}
	d, err := e.findDraft(ctx, ico)
	if err != nil {
		return nil, err
	}
	pub, err := e.store.FindProviderByICO(ctx, d.ICO)
	switch {
	case errors.Is(err, ErrNotFound):
		pub = nil
	case err != nil:
		return nil, err
	}
	return &DraftComparison{Draft: d, Published: pub}, nil
}

func (e *Engine) findDraft(ctx context.Context, ico string) (*CatalogueDraft, error) {
	d, err := e.store.FindCatalogueDraft(ctx, ico)
	if errors.Is(err, ErrNotFound) {
		return nil, Errorf(ENOTFOUND, "No draft record has the IČO %s.", quote(ico))
	}
	return d, err
}

// ApproveCatalogueDraft publishes the draft of the IČO: its record
// replaces the published one (keeping its id) or is listed anew.
// version, when not zero, is the draft's version the coordinator saw.
// ECONFLICT when the draft is not pending, or changed since (another
// coordinator decided it, or the provider updated it): of two
// coordinators approving at once one wins, the other gets ECONFLICT.
func (e *Engine) ApproveCatalogueDraft(ctx context.Context, actor *User, ico string, version int) (*Provider, error) {
	if err := requireCoordinator(actor); err != nil {
		return nil, err
	}
	d, err := e.decidable(ctx, ico, version)
	if err != nil {
		if stranded := e.strandedApproval(ctx, ico); stranded != nil {
			return e.publish(ctx, &stranded.Record)
		}
		return nil, err
	}
	before := *d
	now := e.Now()
	d.State, d.ReviewedBy, d.ReviewedAt, d.Version, d.UpdatedAt = DraftApproved, actor.ID, &now, d.Version+1, now
	if err := e.claim(ctx, d, before.Version); err != nil {
		return nil, err
	}
	p, err := e.publish(ctx, &d.Record)
	if err != nil {
		// Undo the claim, so that the draft can be approved again.
		before.Version = d.Version + 1
		_ = e.store.UpdateCatalogueDraft(ctx, &before, d.Version)
		return nil, err
	}
	return p, nil
}

// ReturnCatalogueDraft sends the draft back to the provider with a note
// (required, at most 2000 characters) that their link shows. EINVALID for
// a missing note; ECONFLICT as for ApproveCatalogueDraft.
func (e *Engine) ReturnCatalogueDraft(ctx context.Context, actor *User, ico string, version int, note string) (*CatalogueDraft, error) {
	if err := requireCoordinator(actor); err != nil {
		return nil, err
	}
	var fe fieldErrors
	fe.text("note", &note, true, 2000)
	if err := fe.err("Say what the provider should change."); err != nil {
		return nil, err
	}
	d, err := e.decidable(ctx, ico, version)
	if err != nil {
		return nil, err
	}
	now := e.Now()
	expected := d.Version
	d.State, d.Note, d.ReviewedBy, d.ReviewedAt, d.Version, d.UpdatedAt = DraftReturned, note, actor.ID, &now, d.Version+1, now
	if err := e.claim(ctx, d, expected); err != nil {
		return nil, err
	}
	return d, nil
}

// strandedAfter is how long after an approval its record must be
// published: a draft approved longer ago whose record is not was cut off
// between the two steps (the process died), not being published by a
// coordinator at this moment.
const strandedAfter = time.Minute

// strandedApproval returns the draft of the IČO when it is approved but
// its record was never published (see strandedAfter), so that approving
// it again publishes it; else nil.
func (e *Engine) strandedApproval(ctx context.Context, ico string) *CatalogueDraft {
	d, err := e.store.FindCatalogueDraft(ctx, ico)
	if err != nil || d.State != DraftApproved || d.ReviewedAt == nil || e.Now().Sub(*d.ReviewedAt) < strandedAfter {
		return nil
	}
	pub, err := e.store.FindProviderByICO(ctx, d.ICO)
	switch {
	case errors.Is(err, ErrNotFound):
		return d
	case err == nil && pub.UpdatedAt.Before(*d.ReviewedAt):
		return d
	}
	return nil
}

// decidable finds a pending draft at the version the coordinator saw.
func (e *Engine) decidable(ctx context.Context, ico string, version int) (*CatalogueDraft, error) {
	if version < 0 {
		return nil, Invalid("The version is not valid.", FieldError{Field: "version", Message: "Give the draft's version as a whole number from 1."})
	}
	d, err := e.findDraft(ctx, ico)
	if err != nil {
		return nil, err
	}
	switch {
	case version != 0 && version != d.Version:
		return nil, Errorf(ECONFLICT, "The draft of IČO %s changed since you opened it (version %d, now %d): look at it again.", d.ICO, version, d.Version)
	case d.State == DraftApproved:
		return nil, Errorf(ECONFLICT, "The draft of IČO %s is approved already.", d.ICO)
	case d.State == DraftReturned:
		return nil, Errorf(ECONFLICT, "The draft of IČO %s was returned to the provider; it can be decided again once they update it.", d.ICO)
	}
	return d, nil
}

// claim stores a decision on a draft if nobody changed it meanwhile.
func (e *Engine) claim(ctx context.Context, d *CatalogueDraft, expected int) error {
	err := e.store.UpdateCatalogueDraft(ctx, d, expected)
	if errors.Is(err, ErrConflict) {
		return Errorf(ECONFLICT, "The draft of IČO %s changed meanwhile: another coordinator decided it, or the provider updated it. Look at it again.", d.ICO)
	}
	return err
}

// publish lists a draft's record: it replaces the published record of
// the IČO, keeping its id and creation time, or is created.
func (e *Engine) publish(ctx context.Context, rec *Provider) (*Provider, error) {
	p := *rec
	p.Status, p.UpdatedAt = ProviderPublished, e.Now()
	old, err := e.store.FindProviderByICO(ctx, p.ICO)
	switch {
	case errors.Is(err, ErrNotFound):
		p.ID, p.CreatedAt = NewID(), p.UpdatedAt
		err = e.store.CreateProvider(ctx, &p)
		if errors.Is(err, ErrDuplicate) {
			return nil, Errorf(ECONFLICT, "A provider with the IČO %s was listed meanwhile: approve again.", p.ICO)
		}
	case err == nil:
		p.ID, p.CreatedAt = old.ID, old.CreatedAt
		err = e.store.ReplaceProvider(ctx, &p)
	}
	if err != nil {
		return nil, err
	}
	return &p, nil
}
