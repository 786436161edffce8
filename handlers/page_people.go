package handlers

import (
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"

	"github.com/triada-kpss/triada/engine"
)

// The people of an installation, for admins: invite a person (a user
// without a password and a link to set one), change a role, reset a
// password, remove a person.
func registerStaffUsers(st *gin.RouterGroup, p *pages) {
	st.GET("/people", p.peopleList)
	st.POST("/people", p.guardForm, p.peopleInvite)
	st.GET("/people/:id", p.personShow)
	st.POST("/people/:id/role", p.guardForm, p.personRole)
	st.POST("/people/:id/reset", p.guardForm, p.personReset)
	st.GET("/people/:id/remove", p.personRemoveConfirm)
	st.POST("/people/:id/remove", p.guardForm, p.personRemove)
}

var roles = []engine.Role{engine.RoleMember, engine.RoleCoordinator, engine.RoleAdmin}

type roleOption struct {
	Value, Label string
	Selected     bool
}

func roleOptions(b pageBase, selected string) []roleOption {
	var out []roleOption
	for _, r := range roles {
		out = append(out, roleOption{Value: string(r), Label: b.L.T("role." + string(r)), Selected: string(r) == selected})
	}
	return out
}

type personForm struct{ Email, Name, Role string }

type peopleView struct {
	staffForm
	People []memberItem
	Form   personForm
	Roles  []roleOption
	Notice string
}

func personPath(id string) string { return "/work/people/" + url.PathEscape(id) }

func (p *pages) peopleList(c *gin.Context) {
	notice := ""
	if c.Query("removed") != "" {
		notice = "people.removed"
	}
	p.renderPeople(c, http.StatusOK, personForm{Role: string(engine.RoleMember)}, nil, notice)
}

func (p *pages) renderPeople(c *gin.Context, status int, form personForm, err error, notice string) {
	users, lerr := p.eng.ListUsers(c.Request.Context(), p.staffUser(c))
	if lerr != nil {
		p.staffFail(c, lerr)
		return
	}
	b := p.staffBase(c, "people.title")
	v := peopleView{staffForm: staffForm{pageBase: b}, Form: form, Roles: roleOptions(b, form.Role)}
	if notice != "" {
		v.Notice = b.L.T(notice)
	}
	if err != nil {
		v.formState = fieldErrors(&v.staffForm.pageBase, "people", err, map[string]string{
			"email": b.L.T("people.email"), "name": b.L.T("people.name"), "role": b.L.T("people.role")})
	}
	for _, u := range users {
		v.People = append(v.People, memberItem{ID: u.ID, Email: u.Email, Name: u.Name, Role: b.L.T("role." + string(u.Role)), URL: personPath(u.ID)})
	}
	p.render(c, status, "people", v)
}

// linkView shows a link made for someone (to set a password, or to
// answer a questionnaire) and the message to send them, until the
// outbox sends it.
type linkView struct {
	pageBase
	Heading, Lead, Link, Subject, Text, Back, BackText string
}

func (p *pages) peopleInvite(c *gin.Context) {
	form := personForm{Email: c.PostForm("email"), Name: c.PostForm("name"), Role: c.PostForm("role")}
	token, u, err := p.eng.InviteUser(c.Request.Context(), p.staffUser(c), form.Email, engine.Role(form.Role), form.Name)
	switch engine.ErrorCode(err) {
	case "":
	case engine.EINVALID, engine.ECONFLICT:
		p.renderPeople(c, http.StatusUnprocessableEntity, form, err, "")
		return
	default:
		p.staffFail(c, err)
		return
	}
	p.showPasswordLink(c, u, token, userInviteMail)
}

// showPasswordLink sends the message with a new password link and shows
// the link and the message.
func (p *pages) showPasswordLink(c *gin.Context, u *engine.User, token string, mail func(lang, name, link, by string) (string, string)) {
	b := p.staffBase(c, "people.link_title")
	link := p.absoluteURL(c, "/password/"+token)
	subject, text := mail(b.L.Lang(), u.Name, link, p.staffUser(c).Email)
	p.sendLinkMail(c, "password-link:"+engine.HashSecret(token), u.Email, subject, text, "user:"+u.ID)
	p.render(c, http.StatusOK, "people_link", linkView{pageBase: b, Heading: b.Title,
		Lead: b.L.T("people.link_lead", u.Email), Link: link, Subject: subject, Text: text,
		Back: personPath(u.ID), BackText: b.L.T("people.back_person")})
}

type personView struct {
	pageBase
	Person *engine.User
	Roles  []roleOption
	Notice string
	Self   bool
}

func (p *pages) personShow(c *gin.Context) {
	notice := ""
	if c.Query("role") != "" {
		notice = "people.role_changed"
	}
	p.renderPerson(c, http.StatusOK, notice, nil)
}

func (p *pages) renderPerson(c *gin.Context, status int, notice string, err error) {
	u, ferr := p.eng.FindUser(c.Request.Context(), p.staffUser(c), c.Param("id"))
	if ferr != nil {
		p.staffFail(c, ferr)
		return
	}
	b := p.staffBase(c, "people.person_title")
	b.Title = u.Email
	v := personView{pageBase: b, Person: u, Roles: roleOptions(b, string(u.Role)), Self: u.ID == p.staffUser(c).ID}
	if notice != "" {
		v.Notice = b.L.T(notice)
	}
	if err != nil {
		v.Errors = append(v.Errors, errorView{InputID: "role", Question: b.L.T("people.role"), Message: b.L.T("people.err.last_admin")})
	}
	p.render(c, status, "people_person", v)
}

func (p *pages) personRole(c *gin.Context) {
	actor := p.staffUser(c)
	u, err := p.eng.ChangeRole(c.Request.Context(), actor, c.Param("id"), engine.Role(c.PostForm("role")))
	switch engine.ErrorCode(err) {
	case "":
		if u.ID == actor.ID && u.Role != engine.RoleAdmin {
			redirect(c, "/work") // no longer an admin: this page is closed to them now
			return
		}
		redirect(c, personPath(c.Param("id"))+"?role=1")
	case engine.ECONFLICT:
		p.renderPerson(c, http.StatusConflict, "", err)
	default:
		p.staffFail(c, err)
	}
}

func (p *pages) personReset(c *gin.Context) {
	token, u, err := p.eng.ResetPassword(c.Request.Context(), p.staffUser(c), c.Param("id"))
	if err != nil {
		p.staffFail(c, err)
		return
	}
	p.showPasswordLink(c, u, token, passwordResetMail)
}

func (p *pages) personRemoveConfirm(c *gin.Context) {
	u, err := p.eng.FindUser(c.Request.Context(), p.staffUser(c), c.Param("id"))
	if err != nil {
		p.staffFail(c, err)
		return
	}
	b := p.staffBase(c, "people.remove_title")
	p.render(c, http.StatusOK, "people_confirm", confirmView{pageBase: b, Heading: b.Title,
		Text: b.L.T("people.remove_text", u.Email), Action: c.Request.URL.Path,
		Button: b.L.T("people.remove"), Back: personPath(u.ID)})
}

func (p *pages) personRemove(c *gin.Context) {
	if err := p.eng.RemoveUser(c.Request.Context(), p.staffUser(c), c.Param("id")); err != nil {
		p.staffFail(c, err)
		return
	}
	redirect(c, "/work/people?removed=1")
}
