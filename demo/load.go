package demo

import (
	"context"
	"fmt"
	"sync"

	"github.com/triada-kpss/triada/engine"
	"github.com/triada-kpss/triada/forms/builtin"
)

// loadProviders lists every provider in the catalogue and has it answer
// the capacity questionnaire once per service, each through its own
// invitation. An invitation of the same e-mail and name that was answered
// before counts as done.
func loadProviders(ctx context.Context, eng *engine.Engine, coord *engine.User, opts Options, rep *Report) error {
	invites, err := eng.ListInvites(ctx, coord, builtin.CapacityQuestionnaireID)
	if err != nil {
		return fmt.Errorf("demo: list the invitations: %w", err)
	}
	answered := map[string]bool{}
	for _, inv := range invites {
		if inv.ResponseID != "" {
			answered[inv.Email+"\n"+inv.Name] = true
		}
	}
	for pi := range providers {
		p := &providers[pi]
		_, err := eng.CreateProvider(ctx, coord, catalogueEntry(p))
		if err != nil && engine.ErrorCode(err) != engine.ECONFLICT {
			return fmt.Errorf("demo: list %s in the catalogue: %w", p.name, err)
		}
		rep.Providers.add(err == nil)
		for si, s := range p.services {
			name := p.name + " – " + s.name
			if answered[p.email+"\n"+name] {
				rep.ProviderResponses.add(false)
				continue
			}
			if err := answerInvite(ctx, eng, coord, p.email, name, capacityAnswers(opts.Seed, pi, si)); err != nil {
				return fmt.Errorf("demo: the capacity questionnaire of %s: %w", name, err)
			}
			rep.ProviderResponses.add(true)
		}
	}
	return nil
}

// answerInvite invites email to the capacity questionnaire and answers
// through the link, as the provider would.
func answerInvite(ctx context.Context, eng *engine.Engine, coord *engine.User, email, name string, answers map[string]any) error {
	token, _, err := eng.CreateInvite(ctx, coord, builtin.CapacityQuestionnaireID, email, name)
	if err != nil {
		return err
	}
	raw, err := rawAnswers(answers)
	if err != nil {
		return err
	}
	_, _, err = eng.SubmitInviteResponse(ctx, token, raw)
	return err
}

// loadWorkers submit residents' responses at once, so that the store's
// group commit shares its disk syncs among them.
const loadWorkers = 16

// loadResidents submits the residents' responses to the needs survey.
// Resident i's submission key is "demo-resident-i", so that a response
// stored before is found instead of stored again.
func loadResidents(ctx context.Context, eng *engine.Engine, _ *engine.User, opts Options, rep *Report) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	next := make(chan int)
	var mu sync.Mutex
	var first error
	var wg sync.WaitGroup
	for range loadWorkers {
		wg.Go(func() {
			for i := range next {
				created, err := submitResident(ctx, eng, opts.Seed, i)
				mu.Lock()
				if err != nil && first == nil {
					first = err
					cancel()
				}
				if err == nil {
					rep.Residents.add(created)
				}
				mu.Unlock()
			}
		})
	}
feed:
	for i := range opts.Residents {
		select {
		case next <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	if first == nil {
		first = ctx.Err()
	}
	return first
}

// submitResident submits resident i's response; created is false when
// its submission key found a response stored before.
func submitResident(ctx context.Context, eng *engine.Engine, seed uint64, i int) (created bool, err error) {
	key := fmt.Sprintf("demo-resident-%d", i)
	if _, err := eng.Store().FindResponseBySubmissionKey(ctx, builtin.NeedsSurveyID, key); err == nil {
		return false, nil
	}
	raw, err := newResident(seed, i).raw()
	if err != nil {
		return false, err
	}
	if _, err := eng.SubmitResponse(ctx, builtin.NeedsSurveyID, raw, key); err != nil {
		return false, fmt.Errorf("demo: resident %d: %w", i, describe(err))
	}
	return true, nil
}

// describe adds the field errors of an EINVALID error to its message.
func describe(err error) error {
	e, ok := err.(*engine.Error)
	if !ok || len(e.Fields) == 0 {
		return err
	}
	return fmt.Errorf("%w %v", err, e.Fields)
}
