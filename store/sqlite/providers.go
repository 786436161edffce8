package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"strings"

	"github.com/triada-kpss/triada/engine"
)

// CreateProvider stores p; ErrDuplicate if its IČO is listed (or its id
// exists).
func (s *Store) CreateProvider(ctx context.Context, p *engine.Provider) error {
	contact, err := marshal(contactJSON(p.Contact))
	if err != nil {
		return err
	}
	services, err := marshal(servicesJSON(p.Services))
	if err != nil {
		return err
	}
	_, err = s.write.ExecContext(ctx, `INSERT INTO providers (id, ico, name, municipality, address, description,
	contact, services, status, search_text, municipality_key, created_at, updated_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		p.ID, p.ICO, p.Name, p.Municipality, p.Address, p.Description, contact, services,
		p.Status, p.SearchText, p.MunicipalityKey, toMillis(p.CreatedAt), toMillis(p.UpdatedAt))
	return fail(err, "create provider %q (IČO %s)", p.Name, p.ICO)
}

const providerColumns = `id, ico, name, municipality, address, description, contact, services,
	status, search_text, municipality_key, created_at, updated_at`

func scanProvider(row scanner) (*engine.Provider, error) {
	var p engine.Provider
	var contact, services string
	var created, updated int64
	if err := row.Scan(&p.ID, &p.ICO, &p.Name, &p.Municipality, &p.Address, &p.Description, &contact, &services,
		&p.Status, &p.SearchText, &p.MunicipalityKey, &created, &updated); err != nil {
		return nil, err
	}
	var c contactJSON
	if err := unmarshal("provider contact", contact, &c); err != nil {
		return nil, err
	}
	var svc []serviceJSON
	if err := unmarshal("provider services", services, &svc); err != nil {
		return nil, err
	}
	p.Contact, p.Services = engine.Contact(c), servicesFromJSON(svc)
	p.CreatedAt, p.UpdatedAt = fromMillis(created), fromMillis(updated)
	return &p, nil
}

// FindProviderByICO returns the provider with that IČO or ErrNotFound.
func (s *Store) FindProviderByICO(ctx context.Context, ico string) (*engine.Provider, error) {
	p, err := scanProvider(s.read.QueryRowContext(ctx, `SELECT `+providerColumns+` FROM providers WHERE ico = ?`, ico))
	return p, fail(err, "find provider with IČO %s", ico)
}

// ReplaceProvider replaces the provider with p.ID by p; ErrNotFound for
// an unknown id, ErrDuplicate if p's IČO is another provider's.
func (s *Store) ReplaceProvider(ctx context.Context, p *engine.Provider) error {
	contact, err := marshal(contactJSON(p.Contact))
	if err != nil {
		return err
	}
	services, err := marshal(servicesJSON(p.Services))
	if err != nil {
		return err
	}
	res, err := s.write.ExecContext(ctx, `UPDATE providers SET ico = ?, name = ?, municipality = ?, address = ?,
	description = ?, contact = ?, services = ?, status = ?, search_text = ?, municipality_key = ?, created_at = ?, updated_at = ?
WHERE id = ?`,
		p.ICO, p.Name, p.Municipality, p.Address, p.Description, contact, services,
		p.Status, p.SearchText, p.MunicipalityKey, toMillis(p.CreatedAt), toMillis(p.UpdatedAt), p.ID)
	if err != nil {
		return fail(err, "replace provider %q", p.ID)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return fail(cmp.Or(err, sql.ErrNoRows), "replace provider %q", p.ID)
	}
	return nil
}

// FindProvider returns the provider or ErrNotFound.
func (s *Store) FindProvider(ctx context.Context, id string) (*engine.Provider, error) {
	p, err := scanProvider(s.read.QueryRowContext(ctx, `SELECT `+providerColumns+` FROM providers WHERE id = ?`, id))
	return p, fail(err, "find provider %q", id)
}

// ListProviders returns the providers matching every set field of f,
// ordered by SearchText (which starts with the folded name) then id. The
// target group and the service type may be matched by different services
// of a provider, as a MongoDB query on "services.target_groups" and
// "services.type" matches. Query is a plain substring of SearchText: no
// LIKE wildcards.
func (s *Store) ListProviders(ctx context.Context, f engine.ProviderFilter) ([]*engine.Provider, error) {
	var where []string
	var args []any
	if f.Status != "" {
		where, args = append(where, `status = ?`), append(args, f.Status)
	}
	if f.Municipality != "" {
		where, args = append(where, `municipality_key = ?`), append(args, f.Municipality)
	}
	if f.Query != "" {
		where, args = append(where, `instr(search_text, ?) > 0`), append(args, f.Query)
	}
	if f.ServiceType != "" {
		where = append(where, `EXISTS (SELECT 1 FROM json_each(services) AS s WHERE s.value ->> 'type' = ?)`)
		args = append(args, f.ServiceType)
	}
	if f.Form != "" {
		where = append(where, `EXISTS (SELECT 1 FROM json_each(services) AS s WHERE s.value ->> 'form' = ?)`)
		args = append(args, f.Form)
	}
	if f.TargetGroup != "" {
		where = append(where, `EXISTS (SELECT 1 FROM json_each(services) AS s, json_each(s.value, '$.target_groups') AS g
	WHERE g.value = ?)`)
		args = append(args, f.TargetGroup)
	}
	query := `SELECT ` + providerColumns + ` FROM providers`
	if len(where) > 0 {
		query += ` WHERE ` + strings.Join(where, ` AND `)
	}
	query += ` ORDER BY search_text, id`
	return list(ctx, s, scanProvider, "list providers", query, args...)
}
