package mongo

import (
	"context"
	"fmt"
	"time"

	"github.com/triada-kpss/triada/engine"
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// colAudit is the audit log of the coordinators' workspace.
const colAudit = "audit_log"

func (s *Store) audit() *mongo.Collection { return s.db.Collection(colAudit) }

// auditDoc is a document of "audit_log"; _id sorts by time (engine.NewResponseID).
type auditDoc struct {
	ID      string    `bson:"_id"`
	At      time.Time `bson:"at"`
	UserID  string    `bson:"user_id"`
	Email   string    `bson:"email"`
	Action  string    `bson:"action"`
	Targets []string  `bson:"targets"`
	Status  int       `bson:"status"`
}

func (d *auditDoc) entry() (*engine.AuditEntry, error) {
	e := &engine.AuditEntry{ID: d.ID, At: d.At.UTC(), UserID: d.UserID, Email: d.Email, Action: d.Action,
		Targets: d.Targets, Status: d.Status}
	if len(e.Targets) == 0 {
		e.Targets = nil
	}
	return e, nil
}

// CreateAuditEntry stores e; ErrDuplicate if its id exists.
func (s *Store) CreateAuditEntry(ctx context.Context, e *engine.AuditEntry) error {
	doc := auditDoc{ID: e.ID, At: e.At, UserID: e.UserID, Email: e.Email, Action: e.Action,
		Targets: orEmpty(e.Targets), Status: e.Status}
	return s.insert(ctx, s.audit(), doc, "record audit entry %q", e.ID)
}

// ListAuditEntries returns the entries matching f, the latest first.
func (s *Store) ListAuditEntries(ctx context.Context, f engine.AuditFilter) ([]*engine.AuditEntry, error) {
	filter := bson.D{}
	if f.Email != "" {
		filter = append(filter, bson.E{Key: "email", Value: f.Email})
	}
	if f.Action != "" {
		filter = append(filter, bson.E{Key: "action", Value: f.Action})
	}
	at := bson.D{}
	if !f.From.IsZero() {
		at = append(at, bson.E{Key: "$gte", Value: f.From})
	}
	if !f.To.IsZero() {
		at = append(at, bson.E{Key: "$lt", Value: f.To})
	}
	if len(at) > 0 {
		filter = append(filter, bson.E{Key: "at", Value: at})
	}
	ctx, cancel := s.bound(ctx)
	defer cancel()
	o := options.Find().SetSort(bson.D{{Key: "at", Value: -1}, {Key: "_id", Value: -1}})
	if f.Offset > 0 {
		o.SetSkip(int64(f.Offset))
	}
	if f.Limit > 0 {
		o.SetLimit(int64(f.Limit))
	}
	cur, err := s.audit().Find(ctx, filter, o)
	if err != nil {
		return nil, fail(err, "list the audit log")
	}
	defer cur.Close(ctx)
	out := []*engine.AuditEntry{}
	for cur.Next(ctx) {
		var d auditDoc
		if err := cur.Decode(&d); err != nil {
			return nil, fail(err, "list the audit log")
		}
		e, _ := d.entry()
		out = append(out, e)
	}
	return out, fail(cur.Err(), "list the audit log")
}

// UpdateQuestionnaire replaces the questionnaire if its version is
// expectedVersion; ErrNotFound or ErrConflict otherwise. A document
// stored before versions were kept has no version field and counts as 0.
func (s *Store) UpdateQuestionnaire(ctx context.Context, q *engine.Questionnaire, expectedVersion int) error {
	what := fmt.Sprintf("update questionnaire %q", q.ID)
	def, err := definitionToBSON(q.Definition)
	if err != nil {
		return fmt.Errorf("mongo: %s: %w", what, err)
	}
	ctx, cancel := s.bound(ctx)
	defer cancel()
	version := any(expectedVersion)
	if expectedVersion == 0 {
		version = bson.D{{Key: "$in", Value: bson.A{0, nil}}}
	}
	filter := bson.D{{Key: "_id", Value: q.ID}, {Key: "version", Value: version}}
	update := bson.D{{Key: "$set", Value: bson.D{
		{Key: "definition", Value: def}, {Key: "source", Value: q.Source}, {Key: "version", Value: q.Version}}}}
	res, err := s.questionnaires.UpdateOne(ctx, filter, update)
	if err != nil {
		return fail(err, "%s", what)
	}
	if res.MatchedCount == 0 {
		return s.notFoundOrConflict(ctx, s.questionnaires, q.ID, what)
	}
	return nil
}

// QuestionnaireVersion returns the stored version or ErrNotFound.
func (s *Store) QuestionnaireVersion(ctx context.Context, id string) (int, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	var d struct {
		Version int `bson:"version"`
	}
	err := s.questionnaires.FindOne(ctx, byID(id), options.FindOne().SetProjection(bson.D{{Key: "version", Value: 1}})).Decode(&d)
	return d.Version, fail(err, "find the version of questionnaire %q", id)
}

// CountResponsesByDay counts the questionnaire's responses per UTC day,
// one count of the (questionnaire_id, created_at) index per day: the
// aggregation expressions that would group by day in one pipeline are
// not served by every server the store meets (see mongo-compat), and a
// dashboard asks for a month at most.
func (s *Store) CountResponsesByDay(ctx context.Context, questionnaireID string, from, to time.Time) ([]engine.DayCount, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	out := []engine.DayCount{}
	day := from.UTC().Truncate(24 * time.Hour)
	for ; day.Before(to); day = day.Add(24 * time.Hour) {
		lo, hi := day, day.Add(24*time.Hour)
		if lo.Before(from) {
			lo = from
		}
		if hi.After(to) {
			hi = to
		}
		filter := bson.D{{Key: "questionnaire_id", Value: questionnaireID},
			{Key: "created_at", Value: bson.D{{Key: "$gte", Value: lo}, {Key: "$lt", Value: hi}}}}
		n, err := s.responses.CountDocuments(ctx, filter)
		if err != nil {
			return nil, fail(err, "count the responses per day of questionnaire %q", questionnaireID)
		}
		if n > 0 {
			out = append(out, engine.DayCount{Day: day, Count: int(n)})
		}
	}
	return out, nil
}
