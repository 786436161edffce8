package loadgen

import (
	"context"
	"errors"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/triada-kpss/triada/forms"
)

// FormTarget submits responses through the HTML pages, as a browser
// without script does: each submission is a new visitor (its own cookies)
// who opens the first page, and on every page posts the answers of that
// page's questions with the form's CSRF token, following the redirects,
// until the thank-you page. A two-page questionnaire costs four requests
// and a draft saved per page. The pages limit submissions per address;
// the server must be told not to (handlers.PageOptions.SubmitLimit < 0).
type FormTarget struct {
	Base      string // the server's address
	Transport http.RoundTripper
	Timeout   time.Duration // of each request; none when 0
	Def       *forms.Definition
	Answers   []forms.Answers // submission i answers Answers[i % len(Answers)]
}

// NewFormTarget returns a FormTarget answering def with n sets of
// generated answers, cleaned as the server keeps them.
func NewFormTarget(base string, client *http.Client, def *forms.Definition, n int, seed uint64) (*FormTarget, error) {
	g := NewGenerator(def, seed)
	t := &FormTarget{Base: strings.TrimSuffix(base, "/"), Transport: client.Transport, Timeout: client.Timeout, Def: def}
	for range n {
		raw, err := g.Raw()
		if err != nil {
			return nil, err
		}
		a, _ := def.ValidateAnswers(raw) // Raw checked them
		t.Answers = append(t.Answers, a)
	}
	return t, nil
}

var (
	csrfField = regexp.MustCompile(`name="csrf_token" value="([^"]*)"`)
	pageNum   = regexp.MustCompile(`/page/(\d+)$`)
)

// maxSteps bounds the pages one submission goes through.
const maxSteps = 50

// Submit fills the questionnaire as the i-th visitor. The pages show no
// response id: it returns "form" for a response that reached the
// thank-you page.
func (t *FormTarget) Submit(ctx context.Context, i int) (string, error) {
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Transport: t.Transport, Jar: jar, Timeout: t.Timeout}
	answers := t.Answers[i%len(t.Answers)]
	start := t.Base + "/q/" + url.PathEscape(t.Def.ID) + "/page/1"
	resp, body, err := t.get(ctx, client, start)
	for step := 0; err == nil; step++ {
		path := resp.Request.URL.Path
		switch {
		case strings.HasSuffix(path, "/thanks") && resp.StatusCode == http.StatusOK:
			return "form", nil
		case resp.StatusCode != http.StatusOK:
			return "", &StatusError{resp.StatusCode, path + ": " + trimHTML(body)}
		case step >= maxSteps:
			return "", &StatusError{resp.StatusCode, fmt.Sprintf("%s: still no thank-you page after %d pages", path, maxSteps)}
		}
		m := pageNum.FindStringSubmatch(path)
		csrf := csrfField.FindSubmatch(body)
		if m == nil || csrf == nil {
			return "", &StatusError{resp.StatusCode, path + ": not a form page"}
		}
		n, _ := strconv.Atoi(m[1])
		if n < 1 || n > len(t.Def.Pages) {
			return "", &StatusError{resp.StatusCode, path + ": no such page"}
		}
		form := pageValues(t.Def.Pages[n-1], answers)
		form.Set("csrf_token", html.UnescapeString(string(csrf[1])))
		form.Set("action", "next")
		if strings.Contains(string(body), `value="submit"`) {
			form.Set("action", "submit")
		}
		resp, body, err = t.post(ctx, client, resp.Request.URL.String(), form)
	}
	return "", err
}

// pageValues are the form fields of a page's questions, as typed.
func pageValues(p forms.Page, a forms.Answers) url.Values {
	v := url.Values{}
	for _, q := range p.Questions {
		switch x := a[q.ID].(type) {
		case string:
			v.Set(q.ID, x)
		case float64:
			v.Set(q.ID, forms.FormatNumber(x))
		case []string:
			v[q.ID] = x
		}
	}
	return v
}

func (t *FormTarget) get(ctx context.Context, c *http.Client, u string) (*http.Response, []byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, nil, err
	}
	return do(c, req)
}

func (t *FormTarget) post(ctx context.Context, c *http.Client, u string, form url.Values) (*http.Response, []byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u, strings.NewReader(form.Encode()))
	if err != nil {
		return nil, nil, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return do(c, req)
}

// do sends the request, following redirects (a POST's 303 becomes a GET),
// and reads the final answer.
func do(c *http.Client, req *http.Request) (*http.Response, []byte, error) {
	resp, err := c.Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 4<<20))
	if err != nil {
		return nil, nil, err
	}
	if resp.Request == nil || resp.Request.URL == nil {
		return nil, nil, errors.New("loadgen: an answer without its request")
	}
	return resp, body, nil
}

// trimHTML shortens a page for an error message: its title, if any.
func trimHTML(b []byte) string {
	s := string(b)
	if i := strings.Index(s, "<title>"); i >= 0 {
		if j := strings.Index(s[i:], "</title>"); j > 0 {
			return html.UnescapeString(s[i+len("<title>") : i+j])
		}
	}
	return trim(b)
}
