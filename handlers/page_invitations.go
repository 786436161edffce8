package handlers

import (
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/triada-kpss/triada/engine"
	"github.com/triada-kpss/triada/forms"
)

// Invitations of providers to a questionnaire with `access: invite`:
// the list with who has answered, one new invitation, a CSV list
// checked row by row before anything is created, reminders (a fresh
// link) and revocation.
func registerStaffInvitations(st *gin.RouterGroup, p *pages) {
	st.GET("/questionnaires/:id/invitations", p.invitationList)
	st.POST("/questionnaires/:id/invitations", p.guardForm, p.invitationCreate)
	st.POST("/questionnaires/:id/invitations/upload", p.guardUpload, p.invitationUpload)
	st.POST("/questionnaires/:id/invitations/import", p.guardForm, p.invitationImport)
	st.POST("/questionnaires/:id/invitations/remind", p.guardForm, p.invitationRemind)
	st.POST("/questionnaires/:id/invitations/remind-all", p.guardForm, p.invitationRemindAll)
	st.GET("/questionnaires/:id/invitations/revoke", p.invitationRevokeConfirm)
	st.POST("/questionnaires/:id/invitations/revoke", p.guardForm, p.invitationRevoke)
}

// maxUpload bounds an uploaded list: 2,000 rows of a few fields fit in a
// fraction of it (and it stays under Options.MaxBodyBytes' default).
const maxUpload = 512 << 10

func invitationsPath(id string) string {
	return "/work/questionnaires/" + url.PathEscape(id) + "/invitations"
}

type inviteForm struct{ Name, ICO, Email string }

type invitationsView struct {
	staffForm
	QID, QTitle, Path string
	Invites           []invitationRow
	Answered          int
	Pending           int
	Form              inviteForm
	Paste             string
	Notice            string
}

type invitationRow struct {
	Hash, Name, ICO, Email, Answered, Created, Reminded string
}

// invitationQuestionnaire returns the questionnaire of the path if it is
// answered by invitation, for coordinators.
func (p *pages) invitationQuestionnaire(c *gin.Context) (*engine.Questionnaire, bool) {
	if err := coordinatorOnly(p.staffUser(c)); err != nil {
		p.staffFail(c, err)
		return nil, false
	}
	q, err := p.eng.FindQuestionnaire(c.Request.Context(), c.Param("id"))
	if err != nil {
		p.staffFail(c, err)
		return nil, false
	}
	if q.Definition.Access != forms.AccessInvite {
		p.message(c, http.StatusConflict, "invitations.open_to_all", "/work", "work.home")
		return nil, false
	}
	return q, true
}

func (p *pages) invitationList(c *gin.Context) {
	notice := ""
	if c.Query("revoked") != "" {
		notice = "invitations.revoked"
	}
	p.renderInvitations(c, http.StatusOK, inviteForm{}, "", nil, nil, notice)
}

func (p *pages) renderInvitations(c *gin.Context, status int, form inviteForm, paste string, st *formState, errs []errorView, notice string) {
	q, ok := p.invitationQuestionnaire(c)
	if !ok {
		return
	}
	invites, err := p.eng.ListInvites(c.Request.Context(), p.staffUser(c), q.ID)
	if err != nil {
		p.staffFail(c, err)
		return
	}
	b := p.staffBase(c, "invitations.title")
	title := q.Definition.Title.In(b.L.Lang())
	b.Title = b.L.T("invitations.title") + " – " + title
	v := invitationsView{staffForm: staffForm{pageBase: b}, QID: q.ID, QTitle: title, Path: invitationsPath(q.ID), Form: form, Paste: paste}
	if st != nil {
		v.formState, v.Errors = *st, errs
	}
	if notice != "" {
		v.Notice = b.L.T(notice)
	}
	for _, inv := range invites {
		item := invitationRow{Hash: inv.Hash, Name: inv.Name, ICO: inv.ICO, Email: inv.Email, Created: b.L.Date(inv.CreatedAt.In(prague))}
		if inv.AnsweredAt != nil {
			item.Answered = b.L.Date(inv.AnsweredAt.In(prague))
			v.Answered++
		} else {
			v.Pending++
		}
		if inv.RemindedAt != nil {
			item.Reminded = b.L.N("invitations.reminded", inv.Reminders, b.L.Date(inv.RemindedAt.In(prague)))
		}
		v.Invites = append(v.Invites, item)
	}
	p.render(c, status, "invitations", v)
}

// madeLink is one link made for a provider, with the message to send.
type madeLink struct {
	Name, Email, Link, Subject, Text string
}

type linksView struct {
	pageBase
	Heading, Lead, Back string
	Links               []madeLink
}

func (p *pages) renderLinks(c *gin.Context, q *engine.Questionnaire, heading string, links []madeLink) {
	b := p.staffBase(c, heading)
	p.render(c, http.StatusOK, "invitations_links", linksView{pageBase: b, Heading: b.Title,
		Lead: b.L.T("invitations.links_lead"), Back: invitationsPath(q.ID), Links: links})
}

// inviteLink makes the link and the message of a new invitation or a
// reminder, and sends the message.
func (p *pages) inviteLink(c *gin.Context, q *engine.Questionnaire, inv *engine.Invite, token string, reminder bool) madeLink {
	lang := languageOf(c)
	link := p.absoluteURL(c, "/i/"+token)
	title := q.Definition.Title.In(lang)
	var subject, text string
	if reminder {
		subject, text = providerReminderMail(lang, inv.Name, title, link, q.Definition.ClosesAt)
	} else {
		subject, text = providerInviteMail(lang, inv.Name, title, link, q.Definition.ClosesAt)
	}
	p.sendLinkMail(c, "invite-link:"+engine.HashSecret(token), inv.Email, subject, text, "invite:"+inv.Hash)
	return madeLink{Name: inv.Name, Email: inv.Email, Link: link, Subject: subject, Text: text}
}

func (p *pages) invitationCreate(c *gin.Context) {
	q, ok := p.invitationQuestionnaire(c)
	if !ok {
		return
	}
	form := inviteForm{Name: c.PostForm("name"), ICO: c.PostForm("ico"), Email: c.PostForm("email")}
	b := p.base(c, "")
	st := formState{}
	if strings.TrimSpace(form.Name) == "" {
		st.addError(&b, "name", b.L.T("invitations.name"), b.L.T("invitations.err.name"))
	}
	if ico := strings.ReplaceAll(strings.TrimSpace(form.ICO), " ", ""); ico != "" && !engine.ValidICO(ico) {
		st.addError(&b, "ico", b.L.T("invitations.ico"), b.L.T("invitations.err.ico"))
	}
	if _, err := engine.NormalizeEmail("email", form.Email); err != nil {
		st.addError(&b, "email", b.L.T("invitations.email"), b.L.T("invitations.err.email"))
	}
	if len(st.Err) > 0 {
		p.renderInvitationsWith(c, form, "", st, b.Errors)
		return
	}
	token, inv, err := p.eng.CreateProviderInvite(c.Request.Context(), p.staffUser(c), q.ID, form.Email, form.Name, form.ICO)
	if err != nil {
		p.staffFail(c, err)
		return
	}
	p.renderLinks(c, q, "invitations.created_title", []madeLink{p.inviteLink(c, q, inv, token, false)})
}

// renderInvitationsWith renders the list with a form's errors.
func (p *pages) renderInvitationsWith(c *gin.Context, form inviteForm, paste string, st formState, errs []errorView) {
	p.renderInvitations(c, http.StatusUnprocessableEntity, form, paste, &st, errs, "")
}

// guardUpload is guardForm for a form with a file: it reads the
// multipart body, bounded by maxUpload, and then lets guardForm check the
// CSRF token and the honeypot among its fields (ParseForm does not read
// a multipart body; once it is read, guardForm's ParseForm keeps it).
func (p *pages) guardUpload(c *gin.Context) {
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, maxUpload+64<<10)
	err := c.Request.ParseMultipartForm(maxUpload)
	if errors.Is(err, http.ErrNotMultipart) {
		err = c.Request.ParseForm() // pasted rows only, from a client that sends no file
	}
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) || strings.Contains(err.Error(), "too large") {
			p.message(c, http.StatusRequestEntityTooLarge, "msg.too_large", "", "")
			return
		}
		p.message(c, http.StatusBadRequest, "msg.bad_request", "", "")
		return
	}
	p.guardForm(c)
}

type previewView struct {
	pageBase
	QID, QTitle, Path string
	Rows              []previewRow
	Ready             int
	Rejected          int
}

type previewRow struct {
	Line             int
	Name, ICO, Email string
	Problems         []string
	Ready            bool
}

// invitationUpload answers the upload of a list: a preview of every row
// with its problems; nothing is created yet.
func (p *pages) invitationUpload(c *gin.Context) {
	q, ok := p.invitationQuestionnaire(c)
	if !ok {
		return
	}
	data := []byte(c.Request.PostFormValue("rows"))
	if f, _, err := c.Request.FormFile("file"); err == nil {
		read, rerr := io.ReadAll(io.LimitReader(f, maxUpload))
		_ = f.Close()
		if rerr == nil && len(read) > 0 {
			data = read
		}
	}
	b := p.base(c, "")
	rows, err := engine.ParseInviteList(data)
	if err != nil {
		st := formState{}
		st.addError(&b, "file", b.L.T("invitations.file"), b.L.T("invitations.err.file", engine.MaxInviteRows))
		p.renderInvitationsWith(c, inviteForm{}, c.Request.PostFormValue("rows"), st, b.Errors)
		return
	}
	v, err := p.preview(c, q, rows)
	if err != nil {
		p.staffFail(c, err)
		return
	}
	p.render(c, http.StatusOK, "invitations_preview", v)
}

// preview is the page of the rows of a list with their problems, an
// e-mail that has an invitation already among them, and the form that
// imports the ready rows.
func (p *pages) preview(c *gin.Context, q *engine.Questionnaire, rows []engine.InviteRow) (previewView, error) {
	pb := p.staffBase(c, "invitations.preview_title")
	v := previewView{pageBase: pb, QID: q.ID, QTitle: q.Definition.Title.In(pb.L.Lang()), Path: invitationsPath(q.ID)}
	invites, err := p.eng.ListInvites(c.Request.Context(), p.staffUser(c), q.ID)
	if err != nil {
		return v, err
	}
	invited := map[string]bool{}
	for _, inv := range invites {
		invited[inv.Email] = true
	}
	for _, r := range rows {
		if invited[r.Email] {
			r.Problems = append(r.Problems, engine.RowInvited)
		}
		row := previewRow{Line: r.Line, Name: r.Name, ICO: r.ICO, Email: r.Email, Ready: len(r.Problems) == 0}
		for _, pr := range r.Problems {
			row.Problems = append(row.Problems, pb.L.T("invitations.problem."+pr))
		}
		if row.Ready {
			v.Ready++
		} else {
			v.Rejected++
		}
		v.Rows = append(v.Rows, row)
	}
	return v, nil
}

// invitationImport creates the invitations of the rows the preview found
// ready (sent back as name/email pairs); each is checked again.
func (p *pages) invitationImport(c *gin.Context) {
	q, ok := p.invitationQuestionnaire(c)
	if !ok {
		return
	}
	names, icos, emails := c.PostFormArray("name"), c.PostFormArray("ico"), c.PostFormArray("email")
	if len(names) != len(emails) || len(icos) != len(emails) || len(names) == 0 || len(names) > engine.MaxInviteRows {
		p.message(c, http.StatusBadRequest, "msg.bad_request", invitationsPath(q.ID), "invitations.back")
		return
	}
	// Every row is checked as the preview checked it before any is
	// created: a row refused, or one invited since (the form sent twice),
	// shows the preview again and creates nothing.
	rows := make([]engine.InviteRow, len(names))
	for i := range names {
		rows[i] = engine.InviteRow{Line: i + 1, Name: names[i], ICO: icos[i], Email: emails[i]}
	}
	rows = engine.CheckInviteRows(rows)
	v, err := p.preview(c, q, rows)
	if err != nil {
		p.staffFail(c, err)
		return
	}
	if v.Rejected > 0 {
		p.render(c, http.StatusUnprocessableEntity, "invitations_preview", v)
		return
	}
	var links []madeLink
	for _, r := range rows {
		token, inv, err := p.eng.CreateProviderInvite(c.Request.Context(), p.staffUser(c), q.ID, r.Email, r.Name, r.ICO)
		if err != nil {
			p.staffFail(c, err)
			return
		}
		links = append(links, p.inviteLink(c, q, inv, token, false))
	}
	p.renderLinks(c, q, "invitations.created_title", links)
}

func (p *pages) invitationRemind(c *gin.Context) {
	q, ok := p.invitationQuestionnaire(c)
	if !ok {
		return
	}
	token, inv, err := p.eng.RemindInvite(c.Request.Context(), p.staffUser(c), q.ID, c.PostForm("invite"))
	if err != nil {
		p.staffFail(c, err)
		return
	}
	p.renderLinks(c, q, "invitations.reminded_title", []madeLink{p.inviteLink(c, q, inv, token, true)})
}

func (p *pages) invitationRemindAll(c *gin.Context) {
	q, ok := p.invitationQuestionnaire(c)
	if !ok {
		return
	}
	ctx := c.Request.Context()
	invites, err := p.eng.ListInvites(ctx, p.staffUser(c), q.ID)
	if err != nil {
		p.staffFail(c, err)
		return
	}
	var links []madeLink
	for _, inv := range invites {
		if inv.ResponseID != "" {
			continue
		}
		token, inv, err := p.eng.RemindInvite(ctx, p.staffUser(c), q.ID, inv.Hash)
		if engine.ErrorCode(err) == engine.ECONFLICT || engine.ErrorCode(err) == engine.ENOTFOUND {
			continue // answered or revoked meanwhile
		}
		if err != nil {
			p.staffFail(c, err)
			return
		}
		links = append(links, p.inviteLink(c, q, inv, token, true))
	}
	p.renderLinks(c, q, "invitations.reminded_title", links)
}

func (p *pages) invitationRevokeConfirm(c *gin.Context) {
	q, ok := p.invitationQuestionnaire(c)
	if !ok {
		return
	}
	inv, err := p.eng.FindQuestionnaireInvite(c.Request.Context(), p.staffUser(c), q.ID, c.Query("invite"))
	if err != nil {
		p.staffFail(c, err)
		return
	}
	b := p.staffBase(c, "invitations.revoke_title")
	text := b.L.T("invitations.revoke_text", inv.Email)
	if inv.ResponseID != "" {
		text += " " + b.L.T("invitations.revoke_answered")
	}
	p.render(c, http.StatusOK, "people_confirm", confirmView{pageBase: b, Heading: b.Title, Text: text,
		Action: invitationsPath(q.ID) + "/revoke", Hidden: inv.Hash,
		Button: b.L.T("invitations.revoke"), Back: invitationsPath(q.ID)})
}

func (p *pages) invitationRevoke(c *gin.Context) {
	q, ok := p.invitationQuestionnaire(c)
	if !ok {
		return
	}
	if _, err := p.eng.RevokeInvite(c.Request.Context(), p.staffUser(c), q.ID, c.PostForm("invite")); err != nil {
		p.staffFail(c, err)
		return
	}
	redirect(c, invitationsPath(q.ID)+"?revoked=1")
}
