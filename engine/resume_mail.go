package engine

import (
	"context"
	"strconv"
	"strings"

	"github.com/triada-kpss/triada/i18n"
)

// mailZone is the time zone of dates in e-mails.
var mailZone = Prague

// MailResumeLink queues an e-mail to the address with link, the resume
// link of the draft that token keeps, in the language lang: for a person
// who chose "continue later" and wants the link in their mailbox. The
// address is kept only in the outbox message. The message's id derives
// from the draft, the address and when the draft was last saved, so
// that sending the form twice queues one e-mail. It returns the address
// as normalised; EINVALID (field "email") for a bad address, ENOTFOUND
// when the token keeps no draft of q.
func (e *Engine) MailResumeLink(ctx context.Context, q *Questionnaire, token, email, link, lang string) (string, error) {
	addr, err := NormalizeEmail("email", email)
	if err != nil {
		return "", err
	}
	st, err := e.DraftState(ctx, q, token)
	if err != nil {
		return "", err
	}
	if st.Draft == nil {
		return "", Errorf(ENOTFOUND, "No saved answers to %q belong to this browser.", q.ID)
	}
	d := st.Draft
	L := i18n.New(lang)
	title := q.Definition.Title.In(L.Lang())
	var b strings.Builder
	for _, l := range []string{
		L.T("mail.greeting"), "",
		L.T("mail.resume.body", title), "",
		link, "",
		L.T("saved.expires", L.Date(d.ExpiresAt.In(mailZone))),
		L.T("mail.resume.keep"), "",
		L.T("mail.resume.ignore"), "",
		"-- ", L.T("mail.footer"),
	} {
		b.WriteString(l + "\n")
	}
	m := Mail{
		ID:      "resume:" + HashSecret(d.Hash + "\n" + addr + "\n" + strconv.FormatInt(d.UpdatedAt.UnixMilli(), 10))[:32],
		To:      addr,
		Subject: oneLine(L.T("mail.resume.subject", title)),
		Text:    b.String(),
		Cause:   "draft:" + d.Hash,
	}
	return addr, e.QueueMail(ctx, m)
}
