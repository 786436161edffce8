package engine

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/triada-kpss/triada/forms"
)

// GroupInput is what a coordinator gives to create a working group.
type GroupInput struct {
	ID   string   `json:"id"`
	Name string   `json:"name"`
	Tags []string `json:"tags"`
	// Description (optional, at most 2,000 characters) says what the group
	// works on, as GroupEdit does.
	Description string `json:"description"`
	// TargetGroups (optional) are target-group codes of the catalogue:
	// the supply of services the group sees (GroupSupply).
	TargetGroups []string `json:"target_groups"`
}

// CreateGroup creates a working group; EINVALID for a bad id, name or tag,
// ECONFLICT if the id exists.
func (e *Engine) CreateGroup(ctx context.Context, actor *User, in GroupInput) (*Group, error) {
	if err := requireCoordinator(actor); err != nil {
		return nil, err
	}
	var fe fieldErrors
	fe.slug("id", in.ID)
	fe.text("name", &in.Name, true, 200)
	fe.text("description", &in.Description, false, 2000)
	fe.tags("tags", in.Tags)
	for i, tg := range in.TargetGroups {
		if e.lists.TargetGroup(tg) == nil {
			fe.add(fmt.Sprintf("target_groups[%d]", i), "Unknown target group %q.", tg)
		}
	}
	if err := fe.err("The working group is not valid."); err != nil {
		return nil, err
	}
	g := &Group{ID: in.ID, Name: in.Name, Description: in.Description, Tags: uniqueSorted(in.Tags), TargetGroups: uniqueSorted(in.TargetGroups),
		Members: []string{}, CreatedAt: e.Now()}
	if err := e.store.CreateGroup(ctx, g); err != nil {
		if errors.Is(err, ErrDuplicate) {
			return nil, Errorf(ECONFLICT, "A working group with the id %q exists.", in.ID)
		}
		return nil, err
	}
	return g, nil
}

// FindGroup returns the group or ENOTFOUND.
func (e *Engine) FindGroup(ctx context.Context, id string) (*Group, error) {
	g, err := e.store.FindGroup(ctx, id)
	if errors.Is(err, ErrNotFound) {
		return nil, Errorf(ENOTFOUND, "No working group has the id %q.", id)
	}
	return g, err
}

// ListGroups returns every working group.
func (e *Engine) ListGroups(ctx context.Context, actor *User) ([]*Group, error) {
	if err := requireSignedIn(actor); err != nil {
		return nil, err
	}
	return e.store.ListGroups(ctx)
}

// AddGroupMember adds the user with that e-mail to the group; ENOTFOUND
// for an unknown group or user. Adding a member twice changes nothing.
func (e *Engine) AddGroupMember(ctx context.Context, actor *User, groupID, email string) (*Group, error) {
	if err := requireCoordinator(actor); err != nil {
		return nil, err
	}
	email, err := NormalizeEmail("email", email)
	if err != nil {
		return nil, err
	}
	if _, err := e.FindGroup(ctx, groupID); err != nil {
		return nil, err
	}
	u, err := e.store.FindUserByEmail(ctx, email)
	if errors.Is(err, ErrNotFound) {
		return nil, Errorf(ENOTFOUND, "No user has the e-mail %s.", email)
	} else if err != nil {
		return nil, err
	}
	if err := e.store.AddGroupMember(ctx, groupID, u.ID); err != nil {
		if errors.Is(err, ErrNotFound) {
			return nil, Errorf(ENOTFOUND, "No working group has the id %q.", groupID)
		}
		return nil, err
	}
	return e.FindGroup(ctx, groupID)
}

// GroupResults counts the answers of a questionnaire restricted to the
// questions relevant to the group: those whose tags, or whose options'
// tags, meet the group's tags. Coordinators, admins and the group's
// members may see them; EFORBIDDEN for anyone else.
func (e *Engine) GroupResults(ctx context.Context, actor *User, groupID, questionnaireID string, rq ResultsQuery) (*Results, error) {
	g, err := e.groupFor(ctx, actor, groupID, forms.Phrasef("results"))
	if err != nil {
		return nil, err
	}
	if questionnaireID == "" {
		return nil, Invalid("Choose a questionnaire.", FieldError{Field: "questionnaire", Message: "Give the questionnaire's id as ?questionnaire=ID."})
	}
	q, err := e.FindQuestionnaire(ctx, questionnaireID)
	if err != nil {
		return nil, err
	}
	return e.results(ctx, q.Definition, rq, RelevantQuestions(q.Definition, g.Tags))
}

// RelevantQuestions returns the questions whose tags, or whose options'
// tags, include one of tags.
func RelevantQuestions(def *forms.Definition, tags []string) []*forms.Question {
	meets := func(ts []string) bool {
		return slices.ContainsFunc(ts, func(t string) bool { return slices.Contains(tags, t) })
	}
	var out []*forms.Question
	for _, q := range def.Questions() {
		if meets(q.Tags) || slices.ContainsFunc(q.Options, func(o forms.Option) bool { return meets(o.Tags) }) {
			out = append(out, q)
		}
	}
	return out
}

func uniqueSorted(s []string) []string {
	out := slices.Clone(s)
	slices.Sort(out)
	return slices.Compact(out)
}

// groupFor finds the group whose what (results, supply) the actor asks
// for: coordinators, admins and the group's members may see it.
// ENOTFOUND for an unknown group, EFORBIDDEN for anyone else.
func (e *Engine) groupFor(ctx context.Context, actor *User, groupID string, what forms.Phrase) (*Group, error) {
	if err := requireSignedIn(actor); err != nil {
		return nil, err
	}
	g, err := e.FindGroup(ctx, groupID)
	if err != nil {
		return nil, err
	}
	if !isCoordinator(actor) && !slices.Contains(g.Members, actor.ID) {
		return nil, Errorf(EFORBIDDEN, "Only members of the working group %q see its %s.", g.ID, what)
	}
	return g, nil
}
