package loadgen

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// The last day of a comment period brings a rush of comments: each is
// numbered, stored with its author and queues a receipt e-mail, which is
// other work than a survey response. These generate it.

// consultationSections are the sections of the consultation loads
// comment on.
var consultationSections = []string{"uvod", "seniori", "rodiny", "zdravotni-postizeni"}

// ConsultationJSON is the body of POST /api/v1/consultations: a draft
// plan with consultationSections, open from a minute ago for a day.
func ConsultationJSON(id string, now time.Time) []byte {
	type section struct {
		ID    string `json:"id"`
		Title string `json:"title"`
		Text  string `json:"text"`
	}
	body := struct {
		ID       string    `json:"id"`
		Title    string    `json:"title"`
		Sections []section `json:"sections"`
		OpensAt  time.Time `json:"opens_at"`
		ClosesAt time.Time `json:"closes_at"`
	}{ID: id, Title: "Komunitní plán (zátěžový test)", OpensAt: now.Add(-time.Minute).UTC(), ClosesAt: now.Add(24 * time.Hour).UTC()}
	for _, s := range consultationSections {
		body.Sections = append(body.Sections, section{ID: s, Title: "Oddíl " + s, Text: "Návrh opatření pro oblast " + s + "."})
	}
	b, err := json.Marshal(body)
	if err != nil {
		panic(err) // the body always marshals
	}
	return b
}

// CommentBodies returns n bodies of POST /api/v1/consultations/{id}/comments:
// a section (or the whole draft), a text of 5 to 200 words and an author
// with an e-mail of their own, as residents send them.
func CommentBodies(n int, seed uint64) [][]byte {
	rng := rand.New(rand.NewPCG(seed, 0xc0)) // a stream of its own
	out := make([][]byte, n)
	for i := range out {
		section := ""
		if k := rng.IntN(len(consultationSections) + 1); k < len(consultationSections) {
			section = consultationSections[k]
		}
		text := make([]string, 5+rng.IntN(196))
		for j := range text {
			text[j] = words[rng.IntN(len(words))]
		}
		b, err := json.Marshal(map[string]any{
			"section": section,
			"text":    strings.Join(text, " ") + ".",
			"author": map[string]string{
				"name": fmt.Sprintf("Obyvatel %d", i+1), "email": fmt.Sprintf("obyvatel-%d@triada.test", i+1),
				"municipality": Municipalities(12)[rng.IntN(12)],
			},
		})
		if err != nil {
			panic(err) // strings always marshal
		}
		out[i] = b
	}
	return out
}

// CreateConsultation posts ConsultationJSON; ErrExists if the id is taken.
func (a *API) CreateConsultation(ctx context.Context, id string) error {
	return a.create(ctx, "/consultations", "the consultation", ConsultationJSON(id, time.Now()))
}

// CommentsURL is the address comments on a consultation are posted to.
func (a *API) CommentsURL(consultation string) string {
	return a.url("/consultations/" + url.PathEscape(consultation) + "/comments")
}

// CommentCount returns how many comments the consultation holds, as its
// coordinator's list of them shows.
func (a *API) CommentCount(ctx context.Context, consultation string) (int, error) {
	what := fmt.Sprintf("count the comments on %q", consultation)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, a.CommentsURL(consultation), nil)
	if err != nil {
		return 0, err
	}
	req.Header.Set("Authorization", "Bearer "+a.Token)
	resp, err := a.Client.Do(req)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", what, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 4<<10))
		return 0, fmt.Errorf("%s: %w", what, &StatusError{resp.StatusCode, trim(b)})
	}
	// The list is whole, not paged; of each comment only its being
	// there is kept.
	var list []struct{}
	if err := json.NewDecoder(resp.Body).Decode(&list); err != nil {
		return 0, fmt.Errorf("%s: %w", what, err)
	}
	return len(list), nil
}
