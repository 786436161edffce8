package handlers

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"github.com/triada-kpss/triada/engine"
)

// upload posts a list of invitations as a file, as a browser does.
func (v *visitor) upload(path, filename string, data []byte, csrf string) *page {
	v.tb.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	_ = w.WriteField("csrf_token", csrf)
	fw, err := w.CreateFormFile("file", filename)
	if err != nil {
		v.tb.Fatal(err)
	}
	_, _ = fw.Write(data)
	_ = w.Close()
	req, err := http.NewRequest(http.MethodPost, v.f.srv.URL+path, &body)
	if err != nil {
		v.tb.Fatal(err)
	}
	req.Header.Set("Content-Type", w.FormDataContentType())
	res, err := v.client.Do(req)
	if err != nil {
		v.tb.Fatal(err)
	}
	defer res.Body.Close()
	var b bytes.Buffer
	_, _ = b.ReadFrom(res.Body)
	return &page{status: res.StatusCode, header: res.Header, body: b.String(), location: res.Header.Get("Location")}
}

var inviteLinkPattern = regexp.MustCompile(`value="https?://[^"]+(/i/[A-Za-z0-9_-]{43})"`)

// inviteLinks returns the paths of the personal links a page shows.
func inviteLinks(p *page) []string {
	var out []string
	for _, m := range inviteLinkPattern.FindAllStringSubmatch(p.body, -1) {
		out = append(out, m[1])
	}
	return out
}

func TestInvitationPages(t *testing.T) {
	f := MustServePages(t, PageOptions{})
	f.MustCreate(t, []byte(strings.ReplaceAll(inviteYAML, "ID", "kapacity")))
	co := f.signedIn(t, "koordinatorka@example.cz", engine.RoleCoordinator)
	ctx := context.Background()
	const path = "/work/questionnaires/kapacity/invitations"

	t.Run("ErrMember", func(t *testing.T) {
		m := f.signedIn(t, "clen@example.cz", engine.RoleMember)
		m.get(path).want(t, http.StatusForbidden)
		m.post(path, url.Values{"name": {"X"}, "email": {"x@example.cz"}}).want(t, http.StatusForbidden)
	})
	t.Run("ErrOpenToAll", func(t *testing.T) {
		co.get("/work/questionnaires/all-types/invitations").want(t, http.StatusConflict, "otevřený všem")
		co.get("/work/questionnaires/nic/invitations").want(t, http.StatusNotFound)
	})

	t.Run("CreateOne", func(t *testing.T) {
		co.get(path).want(t, http.StatusOK, "Zatím nikdo není pozván", `enctype="multipart/form-data"`)
		co.post(path, url.Values{"name": {""}, "ico": {"25669088"}, "email": {"špatně"}}).
			want(t, http.StatusUnprocessableEntity, `href="#name"`, `href="#ico"`, `href="#email"`, `value="špatně"`, `value="25669088"`)
		p := co.post(path, url.Values{"name": {"Charita Slaný"}, "ico": {"25669087"}, "email": {"reditel@charita.cz"}}).
			want(t, http.StatusOK, "Pozvánky jsou vytvořeny", "Dotazník: Dotazník pro poskytovatele", "Dobrý den, Charita Slaný")
		links := inviteLinks(p)
		if len(links) != 1 {
			t.Fatalf("links on the page: %v", links)
		}
		// The provider answers through the link; the list says when.
		v := f.visitor(t)
		v.get(links[0]).redirects(t, "/q/kapacity")
		v.post("/q/kapacity/page/1", url.Values{"action": {"submit"}, "x": {"12 lůžek"}}).redirects(t, "/q/kapacity/thanks")
		co.get(path).want(t, http.StatusOK, "Odpověděli: 1. Ještě neodpověděli: 0.", "reditel@charita.cz", "IČO 25669087", "15. 1. 2027").
			lacks(t, "remind-all")
	})

	t.Run("UploadPreviewImport", func(t *testing.T) {
		list := "Název;IČO;E-mail\r\nDomov Žďár;00064581;domov@zdar.cz\r\nŠpatné IČO;00064582;spatne@example.cz\r\n" +
			"Charita znovu;25669087;reditel@charita.cz\r\nSpolek;70892041;spolek@example.cz\r\nSpolek 2;45197458;SPOLEK@example.cz\r\n"
		data, err := charmap.Windows1250.NewEncoder().Bytes([]byte(list))
		if err != nil {
			t.Fatal(err)
		}
		csrf := co.cookie(csrfCookie, "/")
		co.upload(path+"/upload", "seznam.csv", data, "wrong").want(t, http.StatusForbidden)
		p := co.upload(path+"/upload", "seznam.csv", data, csrf).want(t, http.StatusOK,
			"Připraveno k pozvání: 2. S chybou (nebudou pozváni): 3.", "Domov Žďár",
			"kontrolní číslice", "tento e-mail už pozvánku má", "e-mail je už na dřívějším řádku", "Vytvořit 2 pozvánky")
		if n := len(mustInvites(t, f)); n != 1 {
			t.Fatalf("%d invitations after a preview", n)
		}
		form := url.Values{"name": {"Domov Žďár", "Spolek"}, "ico": {"00064581", "70892041"}, "email": {"domov@zdar.cz", "spolek@example.cz"}}
		if !strings.Contains(p.body, `name="name" value="Domov Žďár"`) || !strings.Contains(p.body, `name="email" value="spolek@example.cz"`) ||
			!strings.Contains(p.body, `name="ico" value="70892041"`) {
			t.Fatal("the preview does not carry the ready rows")
		}
		made := co.post(path+"/import", form).want(t, http.StatusOK, "Pozvánky jsou vytvořeny", "domov@zdar.cz", "spolek@example.cz")
		if n := len(inviteLinks(made)); n != 2 {
			t.Fatalf("%d links shown, want 2", n)
		}
		if n := len(mustInvites(t, f)); n != 3 {
			t.Fatalf("%d invitations after the import, want 3", n)
		}
		if inv := findInviteByEmail(t, f, "domov@zdar.cz"); inv.ICO != "00064581" || inv.Name != "Domov Žďár" {
			t.Fatalf("imported invitation: %+v", inv)
		}
		co.upload(path+"/upload", "velky.csv", bytes.Repeat([]byte("Charita;25669087;reditel@charita.cz\n"), 20_000), csrf).
			want(t, http.StatusRequestEntityTooLarge)
		co.upload(path+"/upload", "prazdny.csv", []byte("název;ičo;e-mail\n"), csrf).
			want(t, http.StatusUnprocessableEntity, `href="#file"`, "nepodařilo přečíst")
		co.post(path+"/upload", url.Values{"rows": {"Pasta;25669087;pasta@example.cz"}}).
			want(t, http.StatusOK, "Připraveno k pozvání: 1.")
		co.post(path+"/import", url.Values{"name": {"A"}}).want(t, http.StatusBadRequest)
	})

	// The rows of an import are checked all before any is created: a bad
	// row, or the same form sent twice, shows the rows with their problems
	// (422) and creates nothing. Before, the rows above a bad one were
	// created, and nobody saw their links (internal/pagefuzz's FuzzPageForm
	// now checks that a refused form changes nothing).
	t.Run("ImportAllOrNothing", func(t *testing.T) {
		before := len(mustInvites(t, f))
		bad := url.Values{"name": {"Nový domov", "Bez adresy"}, "ico": {"00064581", "70892041"}, "email": {"novy@domov.cz", "není e-mail"}}
		co.post(path+"/import", bad).want(t, http.StatusUnprocessableEntity, "Nový domov", "není e-mail", "Připraveno k pozvání: 1. S chybou (nebudou pozváni): 1.")
		again := url.Values{"name": {"Domov Žďár"}, "ico": {"00064581"}, "email": {"domov@zdar.cz"}}
		co.post(path+"/import", again).want(t, http.StatusUnprocessableEntity, "tento e-mail už pozvánku má")
		if n := len(mustInvites(t, f)); n != before {
			t.Fatalf("%d invitations after refused imports, want %d", n, before)
		}
	})

	t.Run("RemindRevoke", func(t *testing.T) {
		inv := findInviteByEmail(t, f, "spolek@example.cz")
		p := co.post(path+"/remind", url.Values{"invite": {inv.Hash}}).want(t, http.StatusOK, "Připomínka: Dotazník pro poskytovatele")
		links := inviteLinks(p)
		if len(links) != 1 {
			t.Fatalf("links: %v", links)
		}
		f.visitor(t).get(links[0]).redirects(t, "/q/kapacity")
		reminders := 0
		ms, err := f.eng.ListMail(context.Background(), engine.Operator(), "")
		for _, m := range ms {
			if m.To == "spolek@example.cz" && strings.HasPrefix(m.Subject, "Připomínka: Dotazník pro poskytovatele") &&
				strings.Contains(m.Text, strings.TrimPrefix(links[0], "/")) {
				reminders++
			}
		}
		if err != nil || reminders != 1 {
			t.Fatalf("the reminder in the outbox (%v): %d of %d messages", err, reminders, len(ms))
		}
		co.get(path).want(t, http.StatusOK, "Připomenuto 1krát")
		answered := findInviteByEmail(t, f, "reditel@charita.cz")
		co.post(path+"/remind", url.Values{"invite": {answered.Hash}}).want(t, http.StatusConflict)
		all := co.post(path+"/remind-all", nil).want(t, http.StatusOK, "Připomínky jsou připraveny")
		if n := len(inviteLinks(all)); n != 2 {
			t.Fatalf("remind-all made %d links, want 2 (the unanswered)", n)
		}

		revoke := path + "/revoke?invite=" + inv.Hash
		co.get(revoke).want(t, http.StatusOK, "Zrušit pozvánku?", "spolek@example.cz")
		co.post(path+"/revoke", url.Values{"invite": {inv.Hash}}).redirects(t, path+"?revoked=1")
		f.visitor(t).get(links[0]).want(t, http.StatusNotFound)
		co.post(path+"/revoke", url.Values{"invite": {inv.Hash}}).want(t, http.StatusNotFound)
		co.get(path+"/revoke?invite=nic").want(t, http.StatusNotFound)
		if _, err := f.eng.FindInvite(ctx, strings.TrimPrefix(links[0], "/i/")); engine.ErrorCode(err) != engine.ENOTFOUND {
			t.Fatalf("a revoked invitation's reminder link: %v", err)
		}
	})
}

func mustInvites(tb testing.TB, f *pageFixture) []*engine.Invite {
	tb.Helper()
	invs, err := f.eng.ListInvites(context.Background(), engine.Operator(), "kapacity")
	if err != nil {
		tb.Fatal(err)
	}
	return invs
}

func findInviteByEmail(tb testing.TB, f *pageFixture, email string) *engine.Invite {
	tb.Helper()
	for _, inv := range mustInvites(tb, f) {
		if inv.Email == email {
			return inv
		}
	}
	tb.Fatalf("no invitation for %s", email)
	return nil
}
