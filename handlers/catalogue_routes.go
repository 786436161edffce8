package handlers

import "github.com/gin-gonic/gin"

// registerCatalogue adds the public catalogue of providers: the search
// page, a page per provider, a printable directory and the open data.
// The pages live under /providers, beside the API's /api/v1/providers.
func registerCatalogue(r *gin.Engine, p *pages) {
	r.GET("/providers", p.catalogue)
	r.GET("/providers/print", p.catalogueDirectory)
	r.GET("/providers/:id", p.providerPage)
	r.GET("/providers.csv", p.providersCSV)
	r.GET("/providers.json", p.providersJSON)
	r.GET("/codelists.json", p.codeListsJSON)
}
