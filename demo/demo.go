package demo

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"sort"

	"github.com/triada-kpss/triada/engine"
	"github.com/triada-kpss/triada/forms/builtin"
)

// DefaultResidents is how many residents answer the needs survey.
const DefaultResidents = 1200

// CoordinatorEmail is the demo coordinator's e-mail.
const CoordinatorEmail = "koordinatorka@podhuri.example"

// Options adjust Load.
type Options struct {
	// Seed chooses the generated data: the same seed gives the same
	// answers and figures.
	Seed uint64
	// Residents is the number of residents' responses; DefaultResidents
	// when zero.
	Residents int
}

// Tally counts what Load created and what it found already there.
type Tally struct {
	Created, Existing int
}

func (t *Tally) add(created bool) {
	if created {
		t.Created++
	} else {
		t.Existing++
	}
}

// Report is what Load did.
type Report struct {
	Coordinator string // the demo coordinator's e-mail
	// Password is the coordinator's new password; "" when the coordinator
	// existed (its password is the one printed when it was created).
	Password          string
	Questionnaires    Tally
	Groups            Tally
	Providers         Tally // in the catalogue
	ProviderResponses Tally // capacity questionnaires answered through invitations
	Residents         Tally // needs-survey responses
	Consultation      string
	Comments          Tally
}

// Load fills the store behind eng with the demo: the built-in
// questionnaires, the residents' responses, the providers (answering
// through invitations, and in the catalogue), the working groups, the
// demo coordinator and a consultation on the draft plan with comments.
// What exists already is left as it is, so running Load again adds
// nothing: records are recognised by their ids, IČOs, submission keys,
// invitation names and comment texts.
func Load(ctx context.Context, eng *engine.Engine, opts Options) (*Report, error) {
	if opts.Residents <= 0 {
		opts.Residents = DefaultResidents
	}
	rep := &Report{Coordinator: CoordinatorEmail, Consultation: ConsultationID}
	coord, err := coordinator(ctx, eng, rep)
	if err != nil {
		return rep, err
	}
	steps := []func(context.Context, *engine.Engine, *engine.User, Options, *Report) error{
		loadQuestionnaires, loadGroups, loadProviders, loadResidents, loadConsultation,
	}
	for _, step := range steps {
		if err := step(ctx, eng, coord, opts, rep); err != nil {
			return rep, err
		}
	}
	return rep, nil
}

// coordinator returns the demo coordinator, creating it with a random
// password the first time.
func coordinator(ctx context.Context, eng *engine.Engine, rep *Report) (*engine.User, error) {
	u, err := eng.Store().FindUserByEmail(ctx, CoordinatorEmail)
	if err == nil {
		return u, nil
	}
	if !errors.Is(err, engine.ErrNotFound) {
		return nil, err
	}
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	password := base64.RawURLEncoding.EncodeToString(b)
	u, err = eng.AddUser(ctx, CoordinatorEmail, engine.RoleCoordinator, "Koordinátorka plánování (demo)", password)
	if err != nil {
		return nil, fmt.Errorf("demo: create the coordinator: %w", err)
	}
	rep.Password = password
	return u, nil
}

// loadQuestionnaires stores the built-in questionnaires that are missing.
func loadQuestionnaires(ctx context.Context, eng *engine.Engine, coord *engine.User, _ Options, rep *Report) error {
	files := builtin.Files()
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		_, _, err := eng.CreateQuestionnaire(ctx, coord, files[name], "yaml")
		if err != nil && engine.ErrorCode(err) != engine.ECONFLICT {
			return fmt.Errorf("demo: load the built-in questionnaire %s: %w", name, err)
		}
		rep.Questionnaires.add(err == nil)
	}
	return nil
}

// loadGroups creates the working groups that are missing and makes the
// coordinator a member of the steering group.
func loadGroups(ctx context.Context, eng *engine.Engine, coord *engine.User, _ Options, rep *Report) error {
	for _, in := range groups {
		_, err := eng.CreateGroup(ctx, coord, in)
		if err != nil && engine.ErrorCode(err) != engine.ECONFLICT {
			return fmt.Errorf("demo: create the working group %s: %w", in.ID, err)
		}
		rep.Groups.add(err == nil)
	}
	if _, err := eng.AddGroupMember(ctx, coord, "steering", coord.Email); err != nil {
		return fmt.Errorf("demo: add the coordinator to the steering group: %w", err)
	}
	return nil
}
