package handlers

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
)

// pinger is what the health check needs from the store.
type pinger interface {
	Ping(ctx context.Context) error
}

// healthTimeout bounds how long the health check waits for the store.
const healthTimeout = 3 * time.Second

// healthz answers 200 {"status":"ok"} when the store answers a ping within
// healthTimeout, and 503 otherwise.
func healthz(store pinger, log *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		ctx, cancel := context.WithTimeout(c.Request.Context(), healthTimeout)
		defer cancel()
		if err := store.Ping(ctx); err != nil {
			log.WarnContext(ctx, "health check: the store does not answer", "error", err)
			c.JSON(http.StatusServiceUnavailable, gin.H{"status": "unavailable", "error": "The store does not answer."})
			return
		}
		c.JSON(http.StatusOK, gin.H{"status": "ok"})
	}
}
