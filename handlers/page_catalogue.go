package handlers

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/triada-kpss/triada/engine"
)

// catalogueView is the catalogue's search page: a GET form, so that it
// works without JavaScript and every search has its own address.
type catalogueView struct {
	pageBase
	Q         string
	Filters   []selectField
	Filtered  bool // some filter or text is set
	Count     string
	Results   []providerCard
	CSV, JSON string // the open data of this search
}

// selectField is one filter: a select named Name.
type selectField struct {
	Name, Label, Any string
	Options          []selectOption
}

// providerCard is one provider in the results.
type providerCard struct {
	URL, Name, Municipality, Description string
	Services                             []string
}

// maxQueryRunes bounds the search text; more is cut off.
const maxQueryRunes = 200

// catalogueQuery reads the search from the query string.
func catalogueQuery(c *gin.Context) engine.ProviderQuery {
	q := strings.ToValidUTF8(c.Query("q"), "")
	if utf8.RuneCountInString(q) > maxQueryRunes {
		q = string([]rune(q)[:maxQueryRunes])
	}
	return engine.ProviderQuery{Q: strings.TrimSpace(q), Municipality: c.Query("municipality"),
		TargetGroup: c.Query("target_group"), ServiceType: c.Query("service_type"), Form: c.Query("form")}
}

// catalogue answers GET /providers: the published providers matching
// the search, with the filters that the published records offer.
func (p *pages) catalogue(c *gin.Context) {
	p.language(c)
	ctx := c.Request.Context()
	q := catalogueQuery(c)
	all, err := p.eng.ListProviders(ctx, engine.ProviderQuery{})
	if err != nil {
		p.fail(c, err, nil)
		return
	}
	found, err := p.eng.ListProviders(ctx, q)
	if err != nil {
		p.fail(c, err, nil)
		return
	}
	b := p.base(c, "")
	b.Title = b.L.T("catalogue.title")
	lb := labels{p.eng.CodeLists(), b.L.Lang()}
	v := catalogueView{pageBase: b, Q: q.Q,
		Filtered: q != engine.ProviderQuery{}, Count: b.L.N("catalogue.count", len(found))}
	municipalities, groups, types := facets(all, q, lb)
	var forms []selectOption
	for _, f := range lb.lists.Forms {
		forms = append(forms, selectOption{Value: f.Code, Label: lb.form(f.Code), Selected: f.Code == q.Form})
	}
	field := func(name string, options []selectOption) selectField {
		return selectField{Name: name, Label: b.L.T("catalogue." + name), Any: b.L.T("catalogue.any"), Options: options}
	}
	v.Filters = []selectField{field("municipality", municipalities), field("target_group", groups),
		field("service_type", types), field("form", forms)}
	for _, pr := range found {
		card := providerCard{URL: "/providers/" + url.PathEscape(pr.ID), Name: pr.Name, Municipality: pr.Municipality, Description: pr.Description}
		for _, s := range pr.Services {
			card.Services = append(card.Services, lb.serviceTitle(s)+" ("+lb.form(s.Form)+")")
		}
		v.Results = append(v.Results, card)
	}
	query := c.Request.URL.Query()
	query.Del("lang")
	v.CSV, v.JSON = "/providers.csv", "/providers.json"
	if enc := query.Encode(); enc != "" {
		v.CSV, v.JSON = v.CSV+"?"+enc, v.JSON+"?"+enc
	}
	p.render(c, http.StatusOK, "catalogue", v)
}

// facets are the options of the filters: the municipalities, target
// groups and kinds of service that published records hold.
func facets(all []*engine.Provider, q engine.ProviderQuery, lb labels) (municipalities, groups, types []selectOption) {
	seenM := map[string]bool{}
	var groupCodes, typeCodes []string
	for _, pr := range all {
		if key := engine.Fold(pr.Municipality); !seenM[key] {
			seenM[key] = true
			municipalities = append(municipalities, selectOption{Value: pr.Municipality, Label: pr.Municipality,
				Selected: key == engine.Fold(q.Municipality)})
		}
		for _, s := range pr.Services {
			if !slices.Contains(typeCodes, s.Type) {
				typeCodes = append(typeCodes, s.Type)
			}
			for _, tg := range s.TargetGroups {
				if !slices.Contains(groupCodes, tg) {
					groupCodes = append(groupCodes, tg)
				}
			}
		}
	}
	slices.SortFunc(municipalities, func(a, b selectOption) int { return strings.Compare(engine.Fold(a.Label), engine.Fold(b.Label)) })
	return municipalities, sortedOptions(groupCodes, lb.targetGroup, q.TargetGroup), sortedOptions(typeCodes, lb.serviceType, q.ServiceType)
}
