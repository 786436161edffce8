package handlers

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/triada-kpss/triada/engine"
)

// personalDataPageView is the coordinators' page for a person's request
// about their data: the address asked about, what is stored, and the
// way to download or erase it.
type personalDataPageView struct {
	pageBase
	Email    string
	Invalid  bool // the address typed is not one
	Data     *engine.PersonalData
	Comments []personalCommentItem
	Mail     []personalMailItem
	JSONURL  string
	EraseURL string
	Erased   string // what the last erasure did, in words
}

type personalCommentItem struct{ Reference, Consultation, Text, State, Date string }

type personalMailItem struct{ Subject, State, Date string }

// personalDataPage answers GET /work/personal-data?email=.
func (p *pages) personalDataPage(c *gin.Context) {
	b := p.staffBase(c, "personal.title")
	v := personalDataPageView{pageBase: b, Email: c.Query("email")}
	if c.Query("erased") == "1" {
		v.Erased = b.L.T("personal.erased", c.Query("comments"), c.Query("mail"))
	}
	if v.Email == "" {
		p.render(c, http.StatusOK, "personal_data", v)
		return
	}
	d, err := p.eng.ExportPersonalData(c.Request.Context(), p.staffUser(c), v.Email)
	if engine.ErrorCode(err) == engine.EINVALID {
		v.Invalid = true
		v.Errors = []errorView{{InputID: "email", Message: b.L.T("personal.invalid")}}
		p.render(c, http.StatusUnprocessableEntity, "personal_data", v)
		return
	}
	if err != nil {
		p.staffFail(c, err)
		return
	}
	v.Data = d
	q := "?email=" + url.QueryEscape(d.Email)
	v.JSONURL, v.EraseURL = "/work/personal-data.json"+q, "/work/personal-data/erase"+q
	for _, cm := range d.Comments {
		v.Comments = append(v.Comments, personalCommentItem{Reference: cm.Reference, Consultation: cm.ConsultationID, Text: cm.Text,
			State: b.L.T("cp.comment_state." + cm.State), Date: b.L.Date(cm.CreatedAt.In(prague))})
	}
	for _, m := range d.Mail {
		v.Mail = append(v.Mail, personalMailItem{Subject: m.Subject, State: b.L.T("outbox.state." + m.State), Date: b.L.Date(m.CreatedAt.In(prague))})
	}
	p.render(c, http.StatusOK, "personal_data", v)
}

// personalDataJSON answers GET /work/personal-data.json?email=: the
// export to hand to the person, as a download.
func (p *pages) personalDataJSON(c *gin.Context) {
	d, err := p.eng.ExportPersonalData(c.Request.Context(), p.staffUser(c), c.Query("email"))
	if err != nil {
		p.staffFail(c, err)
		return
	}
	c.Header("Cache-Control", "no-store")
	c.Header("Content-Disposition", `attachment; filename="personal-data.json"`)
	c.IndentedJSON(http.StatusOK, newPersonalDataView(d))
}

// eraseConfirmView asks before an address is forgotten.
type eraseConfirmView struct {
	pageBase
	Email              string
	Comments, Messages int
}

// personalDataEraseConfirm answers GET /work/personal-data/erase?email=:
// what the erasure removes and keeps, and a button to do it.
func (p *pages) personalDataEraseConfirm(c *gin.Context) {
	d, err := p.eng.ExportPersonalData(c.Request.Context(), p.staffUser(c), c.Query("email"))
	if err != nil {
		p.staffFail(c, err)
		return
	}
	p.render(c, http.StatusOK, "personal_data_erase", eraseConfirmView{pageBase: p.staffBase(c, "personal.erase_title"),
		Email: d.Email, Comments: len(d.Comments), Messages: len(d.Mail)})
}

// personalDataErase answers POST /work/personal-data/erase.
func (p *pages) personalDataErase(c *gin.Context) {
	e, err := p.eng.ErasePersonalData(c.Request.Context(), p.staffUser(c), c.PostForm("email"))
	if err != nil {
		p.staffFail(c, err)
		return
	}
	redirect(c, "/work/personal-data?email="+url.QueryEscape(e.Email)+"&erased=1&comments="+strconv.Itoa(e.Comments)+"&mail="+strconv.Itoa(e.Mail))
}

// registerStaffPersonalData adds the pages for people's requests about
// their data, for coordinators and admins only.
func registerStaffPersonalData(st *gin.RouterGroup, p *pages) {
	st.GET("/personal-data", p.coordinatorsOnly, p.personalDataPage)
	st.GET("/personal-data.json", p.coordinatorsOnly, p.personalDataJSON)
	st.GET("/personal-data/erase", p.coordinatorsOnly, p.personalDataEraseConfirm)
	st.POST("/personal-data/erase", p.coordinatorsOnly, p.guardForm, p.personalDataErase)
}
