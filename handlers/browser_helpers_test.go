package handlers

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// The browser tests drive Debian's chromium (or the binary that
// TRIADA_CHROMIUM names) headless through chromedp. They skip, saying
// why, when there is no browser; .ci/run installs one so that CI runs them.

// chromiumPath finds the browser.
func chromiumPath(tb testing.TB) string {
	tb.Helper()
	if p := os.Getenv("TRIADA_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	tb.Skip("no browser: install Debian's chromium (apt-get install chromium) or set TRIADA_CHROMIUM to a Chrome binary")
	return ""
}

// tab is one page of its own headless browser, with its own profile.
type tab struct {
	tb   testing.TB
	ctx  context.Context
	base string
}

// newTab starts a browser for the fixture's server; js false turns
// scripts off in the page, as for a person whose browser runs none.
func newTab(tb testing.TB, f *pageFixture, js bool) *tab {
	tb.Helper()
	if testing.Short() {
		tb.Skip("browser tests are not short")
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath(tb)),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(tb.TempDir()),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelTab := chromedp.NewContext(actx)
	ctx, cancelTime := context.WithTimeout(ctx, 2*time.Minute)
	tb.Cleanup(func() { cancelTime(); cancelTab(); cancelAlloc() })
	b := &tab{tb: tb, ctx: ctx, base: f.srv.URL}
	b.do(chromedp.Navigate("about:blank"))
	// A Czech browser: headless Chromium asks for English.
	ua := b.str(`navigator.userAgent`)
	if _, err := chromedp.Call(ctx, emulation.SetUserAgentOverride, emulation.SetUserAgentOverrideParams{UserAgent: ua, AcceptLanguage: "cs-CZ,cs;q=0.9,en;q=0.5"}); err != nil {
		tb.Fatal(err)
	}
	if !js {
		if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
			tb.Fatal(err)
		}
	}
	return b
}

func (b *tab) do(steps ...chromedp.Action[chromedp.Void]) {
	b.tb.Helper()
	if err := chromedp.Do(b.ctx, steps...); err != nil {
		b.tb.Fatal(err)
	}
}

// open loads a path of the server, or a whole address.
func (b *tab) open(path string) {
	b.tb.Helper()
	if strings.HasPrefix(path, "/") {
		path = b.base + path
	}
	b.do(chromedp.Navigate(path))
}

// click clicks the element without waiting for a page to load.
func (b *tab) click(css string) {
	b.tb.Helper()
	b.do(chromedp.Click(chromedp.CSS(css)))
}

// submit clicks a button (or link) and waits for the next page to load.
func (b *tab) submit(css string) {
	b.tb.Helper()
	if _, err := chromedp.Run(b.ctx, chromedp.WaitEvent(cdppage.LoadEventFired, nil, chromedp.Click(chromedp.CSS(css)))); err != nil {
		b.tb.Fatalf("click %s: %v", css, err)
	}
}

// typeIn types text into a field, as a keyboard (or an input method, for
// letters such as "č" that have no key of their own) would.
func (b *tab) typeIn(css, text string) {
	b.tb.Helper()
	b.do(chromedp.Focus(chromedp.CSS(css)))
	if _, err := chromedp.Call(b.ctx, input.InsertText, input.InsertTextParams{Text: text}); err != nil {
		b.tb.Fatal(err)
	}
}

// eval evaluates a JavaScript expression (through DevTools, so also in a
// page whose own scripts are off) and decodes its value into out.
func (b *tab) eval(expr string, out any) {
	b.tb.Helper()
	raw, err := chromedp.Run(b.ctx, chromedp.Evaluate[[]byte](expr))
	if err == nil {
		err = json.Unmarshal(raw, out)
	}
	if err != nil {
		b.tb.Fatalf("evaluate %s: %v", expr, err)
	}
}

func (b *tab) str(expr string) string {
	var s string
	b.eval(expr, &s)
	return s
}

func (b *tab) is(expr string) bool {
	var v bool
	b.eval(expr, &v)
	return v
}

// path returns the path and query of the page shown.
func (b *tab) path() string { return b.str(`location.pathname + location.search`) }

// signInAs signs the browser in through the sign-in page.
func (b *tab) signInAs(email string) {
	b.tb.Helper()
	b.open("/signin")
	b.typeIn("#email", email)
	b.typeIn("#password", staffPassword)
	b.submit(`main button[type="submit"]`)
	b.wantPath("/work")
}

// wantPath fails unless the page shown is at path within a few seconds:
// a click (b.click) does not wait for the page it leads to, and a page
// being replaced has no body yet, so the path is asked for again until
// it matches.
func (b *tab) wantPath(path string) {
	b.tb.Helper()
	deadline := time.Now().Add(5 * time.Second)
	var got string
	for {
		// Not b.path: during the navigation the page's context may be gone.
		raw, err := chromedp.Run(b.ctx, chromedp.Evaluate[[]byte](`location.pathname + location.search`))
		if err == nil && json.Unmarshal(raw, &got) == nil && got == path || time.Now().After(deadline) {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if got != path {
		b.tb.Fatalf("on %s, want %s; page: %.1500s", got, path, b.str(`document.body?.innerText ?? ""`))
	}
}

// shown reports whether the element is drawn (not display: none).
func (b *tab) shown(css string) bool {
	b.tb.Helper()
	return b.is(`(() => { const e = document.querySelector(` + jsString(css) + `); return !!e && e.getClientRects().length > 0 })()`)
}

// checked reports whether the radio or checkbox is checked.
func (b *tab) checked(css string) bool {
	return b.is(`!!document.querySelector(` + jsString(css) + `)?.checked`)
}

// value returns the value of a field.
func (b *tab) value(css string) string {
	return b.str(`document.querySelector(` + jsString(css) + `)?.value ?? ""`)
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// option is the CSS selector of a question's option.
func option(question, value string) string {
	return `input[name="` + question + `"][value="` + value + `"]`
}
