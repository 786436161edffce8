package storetest

import (
	"testing"
	"time"

	"github.com/triada-kpss/triada/engine"
)

// draft returns a draft of questionnaire with values of every shape the
// pages keep: one value, several, an empty list, text with a line break.
func draft(hash, questionnaire string) *engine.Draft {
	return &engine.Draft{
		Hash:            hash,
		QuestionnaireID: questionnaire,
		Values: map[string][]string{
			"obec":     {"slany"},
			"vek":      {"sedmdesát"}, // as typed, even when it failed validation
			"sluzby":   {"pecovatelska", "poradna"},
			"poznamka": {"Chybí „odlehčovací“ služba.\nDěkuji."},
			"prazdne":  {},
		},
		Page:          1,
		SubmissionKey: "sk-" + hash,
		Language:      "sk",
		CreatedAt:     at(4, 9),
		UpdatedAt:     at(4, 10),
		ExpiresAt:     at(4, 9).Add(30 * 24 * time.Hour),
	}
}

func (s *suite) drafts(t *testing.T) {
	t.Run("SaveDraft", func(t *testing.T) {
		s.test(t, "RoundTrip", func(t *testing.T, st engine.Store) {
			mustCreateQuestionnaire(t, st, "q1")
			want := draft("h1", "q1")
			want.InviteHash = "invite-hash"
			noErr(t, "SaveDraft", st.SaveDraft(ctx, want))
			got, err := st.FindDraft(ctx, "h1", at(5, 9))
			noErr(t, "FindDraft", err)
			wantEqual(t, "draft", got, want)
		})
		s.test(t, "NoValues", func(t *testing.T, st engine.Store) {
			mustCreateQuestionnaire(t, st, "q1")
			want := draft("h1", "q1")
			want.Values = nil
			noErr(t, "SaveDraft", st.SaveDraft(ctx, want))
			got, err := st.FindDraft(ctx, "h1", at(5, 9))
			noErr(t, "FindDraft", err)
			wantEqual(t, "draft", got, want)
		})
		// Saving again under the same hash replaces the draft: the person
		// went on to the next page.
		s.test(t, "Replace", func(t *testing.T, st engine.Store) {
			mustCreateQuestionnaire(t, st, "q1")
			noErr(t, "SaveDraft", st.SaveDraft(ctx, draft("h1", "q1")))
			other := draft("h2", "q1")
			noErr(t, "SaveDraft", st.SaveDraft(ctx, other))
			want := draft("h1", "q1")
			want.Values = map[string][]string{"obec": {"zlonice"}}
			want.Page, want.UpdatedAt, want.ExpiresAt = 2, at(6, 11), at(6, 11).Add(30*24*time.Hour)
			noErr(t, "SaveDraft again", st.SaveDraft(ctx, want))
			got, err := st.FindDraft(ctx, "h1", at(6, 12))
			noErr(t, "FindDraft", err)
			wantEqual(t, "the replaced draft", got, want)
			got, err = st.FindDraft(ctx, "h2", at(6, 12))
			noErr(t, "FindDraft of the other draft", err)
			wantEqual(t, "the other draft", got, other)
		})
	})

	t.Run("FindDraft", func(t *testing.T) {
		s.test(t, "ErrNotFound", func(t *testing.T, st engine.Store) {
			mustCreateQuestionnaire(t, st, "q1")
			noErr(t, "SaveDraft", st.SaveDraft(ctx, draft("h1", "q1")))
			_, err := st.FindDraft(ctx, "h2", at(5, 9))
			wantErr(t, "FindDraft", err, engine.ErrNotFound)
		})
		// A draft is valid while now is before ExpiresAt, compared at
		// millisecond precision: at ExpiresAt it has expired.
		s.test(t, "Expiry", func(t *testing.T, st engine.Store) {
			mustCreateQuestionnaire(t, st, "q1")
			d := draft("h1", "q1")
			d.ExpiresAt = time.Date(2027, 4, 3, 21, 0, 0, 0, time.UTC)
			noErr(t, "SaveDraft", st.SaveDraft(ctx, d))
			_, err := st.FindDraft(ctx, "h1", d.ExpiresAt.Add(-ms))
			noErr(t, "FindDraft a millisecond before expiry", err)
			_, err = st.FindDraft(ctx, "h1", d.ExpiresAt)
			wantErr(t, "FindDraft at expiry", err, engine.ErrNotFound)
			_, err = st.FindDraft(ctx, "h1", d.ExpiresAt.Add(time.Hour))
			wantErr(t, "FindDraft after expiry", err, engine.ErrNotFound)
			_, err = st.FindDraft(ctx, "h1", d.ExpiresAt.Add(-time.Minute).In(time.FixedZone("CEST", 2*3600)))
			noErr(t, "FindDraft before expiry, in CEST", err)
		})
		// Saving an expired draft again with a later expiry revives it.
		s.test(t, "ExtendedBySave", func(t *testing.T, st engine.Store) {
			mustCreateQuestionnaire(t, st, "q1")
			d := draft("h1", "q1")
			noErr(t, "SaveDraft", st.SaveDraft(ctx, d))
			later := d.ExpiresAt.Add(time.Hour)
			_, err := st.FindDraft(ctx, "h1", later)
			wantErr(t, "FindDraft after expiry", err, engine.ErrNotFound)
			d.ExpiresAt = later.Add(time.Hour)
			noErr(t, "SaveDraft with a later expiry", st.SaveDraft(ctx, d))
			_, err = st.FindDraft(ctx, "h1", later)
			noErr(t, "FindDraft after the new save", err)
		})
	})

	t.Run("DeleteDraft", func(t *testing.T) {
		s.test(t, "OK", func(t *testing.T, st engine.Store) {
			mustCreateQuestionnaire(t, st, "q1")
			noErr(t, "SaveDraft", st.SaveDraft(ctx, draft("h1", "q1")))
			noErr(t, "SaveDraft", st.SaveDraft(ctx, draft("h2", "q1")))
			noErr(t, "DeleteDraft", st.DeleteDraft(ctx, "h1"))
			_, err := st.FindDraft(ctx, "h1", at(5, 9))
			wantErr(t, "FindDraft after DeleteDraft", err, engine.ErrNotFound)
			_, err = st.FindDraft(ctx, "h2", at(5, 9))
			noErr(t, "FindDraft of the other draft", err)
		})
		s.test(t, "Missing", func(t *testing.T, st engine.Store) {
			noErr(t, "DeleteDraft of no draft", st.DeleteDraft(ctx, "h1"))
		})
	})
}
