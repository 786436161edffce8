package handlers

import (
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/triada-kpss/triada/engine"
	"github.com/triada-kpss/triada/forms"
)

// inviteCookie keeps the token of a personal link for the pages of its
// questionnaire (its path is the questionnaire's), so that the link is
// opened once and the form pages need no token in their addresses.
const inviteCookie = "triada_invite"

// openInvitation answers a personal link, /i/TOKEN: it keeps the token in
// a cookie for the questionnaire's pages and goes to them; when the
// invitation was answered already, it starts a draft holding that answer,
// so the provider changes it rather than starts again. The token is in
// the path: the request log shows the route only, and no page here links
// out (Referrer-Policy keeps it anyway).
func (p *pages) openInvitation(c *gin.Context) {
	p.language(c)
	c.Header("Referrer-Policy", "no-referrer")
	ctx := c.Request.Context()
	token := c.Param("token")
	inv, err := p.eng.FindInvite(ctx, token)
	if err != nil {
		p.message(c, http.StatusNotFound, "msg.invite_unknown", "/", "msg.home")
		return
	}
	q := inv.Questionnaire
	if !inv.Open {
		p.closed(c, q)
		return
	}
	expires := time.Now().Add(cookieYear)
	if q.Definition.ClosesAt != nil {
		expires = q.Definition.ClosesAt.Add(24 * time.Hour)
	}
	p.setCookie(c, inviteCookie, token, startPath(q.ID), expires)
	if inv.Response != nil {
		st, err := p.eng.DraftState(ctx, q, draftToken(c))
		if err != nil {
			p.fail(c, err, q)
			return
		}
		if st.Draft == nil || st.Draft.InviteHash != inv.Invite.Hash {
			draft, d, err := p.eng.EditInvitationDraft(ctx, q, inv.Invite.Hash, languageOf(c))
			if err != nil {
				p.fail(c, err, q)
				return
			}
			p.setDraftToken(c, q.ID, draft, d.ExpiresAt)
		}
	}
	redirect(c, startPath(q.ID))
}

// invitationOf is the invitation seam of the pages: for a questionnaire
// answered by invitation, the hash of the invitation whose link this
// browser opened, "" when it opened none (then CanAnswer refuses).
func (p *pages) invitationOf(c *gin.Context, q *engine.Questionnaire) (string, error) {
	if q.Definition.Access != forms.AccessInvite {
		return "", nil
	}
	token := cookie(c, inviteCookie)
	if token == "" {
		return "", nil
	}
	inv, err := p.eng.FindInvite(c.Request.Context(), token)
	if engine.ErrorCode(err) == engine.ENOTFOUND {
		return "", nil
	} else if err != nil {
		return "", err
	}
	if inv.Questionnaire.ID != q.ID {
		return "", nil
	}
	return inv.Invite.Hash, nil
}

// logPath is the path the request log shows: a personal link's token is
// a password, so /i/TOKEN is logged as /i/….
func logPath(path string) string {
	if strings.HasPrefix(path, "/i/") {
		return "/i/…"
	}
	if strings.HasPrefix(path, "/password/") { // page_password.go
		return "/password/…"
	}
	return path
}
