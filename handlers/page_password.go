package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/triada-kpss/triada/engine"
)

// registerPasswordLinks adds the public page where a person invited by
// an admin (or whose password was reset) sets a password. The token is
// in the path, which logPath hides.
func registerPasswordLinks(r *gin.Engine, p *pages) {
	r.GET("/password/:token", p.passwordForm)
	r.POST("/password/:token", p.guardForm, p.passwordSet)
}

type passwordView struct {
	staffForm
	Email     string
	MinLength int
}

func (p *pages) passwordForm(c *gin.Context) {
	p.language(c)
	link, _, err := p.eng.FindPasswordLink(c.Request.Context(), c.Param("token"))
	if err != nil {
		p.passwordLinkFail(c, err)
		return
	}
	p.renderPassword(c, http.StatusOK, link.User.Email, nil)
}

func (p *pages) renderPassword(c *gin.Context, status int, email string, err error) {
	b := p.base(c, "")
	b.Title = b.L.T("password.title")
	b.CSRF = p.csrfToken(c)
	v := passwordView{staffForm: staffForm{pageBase: b}, Email: email, MinLength: engine.MinPasswordLength}
	if err != nil {
		v.formState = fieldErrors(&v.staffForm.pageBase, "password", err, map[string]string{
			"password": b.L.T("password.password"), "confirm": b.L.T("password.confirm")})
	}
	c.Header("Referrer-Policy", "no-referrer")
	p.render(c, status, "password", v)
}

// passwordLinkFail says plainly what is wrong with a link: unknown, used
// or expired, each with what to do.
func (p *pages) passwordLinkFail(c *gin.Context, err error) {
	switch engine.ErrorCode(err) {
	case engine.ENOTFOUND:
		p.message(c, http.StatusNotFound, "password.invalid", "/signin", "signin.title")
	case engine.ECONFLICT:
		p.message(c, http.StatusGone, "password.gone", "/signin", "signin.title")
	default:
		p.fail(c, err, nil)
	}
}

func (p *pages) passwordSet(c *gin.Context) {
	token := c.Param("token")
	link, _, err := p.eng.FindPasswordLink(c.Request.Context(), token)
	if err != nil {
		p.passwordLinkFail(c, err)
		return
	}
	_, err = p.eng.SetPasswordWithLink(c.Request.Context(), token, c.PostForm("password"), c.PostForm("confirm"))
	switch engine.ErrorCode(err) {
	case "":
		redirect(c, "/signin")
	case engine.EINVALID:
		p.renderPassword(c, http.StatusUnprocessableEntity, link.User.Email, err)
	default:
		p.passwordLinkFail(c, err)
	}
}
