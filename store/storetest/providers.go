package storetest

import (
	"fmt"
	"testing"

	"github.com/triada-kpss/triada/engine"
)

func provider(id, ico, name, municipality, description, status string, services ...engine.Service) *engine.Provider {
	return &engine.Provider{
		ID: id, Name: name, ICO: ico, Municipality: municipality,
		Address:     "Masarykovo nám. 1, " + municipality,
		Description: description,
		Contact:     engine.Contact{Person: "Jana Nováková, vedoucí", Email: id + "@example.cz", Phone: "+420 312 000 000", Web: "https://example.cz/" + id},
		Services:    services,
		Status:      status,
		SearchText:  engine.Fold(name + " " + description), MunicipalityKey: engine.Fold(municipality),
		CreatedAt: at(6, 9), UpdatedAt: at(7, 15),
	}
}

// catalogue is a few providers; ListProviders orders them by SearchText
// (which starts with the folded name) then id: p2, p3, p4, p6, p1, p5.
func catalogue() []*engine.Provider {
	svc := func(typ, form string, capacity, waiting int, groups ...string) engine.Service {
		return engine.Service{Type: typ, Form: form, TargetGroups: groups, Capacity: capacity, WaitingDays: waiting}
	}
	poradna := svc("odborne-socialni-poradenstvi", "outpatient", 0, 0, "seniori", "krize")
	return []*engine.Provider{
		// p6 has p4's name and description, so only the id orders them.
		provider("p6", "00064581", "Občanská poradna Slaný", "Slaný", "Dluhy, bydlení, práva.", engine.ProviderPublished, poradna),
		provider("p1", "00234915", "Pečovatelská služba Slaný", "Slaný", "Pomoc seniorům v domácnosti.", engine.ProviderPublished,
			engine.Service{Name: "Pečovatelská služba Slaný", Type: "pecovatelska-sluzba", Form: "field",
				TargetGroups: []string{"seniori", "zdravotni-postizeni"}, Description: "Dovoz obědů, nákupy, hygiena.",
				Capacity: 40, WaitingDays: 14, Area: "Slaný a okolní obce", Source: "r1"}),
		provider("p2", "25755277", "Azylový dům Kladno", "Kladno", "Pro lidi v nouzi.", engine.ProviderPublished,
			svc("azylove-domy", "residential", 24, 30, "krize"),
			svc("nizkoprahova-zarizeni", "outpatient", 15, 0, "deti-mladez", "krize")),
		provider("p3", "70891095", "Domov pro seniory Zlonice", "Zlonice", "", engine.ProviderDraft,
			svc("domovy-pro-seniory", "residential", 80, 365, "seniori")),
		provider("p4", "26528843", "Občanská poradna Slaný", "Slaný", "Dluhy, bydlení, práva.", engine.ProviderPublished, poradna),
		provider("p5", "04711157", "Zlonická pomoc", "Zlonice", "Dobrovolníci.", engine.ProviderPublished),
	}
}

func (s *suite) providers(t *testing.T) {
	t.Run("CreateProvider", func(t *testing.T) {
		s.test(t, "RoundTrip", func(t *testing.T, st engine.Store) {
			for _, want := range catalogue() {
				noErr(t, "CreateProvider", st.CreateProvider(ctx, want))
				got, err := st.FindProvider(ctx, want.ID)
				noErr(t, "FindProvider", err)
				wantEqual(t, "provider", got, want)
			}
		})
		s.test(t, "ErrDuplicate", func(t *testing.T, st engine.Store) {
			first := catalogue()[1]
			noErr(t, "CreateProvider", st.CreateProvider(ctx, first))
			again := catalogue()[2]
			again.ICO = first.ICO
			wantErr(t, "CreateProvider with a listed IČO", st.CreateProvider(ctx, again), engine.ErrDuplicate)
			_, err := st.FindProvider(ctx, again.ID)
			wantErr(t, "FindProvider of the duplicate", err, engine.ErrNotFound)
		})
	})

	t.Run("FindProviderByICO", func(t *testing.T) {
		s.test(t, "Found", func(t *testing.T, st engine.Store) {
			for _, p := range catalogue() {
				noErr(t, "CreateProvider", st.CreateProvider(ctx, p))
			}
			got, err := st.FindProviderByICO(ctx, "00234915")
			noErr(t, "FindProviderByICO", err)
			wantEqual(t, "provider", got, catalogue()[1])
		})
		s.test(t, "ErrNotFound", func(t *testing.T, st engine.Store) {
			noErr(t, "CreateProvider", st.CreateProvider(ctx, catalogue()[0]))
			_, err := st.FindProviderByICO(ctx, "00234915")
			wantErr(t, "FindProviderByICO", err, engine.ErrNotFound)
		})
	})

	t.Run("ReplaceProvider", func(t *testing.T) {
		s.test(t, "Replaced", func(t *testing.T, st engine.Store) {
			for _, p := range catalogue() {
				noErr(t, "CreateProvider", st.CreateProvider(ctx, p))
			}
			next := catalogue()[1]
			next.Name, next.Description, next.SearchText = "Pečovatelská služba Slánsko", "", engine.Fold("Pečovatelská služba Slánsko")
			next.Services = append(next.Services, engine.Service{Type: "odlehcovaci-sluzby", Form: "outpatient",
				TargetGroups: []string{"seniori"}, Capacity: 5, Source: "r2"})
			next.UpdatedAt = at(9, 10)
			noErr(t, "ReplaceProvider", st.ReplaceProvider(ctx, next))
			got, err := st.FindProvider(ctx, "p1")
			noErr(t, "FindProvider", err)
			wantEqual(t, "provider", got, next)
			list, err := st.ListProviders(ctx, engine.ProviderFilter{ServiceType: "odlehcovaci-sluzby"})
			noErr(t, "ListProviders", err)
			wantEqual(t, "providers of the new service", list, []*engine.Provider{next})
		})
		s.test(t, "ErrNotFound", func(t *testing.T, st engine.Store) {
			wantErr(t, "ReplaceProvider", st.ReplaceProvider(ctx, catalogue()[1]), engine.ErrNotFound)
		})
		s.test(t, "ErrDuplicate", func(t *testing.T, st engine.Store) {
			for _, p := range catalogue() {
				noErr(t, "CreateProvider", st.CreateProvider(ctx, p))
			}
			clash := catalogue()[1]
			clash.ICO = catalogue()[2].ICO
			wantErr(t, "ReplaceProvider with another's IČO", st.ReplaceProvider(ctx, clash), engine.ErrDuplicate)
			got, err := st.FindProvider(ctx, "p1")
			noErr(t, "FindProvider", err)
			wantEqual(t, "provider", got, catalogue()[1])
		})
	})

	t.Run("FindProvider", func(t *testing.T) {
		s.test(t, "ErrNotFound", func(t *testing.T, st engine.Store) {
			noErr(t, "CreateProvider", st.CreateProvider(ctx, catalogue()[0]))
			_, err := st.FindProvider(ctx, "p9")
			wantErr(t, "FindProvider", err, engine.ErrNotFound)
		})
	})

	t.Run("ListProviders", func(t *testing.T) {
		s.test(t, "Filters", func(t *testing.T, st engine.Store) {
			byID := map[string]*engine.Provider{}
			for _, p := range catalogue() {
				noErr(t, "CreateProvider", st.CreateProvider(ctx, p))
				byID[p.ID] = p
			}
			pub, draft := engine.ProviderPublished, engine.ProviderDraft
			cases := []struct {
				f    engine.ProviderFilter
				want []string
			}{
				{engine.ProviderFilter{}, []string{"p2", "p3", "p4", "p6", "p1", "p5"}},
				{engine.ProviderFilter{Status: pub}, []string{"p2", "p4", "p6", "p1", "p5"}},
				{engine.ProviderFilter{Status: draft}, []string{"p3"}},
				{engine.ProviderFilter{TargetGroup: "seniori"}, []string{"p3", "p4", "p6", "p1"}},
				{engine.ProviderFilter{TargetGroup: "deti-mladez"}, []string{"p2"}},
				{engine.ProviderFilter{TargetGroup: "nikdo"}, nil},
				{engine.ProviderFilter{ServiceType: "azylove-domy"}, []string{"p2"}},
				{engine.ProviderFilter{ServiceType: "nizkoprahova-zarizeni"}, []string{"p2"}},
				{engine.ProviderFilter{Form: "residential"}, []string{"p2", "p3"}},
				{engine.ProviderFilter{Form: "outpatient", Municipality: "slany"}, []string{"p4", "p6"}},
				{engine.ProviderFilter{Form: "field", TargetGroup: "seniori", ServiceType: "pecovatelska-sluzba"}, []string{"p1"}},
				{engine.ProviderFilter{Form: "field", ServiceType: "azylove-domy"}, nil},
				{engine.ProviderFilter{Municipality: "slany"}, []string{"p4", "p6", "p1"}},
				{engine.ProviderFilter{Municipality: "slan"}, nil},
				{engine.ProviderFilter{Query: "poradna"}, []string{"p4", "p6"}},
				{engine.ProviderFilter{Query: "senior"}, []string{"p3", "p1"}},
				{engine.ProviderFilter{Query: "dluhy, bydleni"}, []string{"p4", "p6"}},
				{engine.ProviderFilter{Query: "100%_"}, nil},
				{engine.ProviderFilter{Status: pub, TargetGroup: "seniori"}, []string{"p4", "p6", "p1"}},
				{engine.ProviderFilter{Status: pub, Municipality: "zlonice"}, []string{"p5"}},
				{engine.ProviderFilter{Municipality: "slany", TargetGroup: "krize"}, []string{"p4", "p6"}},
				{engine.ProviderFilter{TargetGroup: "krize", ServiceType: "nizkoprahova-zarizeni"}, []string{"p2"}},
				{engine.ProviderFilter{TargetGroup: "seniori", ServiceType: "pecovatelska-sluzba"}, []string{"p1"}},
				{engine.ProviderFilter{TargetGroup: "seniori", Query: "zlonice"}, []string{"p3"}},
				{engine.ProviderFilter{Status: pub, TargetGroup: "seniori", ServiceType: "pecovatelska-sluzba", Municipality: "slany", Query: "slany"}, []string{"p1"}},
				{engine.ProviderFilter{Status: draft, TargetGroup: "seniori", Municipality: "slany"}, nil},
			}
			for _, c := range cases {
				got, err := st.ListProviders(ctx, c.f)
				noErr(t, fmt.Sprintf("ListProviders(%+v)", c.f), err)
				var want []*engine.Provider
				for _, id := range c.want {
					want = append(want, byID[id])
				}
				wantEqual(t, fmt.Sprintf("ListProviders(%+v)", c.f), got, want)
			}
		})
		s.test(t, "Empty", func(t *testing.T, st engine.Store) {
			got, err := st.ListProviders(ctx, engine.ProviderFilter{})
			noErr(t, "ListProviders", err)
			if len(got) != 0 {
				t.Fatalf("got %d providers in an empty store", len(got))
			}
		})
	})
}
