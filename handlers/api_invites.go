package handlers

import (
	"encoding/json"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/triada-kpss/triada/engine"
	"github.com/triada-kpss/triada/forms"
)

// inviteTokenHeader carries the token of a personal invitation link
// (/i/TOKEN) to the API; ?invite=TOKEN does the same where a header
// cannot be set. The request log never shows query strings.
const inviteTokenHeader = "X-Invite-Token"

// inviteToken returns the invitation token the request carries, or "".
func inviteToken(c *gin.Context) string {
	if t := strings.TrimSpace(c.GetHeader(inviteTokenHeader)); t != "" {
		return t
	}
	return strings.TrimSpace(c.Query("invite"))
}

// submitInviteResponse answers POST /questionnaires/{id}/responses sent
// with an invitation token: the first submission creates the invitation's
// response (201), later ones replace its answers (200, the same id) until
// the questionnaire closes (409 after). 403 for a token that is no
// invitation to this questionnaire.
func (a *api) submitInviteResponse(c *gin.Context, token string, answers map[string]json.RawMessage) {
	ctx := c.Request.Context()
	inv, err := a.eng.FindInvite(ctx, token)
	if engine.ErrorCode(err) == engine.ENOTFOUND {
		err = engine.Errorf(engine.EFORBIDDEN, "%s", engine.ErrorMessage(err))
	}
	if err != nil {
		writeError(c, err)
		return
	}
	r, created, err := a.eng.SubmitInviteAnswers(ctx, c.Param("id"), inv.Invite.Hash, answers)
	if err != nil {
		writeError(c, err)
		return
	}
	status := http.StatusOK
	if created {
		status = http.StatusCreated
	}
	c.JSON(status, gin.H{"id": r.ID})
}

// invitationView is what GET /invite shows the holder of a link.
type invitationView struct {
	Questionnaire string        `json:"questionnaire"`
	Email         string        `json:"email"`
	Name          string        `json:"name"`
	Open          bool          `json:"open"`
	AnsweredAt    *time.Time    `json:"answered_at"`
	Response      *responseView `json:"response"`
	// Catalogue is the state of the draft record the answers feed (for a
	// questionnaire with a catalogue map): pending, returned with the
	// coordinator's note, or approved; absent otherwise.
	Catalogue *inviteCatalogueView `json:"catalogue,omitempty"`
}

type inviteCatalogueView struct {
	ICO   string `json:"ico"`
	State string `json:"state"`
	Note  string `json:"note,omitempty"`
}

type responseView struct {
	ID      string        `json:"id"`
	Answers forms.Answers `json:"answers"`
}

// getInvitation answers GET /invite with the invitation the token names
// and the answers given through it so far, so that a client can edit
// them. 404 for a token that is no invitation.
func (a *api) getInvitation(c *gin.Context) {
	inv, err := a.eng.FindInvite(c.Request.Context(), inviteToken(c))
	if err != nil {
		writeError(c, err)
		return
	}
	v := invitationView{Questionnaire: inv.Questionnaire.ID, Email: inv.Invite.Email, Name: inv.Invite.Name,
		Open: inv.Open, AnsweredAt: inv.Invite.AnsweredAt}
	if inv.Response != nil {
		v.Response = &responseView{ID: inv.Response.ID, Answers: inv.Response.Answers}
	}
	if d := inv.CatalogueDraft; d != nil {
		v.Catalogue = &inviteCatalogueView{ICO: d.ICO, State: d.State}
		if d.State == engine.DraftReturned {
			v.Catalogue.Note = d.Note
		}
	}
	c.JSON(http.StatusOK, v)
}

// createInvite answers POST /questionnaires/{id}/invites {"email","name"}
// for coordinators: 201 with the token, shown this once, and the path of
// the personal link.
func (a *api) createInvite(c *gin.Context) {
	var body struct {
		Email string `json:"email"`
		Name  string `json:"name"`
	}
	if !decodeJSON(c, &body) {
		return
	}
	token, inv, err := a.eng.CreateInvite(c.Request.Context(), actor(c), c.Param("id"), body.Email, body.Name)
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusCreated, gin.H{"token": token, "path": "/i/" + token, "email": inv.Email, "name": inv.Name})
}

// inviteItem is one invitation in a coordinator's list; the token is not
// stored, so it cannot be listed.
type inviteItem struct {
	Email      string     `json:"email"`
	Name       string     `json:"name"`
	CreatedAt  time.Time  `json:"created_at"`
	AnsweredAt *time.Time `json:"answered_at"`
	ResponseID *string    `json:"response_id"`
}

// listInvites answers GET /questionnaires/{id}/invites for coordinators.
func (a *api) listInvites(c *gin.Context) {
	invites, err := a.eng.ListInvites(c.Request.Context(), actor(c), c.Param("id"))
	if err != nil {
		writeError(c, err)
		return
	}
	out := make([]inviteItem, 0, len(invites))
	for _, i := range invites {
		out = append(out, inviteItem{Email: i.Email, Name: i.Name, CreatedAt: i.CreatedAt, AnsweredAt: i.AnsweredAt, ResponseID: null(i.ResponseID)})
	}
	c.JSON(http.StatusOK, out)
}
