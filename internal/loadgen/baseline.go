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

// Baseline is a minimal Gin server on a loopback port: its route
// POST /api/v1/questionnaires/:id/responses reads the body, decodes it
// as the real handler's {"answers": {…}} with encoding/json and answers
// 201 {"id": …} — no validation, no store, no logging; and so does
// POST /api/v1/consultations/:id/comments with a comment's body. What a load
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
		var req struct {
			Answers map[string]json.RawMessage `json:"answers"`
		}
		if decodeBaseline(c, &req, func() bool { return req.Answers != nil }) {
			// An id as long as the real ones (26 characters).
			c.JSON(http.StatusCreated, gin.H{"id": fmt.Sprintf("%026s", strconv.FormatInt(n.Add(1), 32))})
		}
	})
	r.POST("/api/v1/consultations/:id/comments", func(c *gin.Context) {
		var req struct {
			Section, Text string
			Author        struct{ Name, Email, Municipality string }
		}
		if decodeBaseline(c, &req, func() bool { return req.Text != "" }) {
			id := n.Add(1)
			c.JSON(http.StatusCreated, gin.H{"id": fmt.Sprintf("%026s", strconv.FormatInt(id, 32)), "reference": fmt.Sprintf("P-2026-%03d", id)})
		}
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	b := &Baseline{URL: "http://" + ln.Addr().String(), server: &http.Server{Handler: r, ReadHeaderTimeout: 10 * time.Second}}
	go func() { _ = b.server.Serve(ln) }() // ErrServerClosed after Close
	return b, nil
}

// decodeBaseline reads the body into v, or answers 400 when it is not
// JSON or v not complete.
func decodeBaseline(c *gin.Context, v any, complete func() bool) bool {
	body, err := io.ReadAll(c.Request.Body)
	if err == nil {
		err = json.Unmarshal(body, v)
	}
	if err != nil || !complete() {
		c.JSON(http.StatusBadRequest, gin.H{"error": "bad body"})
		return false
	}
	return true
}

// CommentsURL is the address the baseline takes comments at.
func (b *Baseline) CommentsURL() string {
	return b.URL + "/api/v1/consultations/baseline/comments"
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
