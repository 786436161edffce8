package mongo

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/triada-kpss/triada/engine"
	"github.com/triada-kpss/triada/forms"
	"go.mongodb.org/mongo-driver/v2/bson"
)

// questionnaireDoc is a document of "questionnaires". The definition is a
// sub-document with the field names of its JSON form (forms.Definition's
// json tags), so that it reads as the definition does.
type questionnaireDoc struct {
	ID         string    `bson:"_id"`
	Definition bson.Raw  `bson:"definition,omitempty"`
	CreatedAt  time.Time `bson:"created_at"`
	CreatedBy  string    `bson:"created_by"`
	Version    int       `bson:"version"` // missing before versions were kept: 0
	Source     string    `bson:"source,omitempty"`
}

// definitionToBSON converts a definition through its JSON form into a
// BSON document: numbers become int32/int64 or doubles, times RFC 3339
// strings, as JSON has them.
func definitionToBSON(def *forms.Definition) (bson.Raw, error) {
	data, err := json.Marshal(def)
	if err != nil {
		return nil, fmt.Errorf("encode the definition: %w", err)
	}
	var doc bson.Raw
	if err := bson.UnmarshalExtJSON(data, false, &doc); err != nil {
		return nil, fmt.Errorf("convert the definition to BSON: %w", err)
	}
	return doc, nil
}

// definitionFromBSON is the inverse of definitionToBSON.
func definitionFromBSON(doc bson.Raw) (*forms.Definition, error) {
	if doc == nil {
		return nil, nil
	}
	data, err := bson.MarshalExtJSON(doc, false, false)
	if err != nil {
		return nil, fmt.Errorf("convert the definition to JSON: %w", err)
	}
	var def forms.Definition
	if err := json.Unmarshal(data, &def); err != nil {
		return nil, fmt.Errorf("decode the definition: %w", err)
	}
	return &def, nil
}

func (d *questionnaireDoc) questionnaire() (*engine.Questionnaire, error) {
	def, err := definitionFromBSON(d.Definition)
	if err != nil {
		return nil, err
	}
	return &engine.Questionnaire{ID: d.ID, Definition: def, CreatedAt: d.CreatedAt, CreatedBy: d.CreatedBy,
		Version: d.Version, Source: d.Source}, nil
}

// CreateQuestionnaire stores q; ErrDuplicate if its id exists.
func (s *Store) CreateQuestionnaire(ctx context.Context, q *engine.Questionnaire) error {
	var def bson.Raw
	if q.Definition != nil {
		var err error
		if def, err = definitionToBSON(q.Definition); err != nil {
			return fmt.Errorf("mongo: create questionnaire %q: %w", q.ID, err)
		}
	}
	doc := questionnaireDoc{ID: q.ID, Definition: def, CreatedAt: q.CreatedAt, CreatedBy: q.CreatedBy, Version: q.Version, Source: q.Source}
	return s.insert(ctx, s.questionnaires, doc, "create questionnaire %q", q.ID)
}

// FindQuestionnaire returns the questionnaire or ErrNotFound.
func (s *Store) FindQuestionnaire(ctx context.Context, id string) (*engine.Questionnaire, error) {
	return findOne(ctx, s, s.questionnaires, byID(id), (*questionnaireDoc).questionnaire, "find questionnaire %q", id)
}

// ListQuestionnaires returns all questionnaires ordered by id.
func (s *Store) ListQuestionnaires(ctx context.Context) ([]*engine.Questionnaire, error) {
	return list(ctx, s, s.questionnaires, bson.D{}, asc("_id"), (*questionnaireDoc).questionnaire, "list questionnaires")
}
