package handlers

import (
	"time"

	"github.com/triada-kpss/triada/i18n"
)

// The messages that the staff pages for people and invitations make.
// Until the outbox is wired (engine.QueueMail), the pages show each
// message with its link so that the coordinator or admin can send it;
// the lead hands subject and text to QueueMail where the handlers say.

// userInviteMail is the message to a person an admin invited: the link
// sets their password (PasswordLinkTTL).
func userInviteMail(lang, name, link, by string) (subject, text string) {
	l := i18n.New(lang)
	return l.T("mail.user_invite.subject"), l.T("mail.user_invite.text", greeting(l, name), by, link)
}

// passwordResetMail is the message to a person whose password an admin
// reset.
func passwordResetMail(lang, name, link, by string) (subject, text string) {
	l := i18n.New(lang)
	return l.T("mail.password_reset.subject"), l.T("mail.password_reset.text", greeting(l, name), by, link)
}

// providerInviteMail invites a provider to answer a questionnaire
// through their personal link.
func providerInviteMail(lang, name, title, link string, closes *time.Time) (subject, text string) {
	l := i18n.New(lang)
	return l.T("mail.provider_invite.subject", title), l.T("mail.provider_invite.text", greeting(l, name), title, link) + deadline(l, closes)
}

// providerReminderMail reminds a provider who has not answered, with a
// fresh link.
func providerReminderMail(lang, name, title, link string, closes *time.Time) (subject, text string) {
	l := i18n.New(lang)
	return l.T("mail.provider_reminder.subject", title), l.T("mail.provider_reminder.text", greeting(l, name), title, link) + deadline(l, closes)
}

func greeting(l *i18n.Printer, name string) string {
	if name == "" {
		return l.T("mail.greeting")
	}
	return l.T("mail.greeting_name", name)
}

func deadline(l *i18n.Printer, closes *time.Time) string {
	if closes == nil {
		return ""
	}
	return "\n\n" + l.T("mail.deadline", l.Date(closes.In(prague)))
}
