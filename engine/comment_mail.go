package engine

import (
	"context"
	"strings"

	"github.com/triada-kpss/triada/i18n"
)

// The e-mails of a comment period: a receipt when a comment arrives and
// the outcome when the settlement is published, each in the comment's
// language. Their texts are in the i18n catalogs (mail.LANG.json), next
// to the pages' texts, so that translators find every text in one place.

// commentMail is an e-mail about a comment to its author, in the
// comment's language: the greeting, the first line of kind's body (the
// consultation's title and the comment's reference), the lines middle
// writes, and the footer. kind is "receipt" or "outcome": it names the
// texts (mail.KIND.*) and makes the mail's id.
func commentMail(kind string, c *Consultation, cm *Comment, middle func(L *i18n.Printer, line func(string))) Mail {
	L := i18n.New(cm.Author.Language)
	var b strings.Builder
	line := func(s string) { b.WriteString(s + "\n") }
	line(L.T("mail.greeting"))
	line("")
	line(L.T("mail."+kind+".body", c.Title, cm.Reference))
	line("")
	middle(L, line)
	line("")
	line("-- ")
	line(L.T("mail.footer"))
	return Mail{
		ID: kind + ":" + cm.ID, To: cm.Author.Email, Cause: "comment:" + cm.ID,
		Subject: oneLine(L.T("mail."+kind+".subject", cm.Reference, c.Title)),
		Text:    b.String(),
	}
}

// receiptMail is the receipt of a new comment: its reference, the
// consultation's title and a copy of the comment.
func receiptMail(c *Consultation, cm *Comment) Mail {
	return commentMail("receipt", c, cm, func(L *i18n.Printer, line func(string)) {
		if s := c.Section(cm.Section); s != nil {
			line(L.T("mail.receipt.section", s.Title))
		} else {
			line(L.T("mail.receipt.whole"))
		}
		line(L.T("mail.receipt.next"))
		line("")
		line(L.T("mail.receipt.copy"))
		line("")
		line(quoteMail(cm.Text))
	})
}

// outcomeMail tells the author how their comment was settled, with a
// link to the published settlement when the base URL is known.
func (e *Engine) outcomeMail(c *Consultation, cm *Comment) Mail {
	return commentMail("outcome", c, cm, func(L *i18n.Printer, line func(string)) {
		result := "mail.outcome.not_relevant"
		if cm.Relevance == Relevant && cm.Outcome != "" {
			result = "mail.outcome." + cm.Outcome
		}
		line(L.T("mail.outcome.result", L.T(result)))
		if strings.TrimSpace(cm.Response) != "" {
			line("")
			line(L.T("mail.outcome.response"))
			line(cm.Response)
		}
		line("")
		line(L.T("mail.outcome.your_comment"))
		line(quoteMail(cm.Text))
		if e.baseURL != "" {
			line("")
			line(L.T("mail.outcome.link"))
			line(e.baseURL + OutcomesPath(c.ID))
		}
	})
}

// OutcomesPath is the path of a consultation's published settlement.
func OutcomesPath(consultationID string) string { return "/c/" + consultationID + "/outcomes" }

// quoteMail prefixes each line of a person's text with "> ", as mail
// programs show a quotation.
func quoteMail(s string) string {
	lines := strings.Split(strings.ReplaceAll(strings.TrimSpace(s), "\r\n", "\n"), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight("> "+l, " ")
	}
	return strings.Join(lines, "\n")
}

// oneLine keeps a subject on one line whatever a title holds, and
// shortens it to maxSubject characters.
func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > maxSubject {
		s = string(r[:maxSubject-1]) + "…"
	}
	return s
}

// maxSubject is the longest subject that e-mails of Triada have.
const maxSubject = 200

// holdOutcomeMails holds the outcome e-mail of every comment whose
// author gave an address, released once the consultation is published,
// and returns their ids.
func (e *Engine) holdOutcomeMails(ctx context.Context, c *Consultation, comments []*Comment) ([]string, error) {
	var ids []string
	for _, cm := range comments {
		if cm.Author.Email == "" {
			continue
		}
		m := e.outcomeMail(c, cm)
		if err := e.QueueHeldMail(ctx, m, "published:"+c.ID); err != nil {
			return nil, err
		}
		ids = append(ids, m.ID)
	}
	return ids, nil
}
