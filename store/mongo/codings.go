package mongo

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/triada-kpss/triada/engine"
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// codingDoc is a document of "codings": the codes of one answer, apart
// from its response. Its _id joins questionnaire, response and question
// ids, so that an answer has at most one coding.
type codingDoc struct {
	ID              string    `bson:"_id"`
	QuestionnaireID string    `bson:"questionnaire_id"`
	ResponseID      string    `bson:"response_id"`
	QuestionID      string    `bson:"question_id"`
	Codes           []string  `bson:"codes"`
	Version         int       `bson:"version"`
	UpdatedAt       time.Time `bson:"updated_at"`
	UpdatedBy       string    `bson:"updated_by"`
}

func codingID(questionnaire, response, question string) string {
	return questionnaire + "/" + response + "/" + question
}

func (d *codingDoc) coding() *engine.Coding {
	return &engine.Coding{
		QuestionnaireID: d.QuestionnaireID, ResponseID: d.ResponseID, QuestionID: d.QuestionID,
		Codes: sortedCodes(d.Codes), Version: d.Version, UpdatedAt: d.UpdatedAt, UpdatedBy: d.UpdatedBy,
	}
}

// codingBatch bounds the ids of one $in query.
const codingBatch = 500

// FindCodings returns the codings of the answers of the given responses
// of questionnaire, on the index (questionnaire_id, response_id).
func (s *Store) FindCodings(ctx context.Context, questionnaire string, responseIDs []string) ([]*engine.Coding, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	what := fmt.Sprintf("find the codings of %d responses of %q", len(responseIDs), questionnaire)
	out := []*engine.Coding{}
	for len(responseIDs) > 0 {
		ids := responseIDs[:min(codingBatch, len(responseIDs))]
		responseIDs = responseIDs[len(ids):]
		filter := bson.D{{Key: "questionnaire_id", Value: questionnaire}, {Key: "response_id", Value: bson.D{{Key: "$in", Value: ids}}}}
		var docs []codingDoc
		cur, err := s.codings.Find(ctx, filter)
		if err == nil {
			err = cur.All(ctx, &docs)
		}
		if err != nil {
			return nil, fail(err, "%s", what)
		}
		for i := range docs {
			out = append(out, docs[i].coding())
		}
	}
	return out, nil
}

// SaveCoding inserts the coding (expectedVersion 0) or replaces it with
// one update whose filter holds the expected version; ErrConflict when
// another coding exists, or the stored version differs, or none is stored.
func (s *Store) SaveCoding(ctx context.Context, c *engine.Coding, expectedVersion int) error {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	what := fmt.Sprintf("code the answer of response %q to %s", c.ResponseID, c.QuestionID)
	d := codingDoc{
		ID: codingID(c.QuestionnaireID, c.ResponseID, c.QuestionID), QuestionnaireID: c.QuestionnaireID,
		ResponseID: c.ResponseID, QuestionID: c.QuestionID, Codes: orEmpty(c.Codes), Version: c.Version,
		UpdatedAt: c.UpdatedAt, UpdatedBy: c.UpdatedBy,
	}
	if expectedVersion == 0 {
		_, err := s.codings.InsertOne(ctx, d)
		if mongo.IsDuplicateKeyError(err) {
			return fmt.Errorf("mongo: %s: coded meanwhile: %w", what, engine.ErrConflict)
		}
		return fail(err, "%s", what)
	}
	filter := bson.D{{Key: "_id", Value: d.ID}, {Key: "version", Value: expectedVersion}}
	update := bson.D{{Key: "$set", Value: bson.D{
		{Key: "codes", Value: d.Codes}, {Key: "version", Value: d.Version},
		{Key: "updated_at", Value: d.UpdatedAt}, {Key: "updated_by", Value: d.UpdatedBy},
	}}}
	res, err := s.codings.UpdateOne(ctx, filter, update)
	if err != nil {
		return fail(err, "%s", what)
	}
	if res.MatchedCount == 0 {
		return fmt.Errorf("mongo: %s: version %d is not stored: %w", what, expectedVersion, engine.ErrConflict)
	}
	return nil
}

// WalkCodings reads the codings of q.Questionnaire in batches and, for
// each batch, the codes of their responses that hold every filter code
// (one $in query on _id with the filters).
func (s *Store) WalkCodings(ctx context.Context, q engine.CountQuery, fn func(c *engine.Coding, segment string) error) error {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	what := fmt.Sprintf("walk the codings of %q", q.Questionnaire)
	opts := options.Find().SetSort(bson.D{{Key: "response_id", Value: 1}, {Key: "question_id", Value: 1}}).SetBatchSize(codingBatch)
	cur, err := s.codings.Find(ctx, bson.D{{Key: "questionnaire_id", Value: q.Questionnaire}}, opts)
	if err != nil {
		return fail(err, "%s", what)
	}
	defer cur.Close(ctx)
	batch := make([]*engine.Coding, 0, codingBatch)
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		codes, err := s.responseCodes(ctx, q, batch)
		if err != nil {
			return fail(err, "%s", what)
		}
		for _, c := range batch {
			rc, ok := codes[c.ResponseID]
			if !ok {
				continue
			}
			if err := fn(c, segmentValue(rc, q.Segment)); err != nil {
				return err
			}
		}
		batch = batch[:0]
		return nil
	}
	for cur.Next(ctx) {
		var d codingDoc
		if err := cur.Decode(&d); err != nil {
			return fail(err, "%s", what)
		}
		batch = append(batch, d.coding())
		if len(batch) == codingBatch {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if err := cur.Err(); err != nil {
		return fail(err, "%s", what)
	}
	return flush()
}

// responseCodes returns the codes of the responses of the codings that
// hold every filter code of q, by response id.
func (s *Store) responseCodes(ctx context.Context, q engine.CountQuery, codings []*engine.Coding) (map[string][]string, error) {
	ids := make([]string, 0, len(codings))
	for _, c := range codings {
		if len(ids) == 0 || ids[len(ids)-1] != c.ResponseID {
			ids = append(ids, c.ResponseID)
		}
	}
	filter := append(queryFilter(q, q.Filters), bson.E{Key: "_id", Value: bson.D{{Key: "$in", Value: ids}}})
	cur, err := s.responses.Find(ctx, filter, options.Find().SetProjection(bson.D{{Key: "codes", Value: 1}}))
	if err != nil {
		return nil, err
	}
	var docs []struct {
		ID    string   `bson:"_id"`
		Codes []string `bson:"codes"`
	}
	if err := cur.All(ctx, &docs); err != nil {
		return nil, err
	}
	out := make(map[string][]string, len(docs))
	for _, d := range docs {
		out[d.ID] = d.Codes
	}
	return out, nil
}

// segmentValue returns the value of the code segment+"=value", or "".
func segmentValue(codes []string, segment string) string {
	if segment == "" {
		return ""
	}
	for _, code := range codes {
		if v, ok := strings.CutPrefix(code, segment+"="); ok {
			return v
		}
	}
	return ""
}
