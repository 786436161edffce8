package storetest

import (
	"testing"

	"github.com/triada-kpss/triada/engine"
)

// catalogueDraft is the draft of an IČO proposing provider p's record.
func catalogueDraft(p *engine.Provider, state string, updatedDay int) *engine.CatalogueDraft {
	rec := *p
	rec.Status = engine.ProviderDraft
	return &engine.CatalogueDraft{ICO: p.ICO, Record: rec, State: state, Version: 1,
		CreatedAt: at(5, 8), UpdatedAt: at(updatedDay, 8)}
}

func (s *suite) catalogueDrafts(t *testing.T) {
	t.Run("CreateCatalogueDraft", func(t *testing.T) {
		s.test(t, "RoundTrip", func(t *testing.T, st engine.Store) {
			want := catalogueDraft(catalogue()[1], engine.DraftReturned, 7)
			reviewed := at(6, 11)
			want.Note, want.ReviewedBy, want.ReviewedAt = "Doplňte prosím kapacitu.", "u1", &reviewed
			noErr(t, "CreateCatalogueDraft", st.CreateCatalogueDraft(ctx, want))
			got, err := st.FindCatalogueDraft(ctx, want.ICO)
			noErr(t, "FindCatalogueDraft", err)
			wantEqual(t, "draft", got, want)
		})
		s.test(t, "ErrDuplicate", func(t *testing.T, st engine.Store) {
			noErr(t, "CreateCatalogueDraft", st.CreateCatalogueDraft(ctx, catalogueDraft(catalogue()[1], engine.DraftPending, 7)))
			wantErr(t, "CreateCatalogueDraft for the same IČO",
				st.CreateCatalogueDraft(ctx, catalogueDraft(catalogue()[1], engine.DraftPending, 8)), engine.ErrDuplicate)
		})
		s.test(t, "ApartFromProviders", func(t *testing.T, st engine.Store) {
			// A draft and the published record of one IČO live side by side;
			// the catalogue never lists the draft.
			noErr(t, "CreateProvider", st.CreateProvider(ctx, catalogue()[1]))
			noErr(t, "CreateCatalogueDraft", st.CreateCatalogueDraft(ctx, catalogueDraft(catalogue()[1], engine.DraftPending, 7)))
			got, err := st.ListProviders(ctx, engine.ProviderFilter{})
			noErr(t, "ListProviders", err)
			wantEqual(t, "providers", got, []*engine.Provider{catalogue()[1]})
		})
	})

	t.Run("FindCatalogueDraft", func(t *testing.T) {
		s.test(t, "ErrNotFound", func(t *testing.T, st engine.Store) {
			_, err := st.FindCatalogueDraft(ctx, "00234915")
			wantErr(t, "FindCatalogueDraft", err, engine.ErrNotFound)
		})
	})

	t.Run("ListCatalogueDrafts", func(t *testing.T) {
		s.test(t, "ByStateLatestFirst", func(t *testing.T, st engine.Store) {
			c := catalogue()
			a := catalogueDraft(c[0], engine.DraftPending, 7)
			b := catalogueDraft(c[1], engine.DraftApproved, 9)
			d := catalogueDraft(c[2], engine.DraftPending, 9)
			e := catalogueDraft(c[3], engine.DraftReturned, 8)
			for _, x := range []*engine.CatalogueDraft{a, b, d, e} {
				noErr(t, "CreateCatalogueDraft", st.CreateCatalogueDraft(ctx, x))
			}
			for _, c := range []struct {
				state string
				want  []*engine.CatalogueDraft
			}{
				// b and d were updated at the same time: by IČO then.
				{"", []*engine.CatalogueDraft{b, d, e, a}},
				{engine.DraftPending, []*engine.CatalogueDraft{d, a}},
				{engine.DraftReturned, []*engine.CatalogueDraft{e}},
				{engine.DraftApproved, []*engine.CatalogueDraft{b}},
			} {
				got, err := st.ListCatalogueDrafts(ctx, c.state)
				noErr(t, "ListCatalogueDrafts", err)
				wantEqual(t, "drafts in state "+c.state, got, c.want)
			}
		})
	})

	t.Run("UpdateCatalogueDraft", func(t *testing.T) {
		s.test(t, "AtTheVersion", func(t *testing.T, st engine.Store) {
			d := catalogueDraft(catalogue()[1], engine.DraftPending, 7)
			noErr(t, "CreateCatalogueDraft", st.CreateCatalogueDraft(ctx, d))
			next := catalogueDraft(catalogue()[1], engine.DraftApproved, 8)
			next.Version, next.ReviewedBy = 2, "u1"
			next.Record.Services[0].Capacity = 45
			noErr(t, "UpdateCatalogueDraft", st.UpdateCatalogueDraft(ctx, next, 1))
			got, err := st.FindCatalogueDraft(ctx, d.ICO)
			noErr(t, "FindCatalogueDraft", err)
			wantEqual(t, "draft", got, next)
		})
		s.test(t, "ErrConflict", func(t *testing.T, st engine.Store) {
			d := catalogueDraft(catalogue()[1], engine.DraftPending, 7)
			noErr(t, "CreateCatalogueDraft", st.CreateCatalogueDraft(ctx, d))
			first := catalogueDraft(catalogue()[1], engine.DraftApproved, 8)
			first.Version = 2
			noErr(t, "UpdateCatalogueDraft", st.UpdateCatalogueDraft(ctx, first, 1))
			second := catalogueDraft(catalogue()[1], engine.DraftReturned, 8)
			second.Version = 2
			wantErr(t, "UpdateCatalogueDraft at an old version", st.UpdateCatalogueDraft(ctx, second, 1), engine.ErrConflict)
			got, err := st.FindCatalogueDraft(ctx, d.ICO)
			noErr(t, "FindCatalogueDraft", err)
			wantEqual(t, "draft", got, first)
		})
		s.test(t, "ErrNotFound", func(t *testing.T, st engine.Store) {
			d := catalogueDraft(catalogue()[1], engine.DraftPending, 7)
			wantErr(t, "UpdateCatalogueDraft", st.UpdateCatalogueDraft(ctx, d, 0), engine.ErrNotFound)
		})
	})
}
