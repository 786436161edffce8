package handlers

import (
	"context"
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"

	"github.com/triada-kpss/triada/engine"
)

// staffProvidersView lists every record of the catalogue for
// coordinators, with what they can do to each.
type staffProvidersView struct {
	pageBase
	Done      string // what the last action did, in words
	Providers []staffProviderItem
}

type staffProviderItem struct {
	ID, Name, ICO, Municipality, Status, Updated string
	PublicURL, WithdrawURL, RestoreURL           string
}

// staffProviders answers GET /work/providers: published and withdrawn
// providers, each with a link to its public page and a button to
// withdraw or restore it.
func (p *pages) staffProviders(c *gin.Context) {
	ps, err := p.eng.ListAllProviders(c.Request.Context(), p.staffUser(c))
	if err != nil {
		p.staffFail(c, err)
		return
	}
	b := p.staffBase(c, "providers.staff.title")
	v := staffProvidersView{pageBase: b}
	if done := c.Query("done"); done == engine.ProviderWithdrawn || done == engine.ProviderPublished {
		v.Done = b.L.T("providers.staff.done." + done)
	}
	for _, pr := range ps {
		item := staffProviderItem{ID: pr.ID, Name: pr.Name, ICO: pr.ICO, Municipality: pr.Municipality,
			Status: b.L.T("providers.staff.status." + pr.Status), Updated: b.L.Date(pr.UpdatedAt.In(prague))}
		path := "/work/providers/" + url.PathEscape(pr.ID)
		if pr.Status == engine.ProviderPublished {
			item.PublicURL, item.WithdrawURL = "/providers/"+url.PathEscape(pr.ID), path+"/withdraw"
		} else {
			item.RestoreURL = path + "/restore"
		}
		v.Providers = append(v.Providers, item)
	}
	p.render(c, http.StatusOK, "providers_staff", v)
}

// withdrawConfirmView asks before a provider leaves the catalogue.
type withdrawConfirmView struct {
	pageBase
	Name, Action string
}

// providerWithdrawConfirm answers GET /work/providers/{id}/withdraw: a
// page that says what withdrawing does and asks to confirm it.
func (p *pages) providerWithdrawConfirm(c *gin.Context) {
	u := p.staffUser(c)
	ps, err := p.eng.ListAllProviders(c.Request.Context(), u)
	if err != nil {
		p.staffFail(c, err)
		return
	}
	for _, pr := range ps {
		if pr.ID == c.Param("id") && pr.Status == engine.ProviderPublished {
			p.render(c, http.StatusOK, "provider_withdraw", withdrawConfirmView{pageBase: p.staffBase(c, "providers.staff.withdraw_title"),
				Name: pr.Name, Action: c.Request.URL.Path})
			return
		}
	}
	p.staffFail(c, engine.Errorf(engine.ENOTFOUND, "No published provider has the id %q.", c.Param("id")))
}

// providerWithdraw answers POST /work/providers/{id}/withdraw.
func (p *pages) providerWithdraw(c *gin.Context) {
	p.changeProvider(c, p.eng.WithdrawProvider, engine.ProviderWithdrawn)
}

// providerRestore answers POST /work/providers/{id}/restore.
func (p *pages) providerRestore(c *gin.Context) {
	p.changeProvider(c, p.eng.RestoreProvider, engine.ProviderPublished)
}

func (p *pages) changeProvider(c *gin.Context, change func(context.Context, *engine.User, string) (*engine.Provider, error), done string) {
	if _, err := change(c.Request.Context(), p.staffUser(c), c.Param("id")); err != nil {
		p.staffFail(c, err)
		return
	}
	redirect(c, "/work/providers?done="+done)
}
