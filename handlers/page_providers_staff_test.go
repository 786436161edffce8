package handlers

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/triada-kpss/triada/engine"
)

// A coordinator withdraws a provider after a confirmation page, residents
// stop finding it, and the coordinator lists it again; members may not.
func TestPages_StaffProviders(t *testing.T) {
	f := MustServePages(t, PageOptions{})
	ids := f.mustCatalogue(t)
	zlonice := ids[1]
	resident := f.visitor(t)

	t.Run("Signed out", func(t *testing.T) {
		f.visitor(t).get("/work/providers").redirects(t, "/signin?next=%2Fwork%2Fproviders")
	})
	t.Run("Member", func(t *testing.T) {
		m := f.signedIn(t, "clen@example.cz", engine.RoleMember)
		m.get("/work/providers").want(t, http.StatusForbidden)
		m.get("/work/providers/"+zlonice+"/withdraw").want(t, http.StatusForbidden)
		m.post("/work/providers/"+zlonice+"/withdraw", url.Values{}).want(t, http.StatusForbidden)
		m.get("/work").lacks(t, `href="/work/providers"`)
	})
	coord := f.signedIn(t, "koordinator@example.cz", engine.RoleCoordinator)
	t.Run("List", func(t *testing.T) {
		coord.get("/work").want(t, http.StatusOK, `href="/work/providers"`)
		coord.get("/work/providers").want(t, http.StatusOK, "Poskytovatelé v katalogu", "Domov Zlonice", "70891095", "zveřejněn",
			`href="/work/providers/`+zlonice+`/withdraw"`, `href="/providers/`+zlonice+`"`)
	})
	t.Run("Confirmation first", func(t *testing.T) {
		coord.get("/work/providers/"+zlonice+"/withdraw").want(t, http.StatusOK, "Stáhnout poskytovatele z katalogu?", "Domov Zlonice",
			`action="/work/providers/`+zlonice+`/withdraw"`, `name="csrf_token"`)
		coord.get("/work/providers/nope/withdraw").want(t, http.StatusNotFound)
		resident.get("/providers/"+zlonice).want(t, http.StatusOK, "Domov Zlonice")
	})
	t.Run("Withdraw", func(t *testing.T) {
		coord.post("/work/providers/"+zlonice+"/withdraw", url.Values{}).redirects(t, "/work/providers?done=withdrawn")
		coord.get("/work/providers?done=withdrawn").want(t, http.StatusOK, "Poskytovatel je stažen z katalogu.", "stažen",
			`action="/work/providers/`+zlonice+`/restore"`).lacks(t, `href="/work/providers/`+zlonice+`/withdraw"`)
		resident.get("/providers/"+zlonice).want(t, http.StatusNotFound)
		resident.get("/providers?q=zlonice").want(t, http.StatusOK).lacks(t, "Domov Zlonice")
		coord.post("/work/providers/"+zlonice+"/withdraw", url.Values{}).want(t, http.StatusConflict, "už je z katalogu stažen")
		coord.get("/work/providers/"+zlonice+"/withdraw").want(t, http.StatusNotFound)
	})
	t.Run("Restore", func(t *testing.T) {
		coord.post("/work/providers/"+zlonice+"/restore", url.Values{}).redirects(t, "/work/providers?done=published")
		resident.get("/providers/"+zlonice).want(t, http.StatusOK, "Domov Zlonice")
		coord.post("/work/providers/"+zlonice+"/restore", url.Values{}).want(t, http.StatusConflict)
	})
}
