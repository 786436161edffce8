package engine

import (
	"context"
	"errors"
	"time"
)

// Consultation states.
const (
	StateScheduled = "scheduled"
	StateOpen      = "open"
	StateClosed    = "closed"
	StatePublished = "published"
)

// ConsultationInput is what a coordinator gives to create a consultation.
type ConsultationInput struct {
	ID       string         `json:"id"`
	Title    string         `json:"title"`
	Sections []SectionInput `json:"sections"`
	OpensAt  time.Time      `json:"opens_at"`
	ClosesAt time.Time      `json:"closes_at"`
	// Attachments are optional links that go with the draft.
	Attachments []AttachmentInput `json:"attachments"`
}

// SectionInput is one section of the draft.
type SectionInput struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Text  string `json:"text"`
}

// State returns the consultation's state at now: published once the
// settlement is out, else scheduled before opens_at, open until closes_at
// (exclusive), closed after.
func (c *Consultation) State(now time.Time) string {
	switch {
	case c.PublishedAt != nil:
		return StatePublished
	case now.Before(c.OpensAt):
		return StateScheduled
	case now.Before(c.ClosesAt):
		return StateOpen
	}
	return StateClosed
}

// Section returns the section with that id, or nil.
func (c *Consultation) Section(id string) *Section {
	for i := range c.Sections {
		if c.Sections[i].ID == id {
			return &c.Sections[i]
		}
	}
	return nil
}

// CreateConsultation creates a comment period; EINVALID names every bad
// field, ECONFLICT when the id exists.
func (e *Engine) CreateConsultation(ctx context.Context, actor *User, in ConsultationInput) (*Consultation, error) {
	if err := requireCoordinator(actor); err != nil {
		return nil, err
	}
	var fe fieldErrors
	fe.slug("id", in.ID)
	c := &Consultation{ID: in.ID, OpensAt: in.OpensAt.UTC(), ClosesAt: in.ClosesAt.UTC(), CreatedAt: e.Now()}
	c.Sections = checkConsultation(&fe, &in)
	c.Title = in.Title
	c.Attachments = fe.attachments(in.Attachments)
	if err := fe.err("The consultation is not valid."); err != nil {
		return nil, err
	}
	if err := e.store.CreateConsultation(ctx, c); err != nil {
		if errors.Is(err, ErrDuplicate) {
			return nil, Errorf(ECONFLICT, "A consultation with the id %q exists.", in.ID)
		}
		return nil, err
	}
	return c, nil
}

// FindConsultation returns the consultation or ENOTFOUND.
func (e *Engine) FindConsultation(ctx context.Context, id string) (*Consultation, error) {
	c, err := e.store.FindConsultation(ctx, id)
	if errors.Is(err, ErrNotFound) {
		return nil, Errorf(ENOTFOUND, "No consultation has the id %q.", id)
	}
	return c, err
}

// ListConsultations returns every consultation.
func (e *Engine) ListConsultations(ctx context.Context) ([]*Consultation, error) {
	return e.store.ListConsultations(ctx)
}

// PublishConsultation publishes the settlement of comments. ECONFLICT
// while the period is scheduled or open, while any comment is untriaged
// or any relevant comment undecided, and once it is published.
func (e *Engine) PublishConsultation(ctx context.Context, actor *User, id string) (*Consultation, error) {
	if err := requireCoordinator(actor); err != nil {
		return nil, err
	}
	c, err := e.FindConsultation(ctx, id)
	if err != nil {
		return nil, err
	}
	now := e.Now()
	switch c.State(now) {
	case StatePublished:
		return nil, Errorf(ECONFLICT, "The settlement of %q is published already.", id)
	case StateScheduled, StateOpen:
		return nil, Errorf(ECONFLICT, "The comment period of %q has not ended yet (it closes %s).", id, c.ClosesAt.Format(time.RFC3339))
	}
	comments, err := e.store.ListComments(ctx, id)
	if err != nil {
		return nil, err
	}
	var untriaged, undecided int
	for _, cm := range comments {
		switch {
		case cm.State == CommentReceived:
			untriaged++
		case cm.Relevance == Relevant && cm.State != CommentDecided:
			undecided++
		}
	}
	if untriaged+undecided > 0 {
		return nil, Errorf(ECONFLICT, "Cannot publish yet: %d comments are not triaged and %d relevant comments have no decision.", untriaged, undecided)
	}
	// Each author's outcome is held until the settlement is published:
	// none is sent if publishing fails, and none is lost if the process
	// dies right after it (see QueueHeldMail).
	outcomes, err := e.holdOutcomeMails(ctx, c, comments)
	if err != nil {
		return nil, err
	}
	if err := e.store.PublishConsultation(ctx, id, now); err != nil {
		if errors.Is(err, ErrConflict) {
			return nil, Errorf(ECONFLICT, "The settlement of %q is published already.", id)
		}
		return nil, err
	}
	c.PublishedAt = &now
	_ = e.ReleaseMail(ctx, outcomes...) // else the sweeper releases them
	return c, nil
}
