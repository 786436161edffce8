package handlers

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"testing"

	"github.com/triada-kpss/triada/engine"
)

// A coordinator answers a commenter's request: looks the address up,
// downloads the export, erases it after a confirmation page; members may
// not; the public settlement never shows the address.
func TestPages_PersonalData(t *testing.T) {
	f := MustServePages(t, PageOptions{})
	f.mustConsultation(t, "kp-2027", janOpens, janCloses)
	ctx := context.Background()
	for _, email := range []string{"jan.novak@example.cz", "jan.novak@example.cz", "eva@example.cz"} {
		_, err := f.eng.SubmitComment(ctx, "kp-2027", engine.CommentInput{Section: "seniori", Text: "Chybí odlehčovací služba.",
			Author: engine.AuthorInput{Name: "Jan Novák", Email: email, Municipality: "Moravský Krumlov", Organisation: "Spolek"}})
		if err != nil {
			t.Fatal(err)
		}
	}

	t.Run("Signed out", func(t *testing.T) {
		f.visitor(t).get("/work/personal-data").redirects(t, "/signin?next=%2Fwork%2Fpersonal-data")
	})
	t.Run("Member", func(t *testing.T) {
		m := f.signedIn(t, "clen@example.cz", engine.RoleMember)
		m.get("/work/personal-data?email=jan.novak@example.cz").want(t, http.StatusForbidden).lacks(t, "Chybí odlehčovací")
		m.get("/work/personal-data.json?email=jan.novak@example.cz").want(t, http.StatusForbidden)
		m.post("/work/personal-data/erase", url.Values{"email": {"jan.novak@example.cz"}}).want(t, http.StatusForbidden)
	})
	coord := f.signedIn(t, "koordinator@example.cz", engine.RoleCoordinator)
	t.Run("Form", func(t *testing.T) {
		coord.get("/work").want(t, http.StatusOK, `href="/work/personal-data"`)
		coord.get("/work/personal-data").want(t, http.StatusOK, `<label class="label" for="email">E-mailová adresa</label>`).lacks(t, "Uloženo k adrese")
	})
	t.Run("Invalid address", func(t *testing.T) {
		coord.get("/work/personal-data?email=jan.novak@").want(t, http.StatusUnprocessableEntity,
			`class="error-summary"`, `href="#email"`, `value="jan.novak@"`, `aria-invalid="true"`, "ve tvaru jmeno@example.cz")
	})
	t.Run("Look up", func(t *testing.T) {
		coord.get("/work/personal-data?email=Jan.Novak@example.cz").want(t, http.StatusOK,
			"Uloženo k adrese jan.novak@example.cz", "P-2027-001", "P-2027-002", "Chybí odlehčovací služba.", "přijata",
			`href="/work/personal-data.json?email=jan.novak%40example.cz"`, `href="/work/personal-data/erase?email=jan.novak%40example.cz"`).
			lacks(t, "P-2027-003")
	})
	t.Run("Download", func(t *testing.T) {
		p := coord.get("/work/personal-data.json?email=jan.novak@example.cz").want(t, http.StatusOK)
		if cd := p.header.Get("Content-Disposition"); cd != `attachment; filename="personal-data.json"` {
			t.Errorf("Content-Disposition %q", cd)
		}
		var got struct {
			Email    string
			Comments []struct {
				Reference string
				Author    struct{ Name, Email, Organisation string }
			}
			Mail []struct{ Subject string }
		}
		if err := json.Unmarshal([]byte(p.body), &got); err != nil || got.Email != "jan.novak@example.cz" || len(got.Comments) != 2 ||
			got.Comments[1].Reference != "P-2027-002" || got.Comments[0].Author.Email != "jan.novak@example.cz" ||
			got.Comments[0].Author.Organisation != "Spolek" || len(got.Mail) != 2 {
			t.Errorf("export %v: %s", err, p.body)
		}
	})
	t.Run("Erase", func(t *testing.T) {
		coord.get("/work/personal-data/erase?email=jan.novak@example.cz").want(t, http.StatusOK,
			"Vymazat osobní údaje?", "jan.novak@example.cz", "organizace autora: 2.", "(i ty dosud neodeslané): 2.",
			`<input type="hidden" name="email" value="jan.novak@example.cz">`)
		coord.post("/work/personal-data/erase", url.Values{"email": {"jan.novak@example.cz"}}).
			redirects(t, "/work/personal-data?email=jan.novak%40example.cz&erased=1&comments=2&mail=2")
		coord.get("/work/personal-data?email=jan.novak%40example.cz&erased=1&comments=2&mail=2").want(t, http.StatusOK,
			"Připomínky, ze kterých byly odstraněny údaje autora: 2. Smazané e-maily: 2.").lacks(t, "P-2027-001")
		cs, err := f.eng.ListComments(ctx, engine.Operator(), "kp-2027")
		if err != nil || len(cs) != 3 || cs[0].Author.Email != "" || cs[0].Author.Name != "" || cs[0].Text != "Chybí odlehčovací služba." ||
			cs[2].Author.Email != "eva@example.cz" {
			t.Errorf("comments after the erasure (%v): %+v %+v %+v", err, cs[0].Author, cs[1].Author, cs[2].Author)
		}
	})
	t.Run("Without CSRF", func(t *testing.T) {
		coord.do(http.MethodPost, "/work/personal-data/erase", nil).want(t, http.StatusForbidden)
	})
}
