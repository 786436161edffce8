package handlers

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/triada-kpss/triada/engine"
)

const inviteOnlyYAML = `id: providers
title: "Dotazník pro poskytovatele"
audience: provider
access: invite
pages:
  - questions:
      - {id: capacity, type: number, text: "Kapacita", required: true, min: 0}
`

const publicYAML = `id: survey
title: "Průzkum"
audience: resident
pages:
  - questions:
      - {id: remarks, type: text, text: "Poznámky"}
`

func TestAPI_Invites(t *testing.T) {
	eng := engine.New(MustOpenStore(t), engine.Options{})
	h := New(eng, Options{Logger: quietLogger()})
	bearer := "Bearer " + MustCreateToken(t, eng)
	for _, y := range []string{inviteOnlyYAML, publicYAML} {
		w := do(h, http.MethodPost, "/api/v1/questionnaires", y, "Content-Type", "application/yaml", "Authorization", bearer)
		assertJSON(t, w, http.StatusCreated)
	}
	w := do(h, http.MethodPost, "/api/v1/questionnaires/providers/invites", `{"email":"Reditel@Charita.cz","name":"Charita"}`,
		"Content-Type", "application/json", "Authorization", bearer)
	assertJSON(t, w, http.StatusCreated, `"email":"reditel@charita.cz"`, `"path":"/i/`)
	var created struct{ Token string }
	if err := json.Unmarshal(w.Body.Bytes(), &created); err != nil || created.Token == "" {
		t.Fatalf("no token in %s", w.Body)
	}
	token := created.Token
	post := func(path, body string, header ...string) int {
		t.Helper()
		w := do(h, http.MethodPost, path, body, append([]string{"Content-Type", "application/json"}, header...)...)
		return w.Code
	}

	t.Run("CreateInvite", func(t *testing.T) {
		t.Run("ErrUnauthorized", func(t *testing.T) {
			w := do(h, http.MethodPost, "/api/v1/questionnaires/providers/invites", `{"email":"a@example.cz"}`, "Content-Type", "application/json")
			assertJSON(t, w, http.StatusUnauthorized)
		})
		t.Run("ErrPublicQuestionnaire", func(t *testing.T) {
			w := do(h, http.MethodPost, "/api/v1/questionnaires/survey/invites", `{"email":"a@example.cz"}`, "Content-Type", "application/json", "Authorization", bearer)
			assertJSON(t, w, http.StatusUnprocessableEntity, `"field":"questionnaire"`, "access: invite")
		})
	})
	t.Run("SubmitWithoutToken", func(t *testing.T) {
		if code := post("/api/v1/questionnaires/providers/responses", `{"answers":{"capacity":10}}`); code != http.StatusForbidden {
			t.Errorf("status %d, want 403", code)
		}
	})
	t.Run("SubmitBadToken", func(t *testing.T) {
		if code := post("/api/v1/questionnaires/providers/responses", `{"answers":{"capacity":10}}`, inviteTokenHeader, strings.Repeat("x", 43)); code != http.StatusForbidden {
			t.Errorf("status %d, want 403", code)
		}
	})
	t.Run("SubmitOtherQuestionnaire", func(t *testing.T) {
		if code := post("/api/v1/questionnaires/survey/responses", `{"answers":{}}`, inviteTokenHeader, token); code != http.StatusForbidden {
			t.Errorf("status %d, want 403", code)
		}
	})
	t.Run("SubmitInvalid", func(t *testing.T) {
		w := do(h, http.MethodPost, "/api/v1/questionnaires/providers/responses", `{"answers":{"capacity":-1}}`,
			"Content-Type", "application/json", inviteTokenHeader, token)
		assertJSON(t, w, http.StatusUnprocessableEntity, `"field":"capacity"`)
	})
	var id string
	t.Run("SubmitThenEdit", func(t *testing.T) {
		w := do(h, http.MethodPost, "/api/v1/questionnaires/providers/responses", `{"answers":{"capacity":10}}`,
			"Content-Type", "application/json", inviteTokenHeader, token)
		assertJSON(t, w, http.StatusCreated, `"id":`)
		var first struct{ ID string }
		_ = json.Unmarshal(w.Body.Bytes(), &first)
		id = first.ID
		w = do(h, http.MethodPost, "/api/v1/questionnaires/providers/responses?invite="+token, `{"answers":{"capacity":12}}`,
			"Content-Type", "application/json")
		assertJSON(t, w, http.StatusOK, `"id":"`+id+`"`)
	})
	t.Run("GetInvitation", func(t *testing.T) {
		w := do(h, http.MethodGet, "/api/v1/invite", "", inviteTokenHeader, token)
		assertJSON(t, w, http.StatusOK, `"questionnaire":"providers"`, `"open":true`, `"id":"`+id+`"`, `"capacity":12`)
		assertJSON(t, do(h, http.MethodGet, "/api/v1/invite", ""), http.StatusNotFound)
		assertJSON(t, do(h, http.MethodGet, "/api/v1/invite?invite=nope", ""), http.StatusNotFound)
	})
	t.Run("ListInvites", func(t *testing.T) {
		w := do(h, http.MethodGet, "/api/v1/questionnaires/providers/invites", "", "Authorization", bearer)
		assertJSON(t, w, http.StatusOK, `"email":"reditel@charita.cz"`, `"response_id":"`+id+`"`)
		if strings.Contains(w.Body.String(), token) || strings.Contains(w.Body.String(), engine.HashSecret(token)) {
			t.Errorf("the list shows the token or its hash: %s", w.Body)
		}
		assertJSON(t, do(h, http.MethodGet, "/api/v1/questionnaires/providers/invites", ""), http.StatusUnauthorized)
	})
	t.Run("OneResponse", func(t *testing.T) {
		c, err := eng.Store().CountAnswers(context.Background(), engine.CountQuery{Questionnaire: "providers"})
		if err != nil {
			t.Fatal(err)
		}
		if c.Total != 1 || c.Codes["capacity=12"] != 1 {
			t.Errorf("counts %+v, want one response with capacity 12", c)
		}
	})
}
