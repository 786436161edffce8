package mongo

import (
	"context"
	"fmt"
	"time"

	"github.com/triada-kpss/triada/engine"
	"go.mongodb.org/mongo-driver/v2/bson"
)

// catalogueDraftDoc is a document of "catalogue_drafts": _id is the IČO,
// record the proposed provider record. version counts the changes:
// UpdateCatalogueDraft replaces the document only if it still has the
// version the caller read.
type catalogueDraftDoc struct {
	ICO        string      `bson:"_id"`
	Record     providerDoc `bson:"record"`
	State      string      `bson:"state"`
	Note       string      `bson:"note"`
	ReviewedBy string      `bson:"reviewed_by"`
	ReviewedAt *time.Time  `bson:"reviewed_at"`
	Version    int         `bson:"version"`
	CreatedAt  time.Time   `bson:"created_at"`
	UpdatedAt  time.Time   `bson:"updated_at"`
}

func newCatalogueDraftDoc(d *engine.CatalogueDraft) *catalogueDraftDoc {
	return &catalogueDraftDoc{ICO: d.ICO, Record: *newProviderDoc(&d.Record), State: d.State, Note: d.Note,
		ReviewedBy: d.ReviewedBy, ReviewedAt: d.ReviewedAt, Version: d.Version, CreatedAt: d.CreatedAt, UpdatedAt: d.UpdatedAt}
}

func (d *catalogueDraftDoc) draft() (*engine.CatalogueDraft, error) {
	rec, err := d.Record.provider()
	if err != nil {
		return nil, err
	}
	var reviewed *time.Time
	if d.ReviewedAt != nil {
		t := d.ReviewedAt.UTC()
		reviewed = &t
	}
	return &engine.CatalogueDraft{ICO: d.ICO, Record: *rec, State: d.State, Note: d.Note, ReviewedBy: d.ReviewedBy,
		ReviewedAt: reviewed, Version: d.Version, CreatedAt: d.CreatedAt, UpdatedAt: d.UpdatedAt}, nil
}

// CreateCatalogueDraft stores d; ErrDuplicate if its IČO has a draft.
func (s *Store) CreateCatalogueDraft(ctx context.Context, d *engine.CatalogueDraft) error {
	return s.insert(ctx, s.catalogueDrafts, newCatalogueDraftDoc(d), "create the draft record of IČO %s", d.ICO)
}

// FindCatalogueDraft returns the draft of the IČO or ErrNotFound.
func (s *Store) FindCatalogueDraft(ctx context.Context, ico string) (*engine.CatalogueDraft, error) {
	return findOne(ctx, s, s.catalogueDrafts, byID(ico), (*catalogueDraftDoc).draft, "find the draft record of IČO %s", ico)
}

// ListCatalogueDrafts returns the drafts in the state (all for ""), the
// latest updated first, then by IČO.
func (s *Store) ListCatalogueDrafts(ctx context.Context, state string) ([]*engine.CatalogueDraft, error) {
	filter := bson.D{}
	if state != "" {
		filter = bson.D{{Key: "state", Value: state}}
	}
	sort := bson.D{{Key: "updated_at", Value: -1}, {Key: "_id", Value: 1}}
	return list(ctx, s, s.catalogueDrafts, filter, sort, (*catalogueDraftDoc).draft, "list draft records")
}

// UpdateCatalogueDraft replaces the draft of d.ICO if its version is
// expectedVersion; ErrNotFound or ErrConflict otherwise.
func (s *Store) UpdateCatalogueDraft(ctx context.Context, d *engine.CatalogueDraft, expectedVersion int) error {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	what := fmt.Sprintf("update the draft record of IČO %s", d.ICO)
	filter := bson.D{{Key: "_id", Value: d.ICO}, {Key: "version", Value: expectedVersion}}
	res, err := s.catalogueDrafts.ReplaceOne(ctx, filter, newCatalogueDraftDoc(d))
	if err != nil {
		return fail(err, "%s", what)
	}
	if res.MatchedCount == 0 {
		return s.notFoundOrConflict(ctx, s.catalogueDrafts, d.ICO, what)
	}
	return nil
}
