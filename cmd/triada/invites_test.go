package main_test

import (
	"context"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/triada-kpss/triada/engine"
	"github.com/triada-kpss/triada/forms/builtin"
)

// capacityAnswers are the required answers of the built-in capacity
// questionnaire.
const capacityAnswers = `{"answers": {"org_name": "Charita Kamenice", "ico": "73104523", "legal_form": "church_entity",
	"seat_municipality": "Kamenice pod Hůrkou", "address": "Farní 112", "contact_person": "Marie Horáková",
	"email": "charita@example.cz", "service_name": "Pečovatelská služba", "service_type": "pecovatelska_sluzba",
	"service_form": "field", "target_groups": ["seniori"], "area_served": "Mikroregion", "capacity": %d,
	"waiting_list": "no", "publish_consent": "yes"}}`

var linkPattern = regexp.MustCompile(`^(.*)/i/([A-Za-z0-9_-]{43})\n$`)

func TestExecute_InviteCreate(t *testing.T) {
	dir := t.TempDir()
	m := MustRunMain(t, dir)
	for name, data := range builtin.Files() {
		if _, _, err := m.Engine.CreateQuestionnaire(context.Background(), engine.Operator(), data, "yaml"); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	env := map[string]string{"TRIADA_DATA_DIR": dir}
	create := func(t *testing.T, env map[string]string, extra ...string) (base, token string) {
		t.Helper()
		args := append([]string{"invite", "create", "--questionnaire", builtin.CapacityQuestionnaireID,
			"--email", "Reditel@Charita.example", "--name", "Charita – pečovatelská služba"}, extra...)
		r := execute(t, env, "", args...)
		match := linkPattern.FindStringSubmatch(r.stdout)
		if r.code != 0 || r.stderr != "" || match == nil {
			t.Fatalf("%+v: want one link and a newline", r)
		}
		return match[1], match[2]
	}

	var token string
	t.Run("DefaultBase", func(t *testing.T) {
		var base string
		base, token = create(t, env)
		if base != "http://127.0.0.1:8080" {
			t.Errorf("base %q", base)
		}
	})
	for _, c := range []struct {
		name  string
		env   map[string]string
		flags []string
		want  string
	}{
		{"BaseURLVariable", map[string]string{"TRIADA_BASE_URL": "https://triada.example.cz/"}, nil, "https://triada.example.cz"},
		{"BaseURLFlag", map[string]string{"TRIADA_BASE_URL": "https://triada.example.cz/"}, []string{"--base-url", "https://kpss.example.cz/triada"}, "https://kpss.example.cz/triada"},
		{"AddrEveryInterface", map[string]string{"TRIADA_ADDR": "0.0.0.0:9000"}, nil, "http://localhost:9000"},
	} {
		t.Run(c.name, func(t *testing.T) {
			c.env["TRIADA_DATA_DIR"] = dir
			if base, _ := create(t, c.env, c.flags...); base != c.want {
				t.Errorf("base %q, want %q", base, c.want)
			}
		})
	}
	t.Run("LinkAnswers", func(t *testing.T) {
		status := post(t, m.URL()+"api/v1/questionnaires/capacity-questionnaire/responses", token, strings.Replace(capacityAnswers, "%d", "25", 1))
		if status != http.StatusCreated {
			t.Fatalf("first response: %d", status)
		}
		if status = post(t, m.URL()+"api/v1/questionnaires/capacity-questionnaire/responses", token, strings.Replace(capacityAnswers, "%d", "30", 1)); status != http.StatusOK {
			t.Fatalf("edit: %d", status)
		}
		if status = post(t, m.URL()+"api/v1/questionnaires/capacity-questionnaire/responses", "", strings.Replace(capacityAnswers, "%d", "30", 1)); status != http.StatusForbidden {
			t.Fatalf("without the token: %d", status)
		}
		c, err := m.Store.CountAnswers(context.Background(), engine.CountQuery{Questionnaire: builtin.CapacityQuestionnaireID})
		if err != nil || c.Total != 1 || c.Codes["capacity=30"] != 1 {
			t.Fatalf("counts %+v, %v: want the one edited response", c, err)
		}
	})
	for _, c := range []struct {
		name, stderr string
		args         []string
	}{
		{"ErrNoEmail", "--questionnaire and --email", []string{"--questionnaire", "capacity-questionnaire"}},
		{"ErrNoQuestionnaire", `No questionnaire has the id "nope"`, []string{"--questionnaire", "nope", "--email", "a@example.cz"}},
		{"ErrPublicQuestionnaire", "access: invite", []string{"--questionnaire", builtin.NeedsSurveyID, "--email", "a@example.cz"}},
		{"ErrEmail", "e-mail", []string{"--questionnaire", "capacity-questionnaire", "--email", "nobody"}},
		{"ErrBaseURL", "TRIADA_BASE_URL", []string{"--questionnaire", "capacity-questionnaire", "--email", "a@example.cz", "--base-url", "ftp://x"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := execute(t, env, "", append([]string{"invite", "create"}, c.args...)...)
			if r.code != 2 || r.stdout != "" || !strings.Contains(r.stderr, c.stderr) {
				t.Fatalf("%+v: want exit 2 and %q", r, c.stderr)
			}
		})
	}
}

// post sends answers with an invitation token and returns the status.
func post(t *testing.T, url, token, body string) int {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("X-Invite-Token", token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}
