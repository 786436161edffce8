package mongo

import (
	"github.com/triada-kpss/triada/engine"
	"go.mongodb.org/mongo-driver/v2/bson"
)

// queryFilter selects the responses q counts: those of q.Questionnaire
// holding every code of filters (q.Filters, with the segment's code when
// one segment value is counted) and one code of each set of q.AnyOf.
func queryFilter(q engine.CountQuery, filters []string) bson.D {
	f := countFilter(q.Questionnaire, filters)
	var sets bson.A
	for _, set := range q.AnyOf {
		if len(set) > 0 {
			sets = append(sets, bson.D{{Key: "codes", Value: bson.D{{Key: "$in", Value: set}}}})
		}
	}
	if len(sets) > 0 {
		f = append(f, bson.E{Key: "$and", Value: sets})
	}
	return f
}
