package handlers

import (
	"time"

	"github.com/triada-kpss/triada/engine"
	"github.com/triada-kpss/triada/forms"
)

// The JSON shapes of the API (CONTRACT.md). Views are plain structs so
// that a field never leaks by accident: an author's e-mail appears only in
// commentView for coordinators, never in a public view.

type questionnaireItem struct {
	ID       string     `json:"id"`
	Title    forms.Text `json:"title"`
	Audience string     `json:"audience"`
	Access   string     `json:"access"`
	OpensAt  *time.Time `json:"opens_at"`
	ClosesAt *time.Time `json:"closes_at"`
	Open     bool       `json:"open"`
}

func newQuestionnaireItem(q *engine.Questionnaire, open bool) questionnaireItem {
	d := q.Definition
	return questionnaireItem{ID: q.ID, Title: d.Title, Audience: d.Audience, Access: d.Access, OpensAt: d.OpensAt, ClosesAt: d.ClosesAt, Open: open}
}

type groupView struct {
	ID           string   `json:"id"`
	Name         string   `json:"name"`
	Description  string   `json:"description,omitempty"` // beside CONTRACT's fields; the pages edit it
	Tags         []string `json:"tags"`
	TargetGroups []string `json:"target_groups"`
	Members      int      `json:"members"`
}

func newGroupView(g *engine.Group) groupView {
	return groupView{ID: g.ID, Name: g.Name, Description: g.Description, Tags: nonNil(g.Tags), TargetGroups: nonNil(g.TargetGroups), Members: len(g.Members)}
}

type consultationView struct {
	ID          string           `json:"id"`
	Title       string           `json:"title"`
	State       string           `json:"state"`
	Sections    []sectionView    `json:"sections"`
	Attachments []attachmentView `json:"attachments"`
	OpensAt     time.Time        `json:"opens_at"`
	ClosesAt    time.Time        `json:"closes_at"`
	PublishedAt *time.Time       `json:"published_at"`
}

type attachmentView struct {
	Title string `json:"title"`
	URL   string `json:"url"`
}

type sectionView struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Text  string `json:"text"`
}

func newConsultationView(c *engine.Consultation, now time.Time) consultationView {
	v := consultationView{ID: c.ID, Title: c.Title, State: c.State(now), Sections: []sectionView{}, OpensAt: c.OpensAt, ClosesAt: c.ClosesAt, PublishedAt: c.PublishedAt}
	for _, s := range c.Sections {
		v.Sections = append(v.Sections, sectionView(s))
	}
	v.Attachments = []attachmentView{}
	for _, a := range c.Attachments {
		v.Attachments = append(v.Attachments, attachmentView(a))
	}
	return v
}

// publicComment is a comment as the published settlement shows it: the
// author's name only with consent, the e-mail never.
type publicComment struct {
	Reference string   `json:"reference"`
	Section   *string  `json:"section"`
	Text      string   `json:"text"`
	Relevance *string  `json:"relevance"`
	Groups    []string `json:"groups"`
	Outcome   *string  `json:"outcome"`
	Response  *string  `json:"response"`
	Author    *string  `json:"author,omitempty"`
}

func newPublicComment(c *engine.Comment) publicComment {
	v := publicComment{Reference: c.Reference, Section: null(c.Section), Text: c.Text, Relevance: null(c.Relevance),
		Groups: nonNil(c.Groups), Outcome: null(c.Outcome), Response: null(c.Response)}
	if c.Author.PublishName && c.Author.Name != "" {
		v.Author = &c.Author.Name
	}
	return v
}

// commentView is a comment as coordinators and members handle it.
type commentView struct {
	ID string `json:"id"`
	publicComment
	State     string     `json:"state"`
	Author    authorView `json:"author"`
	Version   int        `json:"version"`
	CreatedAt time.Time  `json:"created_at"`
}

type authorView struct {
	Name         string `json:"name"`
	Email        string `json:"email,omitempty"`
	Municipality string `json:"municipality"`
	Organisation string `json:"organisation,omitempty"`
	PublishName  bool   `json:"publish_name"`
}

// newCommentView shows the author's e-mail to coordinators only.
func newCommentView(c *engine.Comment, showEmail bool) commentView {
	v := commentView{ID: c.ID, publicComment: newPublicComment(c), State: c.State, Version: c.Version, CreatedAt: c.CreatedAt,
		Author: authorView{Name: c.Author.Name, Municipality: c.Author.Municipality, Organisation: c.Author.Organisation, PublishName: c.Author.PublishName}}
	v.publicComment.Author = nil
	if showEmail {
		v.Author.Email = c.Author.Email
	}
	return v
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// null turns an empty string into a JSON null.
func null(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
