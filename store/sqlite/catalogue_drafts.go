package sqlite

import (
	"context"
	"database/sql"

	"github.com/triada-kpss/triada/engine"
)

// recordJSON is a draft's proposed provider record, kept as one JSON
// column: a draft is read and written whole, never queried inside.
type recordJSON struct {
	ID              string        `json:"id,omitempty"`
	Name            string        `json:"name"`
	ICO             string        `json:"ico"`
	Municipality    string        `json:"municipality"`
	Address         string        `json:"address"`
	Description     string        `json:"description"`
	Contact         contactJSON   `json:"contact"`
	Services        []serviceJSON `json:"services"`
	Status          string        `json:"status"`
	SearchText      string        `json:"search_text"`
	MunicipalityKey string        `json:"municipality_key"`
	CreatedAt       int64         `json:"created_at"`
	UpdatedAt       int64         `json:"updated_at"`
}

func newRecordJSON(p *engine.Provider) recordJSON {
	return recordJSON{ID: p.ID, Name: p.Name, ICO: p.ICO, Municipality: p.Municipality, Address: p.Address,
		Description: p.Description, Contact: contactJSON(p.Contact), Services: servicesJSON(p.Services), Status: p.Status,
		SearchText: p.SearchText, MunicipalityKey: p.MunicipalityKey, CreatedAt: toMillis(p.CreatedAt), UpdatedAt: toMillis(p.UpdatedAt)}
}

func (r recordJSON) provider() engine.Provider {
	return engine.Provider{ID: r.ID, Name: r.Name, ICO: r.ICO, Municipality: r.Municipality, Address: r.Address,
		Description: r.Description, Contact: engine.Contact(r.Contact), Services: servicesFromJSON(r.Services), Status: r.Status,
		SearchText: r.SearchText, MunicipalityKey: r.MunicipalityKey, CreatedAt: fromMillis(r.CreatedAt), UpdatedAt: fromMillis(r.UpdatedAt)}
}

const draftColumns = `ico, record, state, note, reviewed_by, reviewed_at, version, created_at, updated_at`

func scanCatalogueDraft(row scanner) (*engine.CatalogueDraft, error) {
	var d engine.CatalogueDraft
	var record string
	var reviewed sql.NullInt64
	var created, updated int64
	if err := row.Scan(&d.ICO, &record, &d.State, &d.Note, &d.ReviewedBy, &reviewed, &d.Version, &created, &updated); err != nil {
		return nil, err
	}
	var r recordJSON
	if err := unmarshal("draft record", record, &r); err != nil {
		return nil, err
	}
	d.Record = r.provider()
	if reviewed.Valid {
		t := fromMillis(reviewed.Int64)
		d.ReviewedAt = &t
	}
	d.CreatedAt, d.UpdatedAt = fromMillis(created), fromMillis(updated)
	return &d, nil
}

// draftArgs are the values of a draft's columns after its IČO.
func draftArgs(d *engine.CatalogueDraft) ([]any, error) {
	record, err := marshal(newRecordJSON(&d.Record))
	if err != nil {
		return nil, err
	}
	var reviewed any
	if d.ReviewedAt != nil {
		reviewed = toMillis(*d.ReviewedAt)
	}
	return []any{record, d.State, d.Note, d.ReviewedBy, reviewed, d.Version, toMillis(d.CreatedAt), toMillis(d.UpdatedAt)}, nil
}

// CreateCatalogueDraft stores d; ErrDuplicate if its IČO has a draft.
func (s *Store) CreateCatalogueDraft(ctx context.Context, d *engine.CatalogueDraft) error {
	args, err := draftArgs(d)
	if err != nil {
		return err
	}
	_, err = s.write.ExecContext(ctx, `INSERT INTO catalogue_drafts (`+draftColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		append([]any{d.ICO}, args...)...)
	return fail(err, "create the draft record of IČO %s", d.ICO)
}

// FindCatalogueDraft returns the draft of the IČO or ErrNotFound.
func (s *Store) FindCatalogueDraft(ctx context.Context, ico string) (*engine.CatalogueDraft, error) {
	d, err := scanCatalogueDraft(s.read.QueryRowContext(ctx, `SELECT `+draftColumns+` FROM catalogue_drafts WHERE ico = ?`, ico))
	return d, fail(err, "find the draft record of IČO %s", ico)
}

// ListCatalogueDrafts returns the drafts in the state (all for ""), the
// latest updated first, then by IČO.
func (s *Store) ListCatalogueDrafts(ctx context.Context, state string) ([]*engine.CatalogueDraft, error) {
	query := `SELECT ` + draftColumns + ` FROM catalogue_drafts`
	var args []any
	if state != "" {
		query, args = query+` WHERE state = ?`, []any{state}
	}
	return list(ctx, s, scanCatalogueDraft, "list draft records", query+` ORDER BY updated_at DESC, ico`, args...)
}

// UpdateCatalogueDraft replaces the draft of d.ICO if its version is
// expectedVersion; ErrNotFound or ErrConflict otherwise.
func (s *Store) UpdateCatalogueDraft(ctx context.Context, d *engine.CatalogueDraft, expectedVersion int) error {
	args, err := draftArgs(d)
	if err != nil {
		return err
	}
	return s.conditional(ctx, "update the draft record of IČO "+d.ICO,
		`SELECT 1 FROM catalogue_drafts WHERE ico = ?`, d.ICO,
		`UPDATE catalogue_drafts SET record = ?, state = ?, note = ?, reviewed_by = ?, reviewed_at = ?, version = ?,
	created_at = ?, updated_at = ? WHERE ico = ? AND version = ?`,
		append(args, d.ICO, expectedVersion)...)
}
