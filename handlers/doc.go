// Package handlers is Triada's web layer on Gin: the routes (routes.go),
// the middleware every request passes (logging, recovery, security headers,
// body limit, bearer-token authentication), the JSON API and, later, the
// pages. Handlers are thin: they decode the request, call the engine with
// the actor, and write the result or the error (writeError maps the
// engine's error codes to HTTP statuses in one place).
package handlers
