package sqlite

import (
	"encoding/json"
	"fmt"

	"github.com/triada-kpss/triada/engine"
	"github.com/triada-kpss/triada/forms"
)

// The JSON columns are written from these types, with names of their own,
// so that renaming a Go field never changes what a stored row means.

type contactJSON struct {
	Person string `json:"person,omitempty"`
	Email  string `json:"email,omitempty"`
	Phone  string `json:"phone,omitempty"`
	Web    string `json:"web,omitempty"`
}

type serviceJSON struct {
	Name         string   `json:"name,omitempty"`
	Type         string   `json:"type"`
	Form         string   `json:"form"`
	TargetGroups []string `json:"target_groups"`
	Description  string   `json:"description,omitempty"`
	Capacity     int      `json:"capacity"`
	WaitingDays  int      `json:"waiting_days"`
	Area         string   `json:"area,omitempty"`
	Source       string   `json:"source,omitempty"`
}

type sectionJSON struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Text  string `json:"text"`
}

type authorJSON struct {
	Name         string `json:"name"`
	Email        string `json:"email"`
	Municipality string `json:"municipality"`
	Organisation string `json:"organisation"`
	PublishName  bool   `json:"publish_name"`
	Language     string `json:"language,omitempty"`
}

type changeJSON struct {
	At     int64  `json:"at"` // Unix milliseconds
	UserID string `json:"user_id"`
	From   string `json:"from"`
	To     string `json:"to"`
	Note   string `json:"note,omitempty"`
}

func servicesJSON(in []engine.Service) []serviceJSON {
	out := make([]serviceJSON, len(in))
	for i, s := range in {
		out[i] = serviceJSON{Name: s.Name, Type: s.Type, Form: s.Form, TargetGroups: orEmpty(s.TargetGroups),
			Description: s.Description, Capacity: s.Capacity, WaitingDays: s.WaitingDays, Area: s.Area, Source: s.Source}
	}
	return out
}

func servicesFromJSON(in []serviceJSON) []engine.Service {
	out := make([]engine.Service, len(in))
	for i, s := range in {
		out[i] = engine.Service{Name: s.Name, Type: s.Type, Form: s.Form, TargetGroups: s.TargetGroups,
			Description: s.Description, Capacity: s.Capacity, WaitingDays: s.WaitingDays, Area: s.Area, Source: s.Source}
	}
	return out
}

func sectionsJSON(in []engine.Section) []sectionJSON {
	out := make([]sectionJSON, len(in))
	for i, s := range in {
		out[i] = sectionJSON(s)
	}
	return out
}

func sectionsFromJSON(in []sectionJSON) []engine.Section {
	out := make([]engine.Section, len(in))
	for i, s := range in {
		out[i] = engine.Section(s)
	}
	return out
}

func historyJSON(in []engine.Change) []changeJSON {
	out := make([]changeJSON, len(in))
	for i, c := range in {
		out[i] = changeJSON{At: toMillis(c.At), UserID: c.UserID, From: c.From, To: c.To, Note: c.Note}
	}
	return out
}

func historyFromJSON(in []changeJSON) []engine.Change {
	out := make([]engine.Change, len(in))
	for i, c := range in {
		out[i] = engine.Change{At: fromMillis(c.At), UserID: c.UserID, From: c.From, To: c.To, Note: c.Note}
	}
	return out
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// marshal encodes v for a JSON column.
func marshal(v any) (string, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return "", fmt.Errorf("sqlite: encode %T: %w", v, err)
	}
	return string(b), nil
}

// unmarshal decodes a JSON column into v, naming the column on failure.
func unmarshal(column, data string, v any) error {
	if err := json.Unmarshal([]byte(data), v); err != nil {
		return fmt.Errorf("decode %s: %w", column, err)
	}
	return nil
}

// unmarshalAnswers decodes answers as the engine keeps them: strings,
// float64 numbers and, for multi questions, []string.
func unmarshalAnswers(data string) (forms.Answers, error) {
	var a forms.Answers
	if err := unmarshal("answers", data, &a); err != nil {
		return nil, err
	}
	for k, v := range a {
		list, ok := v.([]any)
		if !ok {
			continue
		}
		ss := make([]string, 0, len(list))
		for _, x := range list {
			s, ok := x.(string)
			if !ok {
				ss = nil
				break
			}
			ss = append(ss, s)
		}
		if ss != nil {
			a[k] = ss
		}
	}
	return a, nil
}
