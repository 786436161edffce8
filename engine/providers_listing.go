package engine

import (
	"context"
	"errors"
)

// ListAllProviders returns every provider record of the catalogue,
// published and withdrawn, for coordinators who keep it up to date.
func (e *Engine) ListAllProviders(ctx context.Context, actor *User) ([]*Provider, error) {
	if err := requireCoordinator(actor); err != nil {
		return nil, err
	}
	return e.store.ListProviders(ctx, ProviderFilter{})
}

// WithdrawProvider takes a published provider out of the public
// catalogue, its open data and the working groups' supply; the record is
// kept. ENOTFOUND for an unknown id, ECONFLICT when it is withdrawn
// already.
func (e *Engine) WithdrawProvider(ctx context.Context, actor *User, id string) (*Provider, error) {
	return e.setProviderStatus(ctx, actor, id, ProviderPublished, ProviderWithdrawn)
}

// RestoreProvider lists a withdrawn provider again. ENOTFOUND for an
// unknown id, ECONFLICT when it is listed already.
func (e *Engine) RestoreProvider(ctx context.Context, actor *User, id string) (*Provider, error) {
	return e.setProviderStatus(ctx, actor, id, ProviderWithdrawn, ProviderPublished)
}

func (e *Engine) setProviderStatus(ctx context.Context, actor *User, id, from, to string) (*Provider, error) {
	if err := requireCoordinator(actor); err != nil {
		return nil, err
	}
	p, err := e.store.FindProvider(ctx, id)
	if errors.Is(err, ErrNotFound) {
		return nil, Errorf(ENOTFOUND, "No provider has the id %q.", id)
	}
	if err != nil {
		return nil, err
	}
	if p.Status != from {
		if to == ProviderWithdrawn { // one message per state, so that each can be translated as a whole
			return nil, Errorf(ECONFLICT, "The provider %s is withdrawn already.", p.Name)
		} else if to == ProviderPublished {
			return nil, Errorf(ECONFLICT, "The provider %s is published already.", p.Name)
		}
		return nil, Errorf(ECONFLICT, "The provider %s is %s already.", p.Name, to) // not reached: to is one of the two above
	}
	p.Status, p.UpdatedAt = to, e.Now()
	if err := e.store.ReplaceProvider(ctx, p); err != nil {
		if errors.Is(err, ErrNotFound) {
			return nil, Errorf(ENOTFOUND, "No provider has the id %q.", id)
		}
		return nil, err
	}
	return p, nil
}
