package handlers

import (
	"context"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/triada-kpss/triada/engine"
)

func (a *api) createProvider(c *gin.Context) {
	var in engine.ProviderInput
	if !decodeJSON(c, &in) {
		return
	}
	p, err := a.eng.CreateProvider(c.Request.Context(), actor(c), in)
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusCreated, newProviderView(p))
}

func (a *api) listProviders(c *gin.Context) {
	ps, err := a.eng.ListProviders(c.Request.Context(), engine.ProviderQuery{
		TargetGroup: c.Query("target_group"), ServiceType: c.Query("service_type"),
		Municipality: c.Query("municipality"), Form: c.Query("form"), Q: c.Query("q"),
	})
	if err != nil {
		writeError(c, err)
		return
	}
	out := make([]providerView, 0, len(ps))
	for _, p := range ps {
		out = append(out, newProviderView(p))
	}
	c.JSON(http.StatusOK, out)
}

func (a *api) getProvider(c *gin.Context) {
	p, err := a.eng.FindProvider(c.Request.Context(), c.Param("id"))
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, newProviderView(p))
}

// withdrawProvider answers POST /providers/{id}/withdraw (coordinators):
// the record leaves the public catalogue and is kept.
func (a *api) withdrawProvider(c *gin.Context) {
	a.providerStatus(c, a.eng.WithdrawProvider)
}

// restoreProvider answers POST /providers/{id}/restore: a withdrawn
// record is listed again.
func (a *api) restoreProvider(c *gin.Context) {
	a.providerStatus(c, a.eng.RestoreProvider)
}

func (a *api) providerStatus(c *gin.Context, change func(ctx context.Context, actor *engine.User, id string) (*engine.Provider, error)) {
	p, err := change(c.Request.Context(), actor(c), c.Param("id"))
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, newProviderView(p))
}
