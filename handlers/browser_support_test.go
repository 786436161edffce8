package handlers

import (
	"context"
	"fmt"
	"testing"

	"github.com/chromedp/cdproto/network"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/triada-kpss/triada/forms"
)

// runDoubleClick double-clicks a submit button and waits for the page
// that loads.
func runDoubleClick(b *tab, css string) (cdppage.EventLoadEventFired, error) {
	return chromedp.Run(b.ctx, chromedp.WaitEvent(cdppage.LoadEventFired, nil, chromedp.DoubleClick(chromedp.CSS(css))))
}

// cookie returns the value of the browser's cookie for the page shown.
func (b *tab) cookie(name string) string {
	b.tb.Helper()
	res, err := chromedp.Call(b.ctx, network.GetCookies, network.GetCookiesParams{})
	if err != nil {
		b.tb.Fatal(err)
	}
	for _, c := range res.Cookies {
		if c.Name == name {
			return c.Value
		}
	}
	return ""
}

// wantAnswers checks the response the browser's draft of the needs
// survey became: each question has the answer (a choice value, a number
// or a text), or none for "".
func wantAnswers(tb testing.TB, f *pageFixture, b *tab, want map[string]string) {
	tb.Helper()
	r, err := f.eng.FindSubmission(context.Background(), "needs-survey", b.cookie(draftCookie))
	if err != nil {
		tb.Fatal(err)
	}
	for q, w := range want {
		got, ok := r.Answers[q]
		if n, isNumber := got.(float64); isNumber {
			got = forms.FormatNumber(n)
		}
		switch {
		case w == "" && ok:
			tb.Errorf("%s: answered %v, want no answer", q, got)
		case w != "" && fmt.Sprint(got) != w:
			tb.Errorf("%s: %v, want %s", q, got, w)
		}
	}
}
