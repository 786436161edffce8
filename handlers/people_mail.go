package handlers

import (
	"time"

	"github.com/gin-gonic/gin"

	"github.com/triada-kpss/triada/engine"
	"github.com/triada-kpss/triada/i18n"
)

// The messages that the staff pages for people and invitations make.
// Each goes through queueMail; the pages also show each link with its
// message, so that the coordinator or admin can send it another way.

// queueMail hands one message to the outbox (engine.QueueMail), which
// sends it, retrying while the mail server is down. id is deterministic
// (one message per link), cause names the user ("user:ID") or the
// invitation ("invite:HASH").
func (p *pages) queueMail(c *gin.Context, id, to, subject, text, cause string) error {
	return p.eng.QueueMail(c.Request.Context(), engine.Mail{ID: id, To: to, Subject: subject, Text: text, Cause: cause})
}

// sendLinkMail queues a message and, when the outbox refuses it, records
// the error for the request log: the page still shows the link and the
// message, so nothing is lost.
func (p *pages) sendLinkMail(c *gin.Context, id, to, subject, text, cause string) {
	if err := p.queueMail(c, id, to, subject, text, cause); err != nil {
		_ = c.Error(err)
	}
}

// userInviteMail is the message to a person an admin invited: the link
// sets their password (PasswordLinkTTL).
func userInviteMail(lang, name, link, by string) (subject, text string) {
	l := i18n.New(lang)
	return l.T("people_mail.user_invite.subject"), l.T("people_mail.user_invite.text", greeting(l, name), by, link)
}

// passwordResetMail is the message to a person whose password an admin
// reset.
func passwordResetMail(lang, name, link, by string) (subject, text string) {
	l := i18n.New(lang)
	return l.T("people_mail.password_reset.subject"), l.T("people_mail.password_reset.text", greeting(l, name), by, link)
}

// providerInviteMail invites a provider to answer a questionnaire
// through their personal link.
func providerInviteMail(lang, name, title, link string, closes *time.Time) (subject, text string) {
	l := i18n.New(lang)
	return l.T("people_mail.provider_invite.subject", title), l.T("people_mail.provider_invite.text", greeting(l, name), title, link) + deadline(l, closes)
}

// providerReminderMail reminds a provider who has not answered, with a
// fresh link.
func providerReminderMail(lang, name, title, link string, closes *time.Time) (subject, text string) {
	l := i18n.New(lang)
	return l.T("people_mail.provider_reminder.subject", title), l.T("people_mail.provider_reminder.text", greeting(l, name), title, link) + deadline(l, closes)
}

func greeting(l *i18n.Printer, name string) string {
	if name == "" {
		return l.T("people_mail.greeting")
	}
	return l.T("people_mail.greeting_name", name)
}

func deadline(l *i18n.Printer, closes *time.Time) string {
	if closes == nil {
		return ""
	}
	return "\n\n" + l.T("people_mail.deadline", l.Date(closes.In(prague)))
}
