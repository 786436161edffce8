package mongo_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"testing"
	"time"

	"github.com/triada-kpss/triada/engine"
	"github.com/triada-kpss/triada/forms"
	"github.com/triada-kpss/triada/store/mongo"
	"github.com/triada-kpss/triada/store/storetest"
	"go.mongodb.org/mongo-driver/v2/bson"
)

// uriVar names the server the tests use; without it they skip.
const uriVar = "TRIADA_TEST_MONGODB_URI"

// testTimeout bounds each call in the tests instead of DefaultTimeout:
// mongo-compat evaluates every query by scanning the collection in Go,
// and a segment takes one query per value, so on a busy machine counting
// the suite's 3,300 responses can take longer than 10 s (and a query the
// client gave up on still holds the server).
const testTimeout = 2 * time.Minute

// mustOpen opens a store on a fresh database with a random name, dropped
// and closed at cleanup, with testTimeout unless opts set another. It
// skips tb unless uriVar is set.
func mustOpen(tb testing.TB, opts ...mongo.Option) *mongo.Store {
	tb.Helper()
	uri := os.Getenv(uriVar)
	if uri == "" {
		tb.Skipf("%s is not set: no MongoDB server to test against (see ../shared/tools/mongo-compat)", uriVar)
	}
	ctx := context.Background()
	opts = append([]mongo.Option{mongo.WithTimeout(testTimeout)}, opts...)
	st, err := mongo.Open(ctx, uri, "triada_test_"+randomHex(8), opts...)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		if err := st.Database().Drop(ctx); err != nil {
			tb.Errorf("drop the test database: %v", err)
		}
		if err := st.Close(); err != nil {
			tb.Error(err)
		}
	})
	return st
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// atomicUpdates is what mongo-compat lacks for the cases below: FerretDB
// 1.x runs an update (update, findAndModify) by reading the matching
// document, applying the operators in Go and writing the result back by
// _id, with nothing that stops another update in between. So two
// concurrent updates of one document can both match a conditional filter,
// or one can overwrite the other ($addToSet, $inc lost). MongoDB updates
// one document atomically, which is all these cases need.
const atomicUpdates = "atomic single-document updates (FerretDB 1.x reads, modifies in Go and writes back by _id: " +
	"concurrent updates of one document both match a conditional filter or overwrite each other)"

// compatSkips are the suite's cases that need what mongo-compat lacks,
// naming the feature. Everything else runs there: the store needs no
// partial index, transaction, TTL index or aggregation beyond
// $match/$unwind/$group with $sum on a top-level field.
var compatSkips = map[string]string{
	"UpdateComment/Concurrent":                   atomicUpdates,
	"PublishConsultation/Concurrent":             atomicUpdates,
	"NextCommentNumber/Concurrent":               atomicUpdates,
	"AddGroupMember/Concurrent":                  atomicUpdates,
	"SetInviteResponse/Concurrent":               atomicUpdates,
	"Codings/Concurrent":                         atomicUpdates,
	"ClaimOutbox/ConcurrentWorkersClaimEachOnce": atomicUpdates,
	// It answers a replaceOne that breaks a unique index with an
	// InternalError, not a duplicate key error (E11000) as inserts get.
	"ReplaceProvider/ErrDuplicate": "duplicate key errors (E11000) on replaceOne",
}

// isCompat reports whether the server behind st is mongo-compat
// (FerretDB): buildInfo has a ferretdbVersion field there and none on
// MongoDB. It logs which server it is.
func isCompat(tb testing.TB, st *mongo.Store) bool {
	tb.Helper()
	var info bson.M
	cmd := bson.D{{Key: "buildInfo", Value: 1}}
	if err := st.Database().Client().Database("admin").RunCommand(context.Background(), cmd).Decode(&info); err != nil {
		tb.Fatalf("buildInfo: %v", err)
	}
	if _, ferret := info["ferretdbVersion"]; ferret {
		tb.Logf("server: mongo-compat (FerretDB %v, reporting MongoDB %v)", info["ferretdbVersion"], info["version"])
		return true
	}
	tb.Logf("server: MongoDB %v", info["version"])
	return false
}

func TestStore(t *testing.T) {
	var opts []storetest.Option
	if isCompat(t, mustOpen(t)) {
		for name, feature := range compatSkips {
			opts = append(opts, storetest.Skip(name, "mongo-compat lacks "+feature))
		}
	}
	storetest.Run(t, func(t *testing.T) engine.Store { return mustOpen(t) }, opts...)
}

// BenchmarkCountAnswers is storetest's: 100,000 responses. On mongo-compat,
// which scans the whole collection in Go for every query (it uses no index
// but _id), that takes over half an hour: it skips there, and
// BenchmarkCountAnswersMongo counts 20,000.
func BenchmarkCountAnswers(b *testing.B) {
	storetest.BenchmarkCountAnswers(b, func(tb testing.TB) engine.Store {
		st := mustOpen(tb, mongo.WithTimeout(time.Hour))
		if isCompat(tb, st) {
			tb.Skip("mongo-compat scans every document in Go for each query: run BenchmarkCountAnswersMongo")
		}
		return st
	})
}

func BenchmarkCreateResponse(b *testing.B) {
	storetest.BenchmarkCreateResponse(b, func(tb testing.TB) engine.Store { return mustOpen(tb) })
}

func TestOpen(t *testing.T) {
	ctx := context.Background()
	t.Run("Twice", func(t *testing.T) {
		// Indexes are created again on an existing database: a no-op.
		st := mustOpen(t)
		again, err := mongo.Open(ctx, os.Getenv(uriVar), st.Database().Name())
		if err != nil {
			t.Fatalf("Open on an existing database: %v", err)
		}
		if err := again.Close(); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		for _, c := range []struct {
			uri, db string
			opts    []mongo.Option
		}{
			{"", "triada", nil},
			{"mongodb://127.0.0.1:1/", "", nil},
			{"mongodb://127.0.0.1:1/", "triada", []mongo.Option{mongo.WithTimeout(0)}},
			{"no-scheme", "triada", nil},
		} {
			if st, err := mongo.Open(ctx, c.uri, c.db, c.opts...); err == nil {
				st.Close()
				t.Errorf("Open(%q, %q) succeeded", c.uri, c.db)
			}
		}
	})
	t.Run("ErrNoServer", func(t *testing.T) {
		_, err := mongo.Open(ctx, "mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=200", "triada", mongo.WithTimeout(time.Second))
		if err == nil {
			t.Fatal("Open of a port where no server listens succeeded")
		}
	})
}

// TestDocuments checks the shapes a MongoDB user queries: answers keyed by
// question id, codes as an array, the definition as a sub-document.
func TestDocuments(t *testing.T) {
	ctx := context.Background()
	st := mustOpen(t)
	def := &forms.Definition{ID: "q1", Title: forms.Plain("Q"), Pages: []forms.Page{{Questions: []forms.Question{
		{ID: "obec", Type: forms.TypeChoice, Text: forms.Plain("Obec"), Options: []forms.Option{{Value: "slany", Label: forms.Plain("Slaný")}}},
	}}}}
	if err := st.CreateQuestionnaire(ctx, &engine.Questionnaire{ID: "q1", Definition: def, CreatedAt: time.Now()}); err != nil {
		t.Fatal(err)
	}
	r := &engine.Response{ID: "r1", QuestionnaireID: "q1", Answers: forms.Answers{"obec": "slany", "vek": 67.0, "sluzby": []string{"a", "b"}},
		Codes: []string{"obec", "obec=slany"}, SubmissionKey: "sk", CreatedAt: time.Now()}
	if err := st.CreateResponse(ctx, r); err != nil {
		t.Fatal(err)
	}
	db := st.Database()
	for _, c := range []struct {
		coll   string
		filter bson.D
	}{
		{"questionnaires", bson.D{{Key: "definition.pages.questions.options.value", Value: "slany"}}},
		{"responses", bson.D{{Key: "answers.obec", Value: "slany"}}},
		{"responses", bson.D{{Key: "answers.vek", Value: bson.D{{Key: "$gte", Value: 65}}}}},
		{"responses", bson.D{{Key: "answers.sluzby", Value: "b"}}},
		{"responses", bson.D{{Key: "codes", Value: "obec=slany"}}},
		{"responses", bson.D{{Key: "submission.key", Value: "sk"}}},
	} {
		n, err := db.Collection(c.coll).CountDocuments(ctx, c.filter)
		if err != nil || n != 1 {
			t.Errorf("%s %v: %d documents, %v; want 1", c.coll, c.filter, n, err)
		}
	}
}
