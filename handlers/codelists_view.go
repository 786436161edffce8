package handlers

import "github.com/triada-kpss/triada/codelists"

// codeListsView is the open data of the code lists: every code with its
// labels in cs, sk and en.
type codeListsView struct {
	ServiceTypes []codeView `json:"service_types"`
	Forms        []codeView `json:"forms"`
	TargetGroups []codeView `json:"target_groups"`
}

type codeView struct {
	Code    string            `json:"code"`
	Label   map[string]string `json:"label"`
	Country string            `json:"country,omitempty"`
	Forms   []string          `json:"forms,omitempty"`
	Broader string            `json:"broader,omitempty"`
}

func newCodeListsView(l *codelists.Lists) codeListsView {
	conv := func(entries []codelists.Entry) []codeView {
		out := make([]codeView, 0, len(entries))
		for _, e := range entries {
			out = append(out, codeView{Code: e.Code, Label: e.Label, Country: e.Country, Forms: e.Forms, Broader: e.Broader})
		}
		return out
	}
	return codeListsView{ServiceTypes: conv(l.ServiceTypes), Forms: conv(l.Forms), TargetGroups: conv(l.TargetGroups)}
}
