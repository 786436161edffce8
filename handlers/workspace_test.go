package handlers

import (
	"bytes"
	"context"
	"encoding/json"
	"html"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/triada-kpss/triada/engine"
	"github.com/triada-kpss/triada/forms/builtin"
)

// goodYAML is a questionnaire the workspace tests write and fix.
const goodYAML = `id: ws-2027
title: {cs: "Průzkum ve Slaném"}
audience: resident
# a comment the editor keeps
pages:
  - questions:
      - id: obec
        type: choice
        required: true
        text: {cs: "Ve které obci žijete?"}
        options:
          - {value: slany, label: "Slaný"}
          - {value: kvilice, label: "Kvílice"}
  - questions:
      - id: poznamka
        type: text
        text: {cs: "Co vám chybí?"}
`

// badYAML has an unknown question type on line 8.
var badYAML = strings.Replace(goodYAML, "type: choice", "type: choise", 1)

// postMultipart sends a form with a file, as the upload of the editor does.
func (v *visitor) postMultipart(path string, fields url.Values, file, content string) *page {
	v.tb.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	if _, ok := fields["csrf_token"]; !ok {
		_ = w.WriteField("csrf_token", v.cookie(csrfCookie, "/"))
	}
	for k, vs := range fields {
		for _, s := range vs {
			_ = w.WriteField(k, s)
		}
	}
	if file != "" {
		fw, _ := w.CreateFormFile("file", file)
		_, _ = io.WriteString(fw, content)
	}
	_ = w.Close()
	return v.send(http.MethodPost, path, w.FormDataContentType(), &body)
}

func TestWorkspace_WriteCheckAndSave(t *testing.T) {
	f := MustServePages(t, PageOptions{})
	v := f.signedIn(t, "koordinator@slany.cz", engine.RoleCoordinator)
	v.get("/work/questionnaires").want(t, http.StatusOK, "needs-survey", "all-types", `href="/work/questionnaires/new"`,
		`href="/work/reports/q/needs-survey"`).lacks(t, "/invitations")
	f.MustCreate(t, builtin.Files()["capacity-questionnaire.yaml"])
	v.get("/work/questionnaires").want(t, http.StatusOK, `href="/work/questionnaires/capacity-questionnaire/invitations"`)
	v.get("/work/questionnaires/new").want(t, http.StatusOK, `enctype="multipart/form-data"`, `name="csrf_token"`)

	t.Run("ErrorsAgainstTheirLinesTextKept", func(t *testing.T) {
		p := v.postMultipart("/work/questionnaires", url.Values{"definition": {badYAML}, "action": {"save"}}, "", "")
		p.want(t, http.StatusUnprocessableEntity, "Řádek 8:", "type: choise", `href="#problem-`, "# a comment the editor keeps")
		if _, err := f.eng.FindQuestionnaire(context.Background(), "ws-2027"); engine.ErrorCode(err) != engine.ENOTFOUND {
			t.Fatalf("a definition with errors was stored: %v", err)
		}
	})
	t.Run("CheckOnly", func(t *testing.T) {
		v.postMultipart("/work/questionnaires", url.Values{"definition": {goodYAML}, "action": {"check"}}, "", "").
			want(t, http.StatusOK, "Kontrola nenašla žádnou chybu")
		if _, err := f.eng.FindQuestionnaire(context.Background(), "ws-2027"); engine.ErrorCode(err) != engine.ENOTFOUND {
			t.Fatal("checking stored the questionnaire")
		}
	})
	t.Run("Empty", func(t *testing.T) {
		v.postMultipart("/work/questionnaires", url.Values{"definition": {"  "}}, "", "").
			want(t, http.StatusUnprocessableEntity, "Vložte text definice")
	})
	t.Run("UploadWithError", func(t *testing.T) {
		v.postMultipart("/work/questionnaires", url.Values{"action": {"save"}}, "ws.yaml", badYAML).
			want(t, http.StatusUnprocessableEntity, "Řádek 8:", "type: choise")
	})
	t.Run("WithoutCSRF", func(t *testing.T) {
		v.postMultipart("/work/questionnaires", url.Values{"csrf_token": {"forged"}, "definition": {goodYAML}}, "", "").
			want(t, http.StatusForbidden)
	})
	t.Run("Upload", func(t *testing.T) {
		p := v.postMultipart("/work/questionnaires", url.Values{"action": {"save"}}, "ws.yaml", goodYAML)
		p.redirects(t, "/work/questionnaires/ws-2027?saved=1")
		v.follow(p).want(t, http.StatusOK, "Uloženo.", "# a comment the editor keeps", "Bez časového omezení.")
	})
	t.Run("Duplicate", func(t *testing.T) {
		v.postMultipart("/work/questionnaires", url.Values{"definition": {goodYAML}}, "", "").
			want(t, http.StatusConflict, "# a comment the editor keeps")
	})
	t.Run("EditStaleVersion", func(t *testing.T) {
		v.postMultipart("/work/questionnaires/ws-2027", url.Values{"definition": {goodYAML}, "version": {"7"}}, "", "").
			want(t, http.StatusConflict)
	})
	t.Run("EditKeepsAnswers", func(t *testing.T) {
		_, err := f.eng.SubmitResponse(context.Background(), "ws-2027", map[string]json.RawMessage{"obec": json.RawMessage(`"kvilice"`)}, "")
		if err != nil {
			t.Fatal(err)
		}
		removed := strings.Replace(goodYAML, "          - {value: kvilice, label: \"Kvílice\"}\n", "          - {value: jina, label: \"Jiná\"}\n", 1)
		v.postMultipart("/work/questionnaires/ws-2027", url.Values{"definition": {removed}, "version": {"1"}}, "", "").
			want(t, http.StatusUnprocessableEntity, "kvilice", "ztratily odpovědi", "Jiná")
		renamed := strings.Replace(goodYAML, "Průzkum ve Slaném", "Průzkum potřeb ve Slaném", 1)
		v.postMultipart("/work/questionnaires/ws-2027", url.Values{"definition": {renamed}, "version": {"1"}}, "", "").
			redirects(t, "/work/questionnaires/ws-2027?saved=1")
		v.get("/work/questionnaires").want(t, http.StatusOK, "Průzkum potřeb ve Slaném")
	})
}

func TestWorkspace_WindowOpenCloseCopy(t *testing.T) {
	f := MustServePages(t, PageOptions{})
	f.MustCreate(t, []byte(goodYAML))
	v := f.signedIn(t, "koordinator@slany.cz", engine.RoleCoordinator)
	path := "/work/questionnaires/ws-2027"

	v.post(path+"/window", url.Values{"version": {"1"}, "opens_at": {"2027-02-01T08:00"}, "closes_at": {"2027-01-31T08:00"}}).
		want(t, http.StatusUnprocessableEntity, "Uzavření musí být později než otevření.", `value="2027-02-01T08:00"`)
	v.post(path+"/window", url.Values{"version": {"1"}, "opens_at": {"zítra"}}).
		want(t, http.StatusUnprocessableEntity, `href="#opens_at"`, `value="zítra"`)
	v.post(path+"/window", url.Values{"version": {"1"}, "opens_at": {"2027-02-01T08:00"}, "closes_at": {"2027-03-01T00:00"}}).
		redirects(t, path+"?saved=1")
	v.get(path).want(t, http.StatusOK, "Naplánovaný", "1. 2. 2027 08:00", `href="`+path+`/open"`)
	v.get("/q/ws-2027/page/1").want(t, http.StatusConflict)

	// Opening at once asks first; a POST without the confirmation asks again.
	v.get(path+"/open").want(t, http.StatusOK, "Ano, otevřít dotazník", `name="confirm" value="yes"`)
	v.post(path+"/open", url.Values{"version": {"2"}}).want(t, http.StatusBadRequest, "Ano, otevřít dotazník")
	v.post(path+"/open", url.Values{"version": {"2"}, "confirm": {"yes"}}).redirects(t, path+"?saved=1")
	v.get("/q/ws-2027/page/1").want(t, http.StatusOK)
	v.post(path+"/close", url.Values{"version": {"1"}, "confirm": {"yes"}}).want(t, http.StatusConflict)
	v.post(path+"/close", url.Values{"version": {"3"}, "confirm": {"yes"}}).redirects(t, path+"?saved=1")
	v.get(path).want(t, http.StatusOK, "Uzavřený")

	v.get(path+"/copy").want(t, http.StatusOK, `id="new_id"`)
	v.post(path+"/copy", url.Values{"new_id": {"Nový Cyklus"}}).want(t, http.StatusUnprocessableEntity, `href="#new_id"`, `value="Nový Cyklus"`)
	v.post(path+"/copy", url.Values{"new_id": {"ws-2027"}}).want(t, http.StatusUnprocessableEntity, "už existuje")
	v.post(path+"/copy", url.Values{"new_id": {"ws-2030"}, "opens_at": {"2030-01-01T00:00"}}).redirects(t, "/work/questionnaires/ws-2030?saved=1")
	v.get("/work/questionnaires/ws-2030").want(t, http.StatusOK, "id: ws-2030", "# a comment the editor keeps", "Naplánovaný")
}

func TestWorkspace_Preview(t *testing.T) {
	f := MustServePages(t, PageOptions{})
	f.MustCreate(t, []byte(strings.Replace(goodYAML, "audience: resident", "audience: resident\nopens_at: 2030-01-01T00:00:00Z", 1)))
	v := f.signedIn(t, "koordinator@slany.cz", engine.RoleCoordinator)
	base := "/work/questionnaires/ws-2027/preview/"
	// Not open yet for respondents, but the preview shows it.
	v.get(base+"1").want(t, http.StatusOK, "Náhled:", "Ve které obci žijete?", `action="`+base+`1"`)
	v.post(base+"1", url.Values{"action": {"next"}}).want(t, http.StatusUnprocessableEntity, "Ve které obci žijete?", "error-summary")
	p := v.post(base+"1", url.Values{"action": {"next"}, "obec": {"slany"}})
	p.want(t, http.StatusOK, "Co vám chybí?", `name="carry:obec" value="slany"`)
	v.post(base+"2", url.Values{"action": {"back"}, "carry:obec": {"slany"}}).want(t, http.StatusOK, `value="slany" checked`)
	v.post(base+"2", url.Values{"action": {"submit"}, "carry:obec": {"slany"}, "poznamka": {"Autobus"}}).
		want(t, http.StatusOK, "Konec náhledu")
	if n := f.countResponses(t, "ws-2027"); n != 0 {
		t.Fatalf("the preview stored %d responses", n)
	}
	v.get(base+"3").want(t, http.StatusNotFound)
}

// A questionnaire sent to the API as JSON is edited as YAML, and saving
// that text unchanged works.
func TestWorkspace_EditJSONQuestionnaire(t *testing.T) {
	f := MustServePages(t, PageOptions{})
	token := MustCreateToken(t, f.eng)
	def := `{"id":"json-2027","title":{"cs":"Z API","sk":"Z API","en":"From the API"},"audience":"resident",
		"opens_at":"2027-01-10T00:00:00Z","pages":[{"questions":[{"id":"spokojenost","type":"scale","min":1,"max":5,"text":"Jak?"}]}]}`
	if w := do(f.srv.Config.Handler, "POST", "/api/v1/questionnaires", def, "Authorization", "Bearer "+token); w.Code != http.StatusCreated {
		t.Fatalf("create: %d %s", w.Code, w.Body)
	}
	v := f.signedIn(t, "koordinator@slany.cz", engine.RoleCoordinator)
	p := v.get("/work/questionnaires/json-2027").want(t, http.StatusOK, "id: json-2027", "spokojenost")
	m := regexp.MustCompile(`(?s)<textarea[^>]*id="definition"[^>]*>\n(.*?)</textarea>`).FindStringSubmatch(p.body)
	if m == nil {
		t.Fatal("no text area")
	}
	text := html.UnescapeString(m[1])
	v.postMultipart("/work/questionnaires/json-2027", url.Values{"definition": {text}, "version": {"1"}}, "", "").
		redirects(t, "/work/questionnaires/json-2027?saved=1")
	q, err := f.eng.FindQuestionnaire(context.Background(), "json-2027")
	if err != nil {
		t.Fatal(err)
	}
	if q.Version != 2 || q.Definition.OpensAt == nil || q.Definition.Pages[0].Questions[0].Type != "scale" {
		t.Fatalf("after saving the YAML: version %d, %+v", q.Version, q.Definition)
	}
}

// Odd requests get a clear answer, never a 500.
func TestWorkspace_OddRequests(t *testing.T) {
	f := MustServePages(t, PageOptions{})
	v := f.signedIn(t, "koordinator@slany.cz", engine.RoleCoordinator)
	for path, status := range map[string]int{
		"/work/questionnaires/unknown":                  http.StatusNotFound,
		"/work/questionnaires/unknown/preview/1":        http.StatusNotFound,
		"/work/questionnaires/all-types/preview/0":      http.StatusNotFound,
		"/work/questionnaires/all-types/preview/1x":     http.StatusNotFound,
		"/work/questionnaires/unknown/copy":             http.StatusNotFound,
		"/work/questionnaires/unknown/open":             http.StatusNotFound,
		"/work/audit?page=abc":                          http.StatusOK,
		"/work/audit?page=2147483647":                   http.StatusOK,
		"/work/audit?page=99999999999999999999":         http.StatusOK,
		"/work/audit?action=nothing&email=%3Cscript%3E": http.StatusOK,
		"/work/audit?action=%00":                        http.StatusBadRequest,
		"/work/audit.csv?from=x":                        http.StatusUnprocessableEntity,
	} {
		if got := v.get(path).status; got != status {
			t.Errorf("GET %s: %d, want %d", path, got, status)
		}
	}
	for _, c := range []struct {
		path   string
		form   url.Values
		status int
	}{
		{"/work/questionnaires/all-types/window", url.Values{"opens_at": {"2027-01-01T00:00"}}, http.StatusBadRequest},
		{"/work/questionnaires/all-types/window", url.Values{"version": {"1"}, "opens_at": {"99999-01-01T00:00"}}, http.StatusUnprocessableEntity},
		{"/work/questionnaires/unknown/window", url.Values{"version": {"1"}}, http.StatusNotFound},
		{"/work/questionnaires/all-types/open", url.Values{"version": {"x"}, "confirm": {"yes"}}, http.StatusBadRequest},
		{"/work/questionnaires/all-types/copy", url.Values{"new_id": {strings.Repeat("a", 5000)}}, http.StatusUnprocessableEntity},
		{"/work/questionnaires/all-types/preview/1", url.Values{"carry:nope": {"x"}, "action": {"next"}}, http.StatusUnprocessableEntity},
	} {
		if got := v.post(c.path, c.form).status; got != c.status {
			t.Errorf("POST %s %v: %d, want %d", c.path, c.form, got, c.status)
		}
	}
	v.postMultipart("/work/questionnaires", url.Values{"definition": {"id: x\n\xff\xfe"}}, "", "").want(t, http.StatusUnprocessableEntity)
	v.postMultipart("/work/questionnaires/all-types", url.Values{"definition": {"id: x"}}, "", "").want(t, http.StatusBadRequest)
}
