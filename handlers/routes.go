package handlers

import (
	"log/slog"

	"github.com/gin-gonic/gin"

	"github.com/triada-kpss/triada/engine"
)

// routes registers every route of Triada. Read it to find what answers a
// path; the handlers themselves are one action per file.
func routes(r *gin.Engine, eng *engine.Engine, log *slog.Logger, pg *pages) {
	// The pages for people: the home page, then each questionnaire under
	// /q/ID (page_*.go, one action per file).
	r.GET("/", pg.home)
	registerPages(r, pg)
	registerCatalogue(r, pg)
	registerConsultation(r, pg)
	registerStaffArea(r, pg)
	registerPasswordLinks(r, pg) // page_password.go: /password/TOKEN sets a password

	r.GET("/healthz", healthz(eng.Store(), log))
	r.HEAD("/healthz", healthz(eng.Store(), log))

	// The JSON API of CONTRACT.md, under /api/v1. authenticate sets the
	// actor from "Authorization: Bearer TOKEN"; the engine checks roles.
	v1 := r.Group("/api/v1", authenticate(eng), auditChanges(eng, log, actor))
	// ---- API routes: api.go lists them (questionnaires, responses,
	// results, groups, providers, consultations, comments). ----
	registerAPI(v1, eng)
	// ---- end of API routes ----

	r.NoRoute(pg.notFound)
	r.NoMethod(methodNotAllowed)
}
