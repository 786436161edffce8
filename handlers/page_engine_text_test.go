package handlers

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/triada-kpss/triada/engine"
)

// TestPages_EngineMessagesInTheStaffLanguage checks that a staff page
// shows the engine's refusals and the questionnaire checker's messages in
// the page's language, and that the API keeps answering them in English.
func TestPages_EngineMessagesInTheStaffLanguage(t *testing.T) {
	f := MustServePages(t, PageOptions{})
	f.MustCreate(t, []byte(goodYAML))
	f.mustFailedMail(t, engine.Mail{ID: "receipt:c1", To: "jana@example.cz", Subject: "Potvrzení", Text: "Text", Cause: "comment:c1"})
	visitors := map[string]*visitor{}
	for _, lang := range []string{"cs", "sk", "en"} {
		v := f.signedIn(t, "koordinator-"+lang+"@slany.cz", engine.RoleCoordinator)
		v.get("/work?lang="+lang).want(t, http.StatusOK, `<html lang="`+lang+`">`)
		visitors[lang] = v
	}
	// The first retry is taken; the ones below are refused.
	visitors["cs"].post("/work/outbox/retry", url.Values{"id": {"receipt:c1"}}).want(t, http.StatusSeeOther)
	// unknownKey has a key the checker does not know on line 9, in a question.
	unknownKey := strings.Replace(goodYAML, "        required: true\n", "        required: true\n        colour: red\n", 1)

	tests := []struct {
		lang                   string
		duplicate, retried     string
		badType, unknown, line string
		warning                string
	}{
		{"cs", "Dotazník s identifikátorem „ws-2027“ už existuje.",
			"E-mail „receipt:c1“ neselhal: znovu odeslat lze jen e-maily, jejichž odeslání selhalo.",
			"neznámý typ otázky „choise“; použijte choice, multi, scale, number nebo text",
			"neznámý klíč „colour“ v otázce", "Řádek 8:", "chybí slovenský a anglický text v „text“"},
		{"sk", "Dotazník s identifikátorom „ws-2027“ už existuje.",
			"E-mail „receipt:c1“ nezlyhal: znova odoslať možno len e-maily, ktorých odoslanie zlyhalo.",
			"neznámy typ otázky „choise“; použite choice, multi, scale, number alebo text",
			"neznámy kľúč „colour“ v otázke", "Riadok 8:", "chýba slovenský a anglický text v „text“"},
		{"en", "A questionnaire with the id &#34;ws-2027&#34; exists.",
			"The e-mail &#34;receipt:c1&#34; has not failed: only failed e-mails can be retried.",
			"unknown question type &#34;choise&#34;; use choice, multi, scale, number or text",
			"unknown key &#34;colour&#34; in a question", "Line 8:", "missing Slovak and English text in &#34;text&#34;"},
	}
	for _, tt := range tests {
		v := visitors[tt.lang]
		t.Run(tt.lang+"/Conflict", func(t *testing.T) {
			v.postMultipart("/work/questionnaires", url.Values{"definition": {goodYAML}, "action": {"save"}}, "", "").
				want(t, http.StatusConflict, tt.duplicate)
		})
		t.Run(tt.lang+"/RefusalPage", func(t *testing.T) {
			v.post("/work/outbox/retry", url.Values{"id": {"receipt:c1"}}).want(t, http.StatusConflict, tt.retried)
		})
		t.Run(tt.lang+"/CheckerAgainstItsLine", func(t *testing.T) {
			v.postMultipart("/work/questionnaires", url.Values{"definition": {badYAML}, "action": {"check"}}, "", "").
				want(t, http.StatusUnprocessableEntity, tt.line, tt.badType, "type: choise")
		})
		t.Run(tt.lang+"/CheckerPhrases", func(t *testing.T) {
			v.postMultipart("/work/questionnaires", url.Values{"definition": {unknownKey}, "action": {"check"}}, "", "").
				want(t, http.StatusUnprocessableEntity, tt.unknown, "colour: red", tt.warning)
		})
	}
	if tests[0].duplicate == tests[2].duplicate {
		t.Fatal("the test compares nothing")
	}
}

// TestAPI_EngineMessagesStayEnglish checks that the API answers the
// engine's English messages whatever language the client asks for.
func TestAPI_EngineMessagesStayEnglish(t *testing.T) {
	f := MustServePages(t, PageOptions{})
	token := MustCreateToken(t, f.eng)
	post := func(body string) (int, string) {
		t.Helper()
		req, _ := http.NewRequest(http.MethodPost, f.srv.URL+"/api/v1/questionnaires", strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("Content-Type", "application/yaml")
		req.Header.Set("Accept-Language", "cs")
		req.AddCookie(&http.Cookie{Name: langCookie, Value: "sk"})
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(b)
	}
	if status, body := post(goodYAML); status != http.StatusCreated {
		t.Fatalf("create: %d %s", status, body)
	}
	status, body := post(goodYAML)
	if want := `{"error":"A questionnaire with the id \"ws-2027\" exists."}`; status != http.StatusConflict || body != want {
		t.Errorf("duplicate: %d %s, want 409 %s", status, body, want)
	}
	status, body = post(strings.Replace(badYAML, "id: ws-2027", "id: ws-2028", 1))
	want := `{"error":"The questionnaire definition has errors.","errors":[{"field":"pages[0].questions[0].type",` +
		`"message":"unknown question type \"choise\"; use choice, multi, scale, number or text","line":8}]}`
	if status != http.StatusUnprocessableEntity || body != want {
		t.Errorf("checker: %d %s, want 422 %s", status, body, want)
	}
}
