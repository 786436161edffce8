package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// personalData answers GET /personal-data?email=: everything stored
// about the address (coordinators and admins).
func (a *api) personalData(c *gin.Context) {
	d, err := a.eng.ExportPersonalData(c.Request.Context(), actor(c), c.Query("email"))
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, newPersonalDataView(d))
}

// erasePersonalData answers POST /personal-data/erase {"email"}: the
// address's comments lose their author, its e-mails are deleted.
func (a *api) erasePersonalData(c *gin.Context) {
	var in struct {
		Email string `json:"email"`
	}
	if !decodeJSON(c, &in) {
		return
	}
	e, err := a.eng.ErasePersonalData(c.Request.Context(), actor(c), in.Email)
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"email": e.Email, "comments": e.Comments, "mail": e.Mail})
}
