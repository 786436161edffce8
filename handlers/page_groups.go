package handlers

import (
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/triada-kpss/triada/engine"
)

// registerStaffPeople adds the pages for working groups, people,
// invitations of providers and the editing of consultations.
func registerStaffPeople(st *gin.RouterGroup, p *pages) {
	st.GET("/groups", p.groupList)
	st.POST("/groups", p.guardForm, p.groupCreate)
	st.GET("/groups/:id", p.groupShow)
	st.POST("/groups/:id", p.guardForm, p.groupUpdate)
	st.POST("/groups/:id/members", p.guardForm, p.groupAddMember)
	st.GET("/groups/:id/members/:user/remove", p.groupRemoveConfirm)
	st.POST("/groups/:id/members/:user/remove", p.guardForm, p.groupRemoveMember)
	registerStaffUsers(st, p)
	registerStaffInvitations(st, p)
	registerStaffConsultationEdit(st, p)
}

// groupForm is what the group forms show back.
type groupForm struct {
	ID, Name, Description, Tags string
}

// groupListView is GET /work/groups: the groups and a form for a new one.
type groupListView struct {
	staffForm
	Groups []groupItem
	Form   groupForm
}

type groupItem struct {
	URL, ID, Name, Tags string
	Members             int
}

func groupPath(id string) string { return "/work/groups/" + url.PathEscape(id) }

// splitTags reads tags typed with commas or spaces between them.
func splitTags(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return r == ',' || r == ';' || r == ' ' || r == '\n' || r == '\r' || r == '\t' })
}

func (p *pages) groupList(c *gin.Context) {
	p.renderGroupList(c, http.StatusOK, groupForm{}, nil)
}

func (p *pages) renderGroupList(c *gin.Context, status int, form groupForm, err error) {
	groups, lerr := p.eng.ListGroups(c.Request.Context(), p.staffUser(c))
	if lerr == nil {
		lerr = coordinatorOnly(p.staffUser(c))
	}
	if lerr != nil {
		p.staffFail(c, lerr)
		return
	}
	b := p.staffBase(c, "groups.title")
	v := groupListView{staffForm: staffForm{pageBase: b}, Form: form}
	switch engine.ErrorCode(err) {
	case engine.ECONFLICT:
		v.addError(&v.staffForm.pageBase, "id", b.L.T("groups.id"), b.L.T("groups.err.id_taken"))
	case engine.EINVALID:
		v.formState = fieldErrors(&v.staffForm.pageBase, "groups", err, map[string]string{
			"id": b.L.T("groups.id"), "name": b.L.T("groups.name"), "tags": b.L.T("groups.tags")})
	}
	for _, g := range groups {
		v.Groups = append(v.Groups, groupItem{URL: groupPath(g.ID), ID: g.ID, Name: g.Name, Tags: strings.Join(g.Tags, ", "), Members: len(g.Members)})
	}
	p.render(c, status, "groups", v)
}

// coordinatorOnly refuses members of working groups the pages that
// coordinate (the engine lets every signed-in person list groups).
func coordinatorOnly(u *engine.User) error {
	if u == nil || (u.Role != engine.RoleCoordinator && u.Role != engine.RoleAdmin) {
		return engine.Errorf(engine.EFORBIDDEN, "Only coordinators and admins manage working groups.")
	}
	return nil
}

func (p *pages) groupCreate(c *gin.Context) {
	form := groupForm{ID: strings.TrimSpace(c.PostForm("id")), Name: c.PostForm("name"), Description: c.PostForm("description"), Tags: c.PostForm("tags")}
	ctx := c.Request.Context()
	g, err := p.eng.CreateGroup(ctx, p.staffUser(c), engine.GroupInput{ID: form.ID, Name: form.Name, Description: form.Description,
		Tags: splitTags(form.Tags)})
	switch engine.ErrorCode(err) {
	case "":
		redirect(c, groupPath(g.ID)+"?created=1")
	case engine.EINVALID, engine.ECONFLICT:
		p.renderGroupList(c, http.StatusUnprocessableEntity, form, err)
	default:
		p.staffFail(c, err)
	}
}

// groupPageView is GET /work/groups/{id}: the group's details, its members
// and the people who may be added.
type groupPageView struct {
	staffForm
	Group      *engine.Group
	Form       groupForm
	Members    []memberItem
	Candidates []memberItem
	Notice     string
	MemberErr  string
}

type memberItem struct {
	ID, Email, Name, Role, URL, RemoveURL string
}

func (p *pages) groupShow(c *gin.Context) {
	notice := ""
	switch {
	case c.Query("created") != "":
		notice = "groups.created"
	case c.Query("saved") != "":
		notice = "groups.saved"
	case c.Query("added") != "":
		notice = "groups.added"
	case c.Query("removed") != "":
		notice = "groups.removed"
	}
	p.renderGroup(c, http.StatusOK, nil, nil, notice, "")
}

// renderGroup shows the group; form (nil: the stored values) and err
// are those of a failed edit, memberErr that of a failed addition.
func (p *pages) renderGroup(c *gin.Context, status int, form *groupForm, err error, notice, memberErr string) {
	ctx := c.Request.Context()
	u := p.staffUser(c)
	g, ferr := p.eng.FindGroup(ctx, c.Param("id"))
	if ferr == nil {
		ferr = coordinatorOnly(u)
	}
	if ferr != nil {
		p.staffFail(c, ferr)
		return
	}
	people, ferr := p.eng.GroupPeople(ctx, u)
	if ferr != nil {
		p.staffFail(c, ferr)
		return
	}
	b := p.staffBase(c, "groups.group_title")
	b.Title = b.L.T("groups.group_title", g.Name)
	v := groupPageView{staffForm: staffForm{pageBase: b}, Group: g, MemberErr: memberErr}
	if notice != "" {
		v.Notice = b.L.T(notice)
	}
	if form == nil {
		form = &groupForm{Name: g.Name, Description: g.Description, Tags: strings.Join(g.Tags, ", ")}
	}
	v.Form = *form
	if err != nil {
		v.formState = fieldErrors(&v.staffForm.pageBase, "groups", err, map[string]string{
			"name": b.L.T("groups.name"), "description": b.L.T("groups.description"), "tags": b.L.T("groups.tags")})
	}
	if memberErr != "" {
		v.addError(&v.staffForm.pageBase, "member", b.L.T("groups.member"), memberErr)
	}
	for _, person := range people {
		item := memberItem{ID: person.ID, Email: person.Email, Name: person.Name, Role: b.L.T("role." + string(person.Role))}
		if slices.Contains(g.Members, person.ID) {
			item.RemoveURL = groupPath(g.ID) + "/members/" + url.PathEscape(person.ID) + "/remove"
			v.Members = append(v.Members, item)
		} else {
			v.Candidates = append(v.Candidates, item)
		}
	}
	p.render(c, status, "groups_edit", v)
}

func (p *pages) groupUpdate(c *gin.Context) {
	form := groupForm{Name: c.PostForm("name"), Description: c.PostForm("description"), Tags: c.PostForm("tags")}
	_, err := p.eng.UpdateGroup(c.Request.Context(), p.staffUser(c), c.Param("id"),
		engine.GroupEdit{Name: form.Name, Description: form.Description, Tags: splitTags(form.Tags)})
	switch engine.ErrorCode(err) {
	case "":
		redirect(c, groupPath(c.Param("id"))+"?saved=1")
	case engine.EINVALID:
		p.renderGroup(c, http.StatusUnprocessableEntity, &form, err, "", "")
	default:
		p.staffFail(c, err)
	}
}

func (p *pages) groupAddMember(c *gin.Context) {
	userID := c.PostForm("member")
	ctx := c.Request.Context()
	u := p.staffUser(c)
	l := p.base(c, "").L
	if userID == "" {
		p.renderGroup(c, http.StatusUnprocessableEntity, nil, nil, "", l.T("groups.err.member"))
		return
	}
	people, err := p.eng.GroupPeople(ctx, u)
	if err != nil {
		p.staffFail(c, err)
		return
	}
	i := slices.IndexFunc(people, func(o *engine.User) bool { return o.ID == userID })
	if i < 0 {
		p.renderGroup(c, http.StatusUnprocessableEntity, nil, nil, "", l.T("groups.err.member_gone"))
		return
	}
	if _, err := p.eng.AddGroupMember(ctx, u, c.Param("id"), people[i].Email); err != nil {
		p.staffFail(c, err)
		return
	}
	redirect(c, groupPath(c.Param("id"))+"?added=1")
}

func (p *pages) groupRemoveConfirm(c *gin.Context) {
	ctx := c.Request.Context()
	u := p.staffUser(c)
	g, err := p.eng.FindGroup(ctx, c.Param("id"))
	if err == nil {
		err = coordinatorOnly(u)
	}
	if err != nil {
		p.staffFail(c, err)
		return
	}
	member, err := p.groupMember(c, g)
	if err != nil {
		p.staffFail(c, err)
		return
	}
	b := p.staffBase(c, "groups.remove_title")
	who := member.Email
	if member.Name != "" {
		who = member.Name + " (" + member.Email + ")"
	}
	p.render(c, http.StatusOK, "people_confirm", confirmView{pageBase: b, Heading: b.Title,
		Text: b.L.T("groups.remove_text", who, g.Name), Action: c.Request.URL.Path,
		Button: b.L.T("groups.remove"), Back: groupPath(g.ID)})
}

// groupMember returns the member named by the path, ENOTFOUND when the
// user is not a member.
func (p *pages) groupMember(c *gin.Context, g *engine.Group) (*engine.User, error) {
	people, err := p.eng.GroupPeople(c.Request.Context(), p.staffUser(c))
	if err != nil {
		return nil, err
	}
	id := c.Param("user")
	i := slices.IndexFunc(people, func(o *engine.User) bool { return o.ID == id })
	if i < 0 || !slices.Contains(g.Members, id) {
		return nil, engine.Errorf(engine.ENOTFOUND, "This person is not a member of the working group.")
	}
	return people[i], nil
}

func (p *pages) groupRemoveMember(c *gin.Context) {
	if _, err := p.eng.RemoveGroupMember(c.Request.Context(), p.staffUser(c), c.Param("id"), c.Param("user")); err != nil {
		p.staffFail(c, err)
		return
	}
	redirect(c, groupPath(c.Param("id"))+"?removed=1")
}
