package loadgen

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/triada-kpss/triada/forms"
)

// NewHTTPClient returns a client for clients concurrent requests to one
// server: a kept-alive connection per client, no compression, HTTP/1.1,
// and timeout for each request.
func NewHTTPClient(clients int, timeout time.Duration) *http.Client {
	return &http.Client{
		Timeout: timeout,
		Transport: &http.Transport{
			DialContext:         (&net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
			MaxIdleConns:        2 * clients,
			MaxIdleConnsPerHost: 2 * clients,
			IdleConnTimeout:     90 * time.Second,
			DisableCompression:  true,
		},
	}
}

// API calls a Triada server's JSON API.
type API struct {
	Base   string // the server's address, "http://127.0.0.1:8080"
	Token  string // an API token; needed to create questionnaires and read results
	Client *http.Client
}

// ErrExists is returned by CreateQuestionnaire and CreateConsultation for
// an id that exists.
var ErrExists = errors.New("the questionnaire exists")

// url is the address of an API path.
func (a *API) url(path string) string {
	return strings.TrimSuffix(a.Base, "/") + "/api/v1" + path
}

// do sends a request and reads the answer (up to 1 MiB).
func (a *API) do(ctx context.Context, method, path, contentType string, body []byte) (int, []byte, error) {
	var r io.Reader
	if body != nil {
		r = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, a.url(path), r)
	if err != nil {
		return 0, nil, err
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if a.Token != "" {
		req.Header.Set("Authorization", "Bearer "+a.Token)
	}
	resp, err := a.Client.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	return resp.StatusCode, b, err
}

// CreateQuestionnaire posts a definition (JSON); ErrExists if its id is
// taken.
func (a *API) CreateQuestionnaire(ctx context.Context, definition []byte) error {
	return a.create(ctx, "/questionnaires", "the questionnaire", definition)
}

// create posts a new record's JSON to path; ErrExists if its id is taken.
func (a *API) create(ctx context.Context, path, what string, body []byte) error {
	code, answer, err := a.do(ctx, http.MethodPost, path, "application/json", body)
	switch {
	case err != nil:
		return fmt.Errorf("create %s: %w", what, err)
	case code == http.StatusConflict:
		return ErrExists
	case code != http.StatusCreated:
		return fmt.Errorf("create %s: %w", what, &StatusError{code, trim(answer)})
	}
	return nil
}

// Questionnaire returns a questionnaire's definition.
func (a *API) Questionnaire(ctx context.Context, id string) (*forms.Definition, error) {
	code, body, err := a.do(ctx, http.MethodGet, "/questionnaires/"+url.PathEscape(id), "", nil)
	switch {
	case err != nil:
		return nil, fmt.Errorf("read questionnaire %q: %w", id, err)
	case code != http.StatusOK:
		return nil, fmt.Errorf("read questionnaire %q: %w", id, &StatusError{code, trim(body)})
	}
	def, problems := forms.Parse(body, "json")
	if def == nil {
		return nil, fmt.Errorf("read questionnaire %q: its definition does not parse: %v", id, problems)
	}
	return def, nil
}

// ResultsTotal returns the number of stored responses of a questionnaire,
// the "total" of its results.
func (a *API) ResultsTotal(ctx context.Context, id string) (int, error) {
	code, body, err := a.do(ctx, http.MethodGet, "/questionnaires/"+url.PathEscape(id)+"/results", "", nil)
	switch {
	case err != nil:
		return 0, fmt.Errorf("read the results of %q: %w", id, err)
	case code != http.StatusOK:
		return 0, fmt.Errorf("read the results of %q: %w", id, &StatusError{code, trim(body)})
	}
	var res struct {
		Total *int `json:"total"`
	}
	if err := json.Unmarshal(body, &res); err != nil || res.Total == nil {
		return 0, fmt.Errorf("read the results of %q: no total in %s", id, trim(body))
	}
	return *res.Total, nil
}

// ResponsesURL is the address responses to a questionnaire are posted to.
func (a *API) ResponsesURL(questionnaire string) string {
	return a.url("/questionnaires/" + url.PathEscape(questionnaire) + "/responses")
}

// APITarget submits responses through the JSON API:
// POST /api/v1/questionnaires/{id}/responses with {"answers": {…}}.
type APITarget struct {
	Client *http.Client
	URL    string   // API.ResponsesURL, or the baseline's
	Bodies [][]byte // request i sends Bodies[i % len(Bodies)]
	// IdempotencyKeys sends a unique Idempotency-Key header with each
	// request, as a client that retries must.
	IdempotencyKeys bool

	keyPrefix string // random, set by NewAPITarget: keys differ between runs
	keys      atomic.Int64
}

// Submit sends the i-th response.
func (t *APITarget) Submit(ctx context.Context, i int) (string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, t.URL, bytes.NewReader(t.Bodies[i%len(t.Bodies)]))
	if err != nil {
		return "", err
	}
	req.Header.Set("Content-Type", "application/json")
	if t.IdempotencyKeys {
		req.Header.Set("Idempotency-Key", t.keyPrefix+"-"+strconv.FormatInt(t.keys.Add(1), 10))
	}
	resp, err := t.Client.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	if err != nil {
		return "", err
	}
	if resp.StatusCode != http.StatusCreated {
		return "", &StatusError{resp.StatusCode, trim(body)}
	}
	var created struct {
		ID string `json:"id"`
	}
	if err := json.Unmarshal(body, &created); err != nil || created.ID == "" {
		return "", &StatusError{resp.StatusCode, "no id in " + trim(body)}
	}
	return created.ID, nil
}

// NewAPITarget returns an APITarget ready for concurrent use.
func NewAPITarget(client *http.Client, url string, bodies [][]byte, idempotencyKeys bool) *APITarget {
	return &APITarget{Client: client, URL: url, Bodies: bodies, IdempotencyKeys: idempotencyKeys, keyPrefix: randomHex(8)}
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// trim shortens an answer body for an error message.
func trim(b []byte) string {
	s := strings.TrimSpace(string(b))
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return s
}
