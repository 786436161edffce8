package loadgen

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/gin-gonic/gin"
)

// Baseline is a minimal Gin server on a loopback port: its only route,
// POST /api/v1/questionnaires/:id/responses, reads the body, decodes it
// as the real handler's {"answers": {…}} with encoding/json and answers
// 201 {"id": …} — no validation, no store, no logging. What a load
// achieves against it is what this machine, Go's HTTP server, Gin and the
// load generator allow; the real server's figures are read against it.
type Baseline struct {
	URL    string // the base address, "http://127.0.0.1:PORT"
	server *http.Server
}

// StartBaseline starts a Baseline on a free loopback port.
func StartBaseline() (*Baseline, error) {
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	var n atomic.Int64
	r.POST("/api/v1/questionnaires/:id/responses", func(c *gin.Context) {
		body, err := io.ReadAll(c.Request.Body)
		if err != nil {
			c.AbortWithStatus(http.StatusBadRequest)
			return
		}
		var req struct {
			Answers map[string]json.RawMessage `json:"answers"`
		}
		if err := json.Unmarshal(body, &req); err != nil || req.Answers == nil {
			c.JSON(http.StatusBadRequest, gin.H{"error": "bad body"})
			return
		}
		// An id as long as the real ones (26 characters).
		c.JSON(http.StatusCreated, gin.H{"id": fmt.Sprintf("%026s", strconv.FormatInt(n.Add(1), 32))})
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	b := &Baseline{URL: "http://" + ln.Addr().String(), server: &http.Server{Handler: r, ReadHeaderTimeout: 10 * time.Second}}
	go func() { _ = b.server.Serve(ln) }() // ErrServerClosed after Close
	return b, nil
}

// ResponsesURL is the address the baseline takes responses at.
func (b *Baseline) ResponsesURL() string {
	return b.URL + "/api/v1/questionnaires/baseline/responses"
}

// Close stops the server.
func (b *Baseline) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return b.server.Shutdown(ctx)
}
