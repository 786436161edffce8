package handlers

import (
	"time"

	"github.com/triada-kpss/triada/engine"
)

// personalDataView is the export of what is stored about one e-mail
// address, as the API answers it and the staff page downloads it.
type personalDataView struct {
	Email    string                `json:"email"`
	Account  *accountView          `json:"account"`
	Comments []personalCommentView `json:"comments"`
	Mail     []personalMailView    `json:"mail"`
}

type accountView struct {
	ID        string    `json:"id"`
	Email     string    `json:"email"`
	Name      string    `json:"name"`
	Role      string    `json:"role"`
	CreatedAt time.Time `json:"created_at"`
}

type personalCommentView struct {
	ID           string     `json:"id"`
	Consultation string     `json:"consultation"`
	Reference    string     `json:"reference"`
	Section      string     `json:"section"`
	Text         string     `json:"text"`
	Author       authorView `json:"author"`
	State        string     `json:"state"`
	Relevance    string     `json:"relevance"`
	Outcome      string     `json:"outcome"`
	Response     string     `json:"response"`
	CreatedAt    time.Time  `json:"created_at"`
}

type personalMailView struct {
	ID        string     `json:"id"`
	Subject   string     `json:"subject"`
	Text      string     `json:"text"`
	State     string     `json:"state"`
	CreatedAt time.Time  `json:"created_at"`
	SentAt    *time.Time `json:"sent_at"`
}

func newPersonalDataView(d *engine.PersonalData) personalDataView {
	v := personalDataView{Email: d.Email, Comments: []personalCommentView{}, Mail: []personalMailView{}}
	if u := d.User; u != nil {
		v.Account = &accountView{ID: u.ID, Email: u.Email, Name: u.Name, Role: string(u.Role), CreatedAt: u.CreatedAt}
	}
	for _, c := range d.Comments {
		v.Comments = append(v.Comments, personalCommentView{ID: c.ID, Consultation: c.ConsultationID, Reference: c.Reference,
			Section: c.Section, Text: c.Text, Author: authorView{Name: c.Author.Name, Email: c.Author.Email, Municipality: c.Author.Municipality,
				Organisation: c.Author.Organisation, PublishName: c.Author.PublishName}, State: c.State, Relevance: c.Relevance,
			Outcome: c.Outcome, Response: c.Response, CreatedAt: c.CreatedAt})
	}
	for _, m := range d.Mail {
		mv := personalMailView{ID: m.ID, Subject: m.Subject, Text: m.Text, State: m.State, CreatedAt: m.CreatedAt}
		if !m.SentAt.IsZero() {
			sent := m.SentAt
			mv.SentAt = &sent
		}
		v.Mail = append(v.Mail, mv)
	}
	return v
}
