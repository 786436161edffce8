package loadgen_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/triada-kpss/triada/forms"
	"github.com/triada-kpss/triada/forms/builtin"
	"github.com/triada-kpss/triada/internal/loadgen"
)

// TestGenerator_Raw generates answers to the load survey and to the
// built-in questionnaires: all valid, and the survey's required
// municipality always answered.
func TestGenerator_Raw(t *testing.T) {
	defs, err := builtin.Definitions()
	if err != nil {
		t.Fatal(err)
	}
	survey := loadgen.Survey("load", 110)
	if p := survey.Check(); forms.HasErrors(p) {
		t.Fatalf("the load survey has errors: %v", p)
	}
	for _, def := range append(defs, survey) {
		g := loadgen.NewGenerator(def, 7)
		for range 300 {
			raw, err := g.Raw()
			if err != nil {
				t.Fatalf("%s: %v", def.ID, err)
			}
			if def == survey && raw["obec"] == nil {
				t.Fatal("the required municipality is not answered")
			}
		}
	}
	body, err := loadgen.NewGenerator(survey, 1).Body()
	if err != nil {
		t.Fatal(err)
	}
	var req struct {
		Answers map[string]json.RawMessage `json:"answers"`
	}
	if err := json.Unmarshal(body, &req); err != nil || len(req.Answers) == 0 {
		t.Fatalf("body %s: %v", body, err)
	}
}

// TestSurveyJSON parses as the server parses a posted definition.
func TestSurveyJSON(t *testing.T) {
	def, problems := forms.Parse(loadgen.SurveyJSON("load", 110), "json")
	if def == nil {
		t.Fatalf("does not parse: %v", problems)
	}
	if q := def.Question("obec"); q == nil || len(q.Options) != 110 {
		t.Fatal("no municipality question of 110 options")
	}
}

func TestResult_Percentile(t *testing.T) {
	r := &loadgen.Result{}
	for i := 1; i <= 100; i++ {
		r.Add(&loadgen.Result{Attempted: 1, Acked: 1, Elapsed: time.Millisecond, Latencies: []time.Duration{time.Duration(101-i) * time.Millisecond}})
	}
	for _, c := range []struct {
		p    float64
		want time.Duration
	}{{50, 50 * time.Millisecond}, {95, 95 * time.Millisecond}, {99, 99 * time.Millisecond}, {100, 100 * time.Millisecond}, {0, time.Millisecond}} {
		if got := r.Percentile(c.p); got != c.want {
			t.Errorf("p%v = %v, want %v", c.p, got, c.want)
		}
	}
	if r.Acked != 100 || r.Elapsed != 100*time.Millisecond || r.Rate() != 1000 {
		t.Errorf("added up to %d acknowledged in %v (%v/s)", r.Acked, r.Elapsed, r.Rate())
	}
	if (&loadgen.Result{}).Percentile(99) != 0 {
		t.Error("a percentile of nothing is not 0")
	}
}

// TestRun_Baseline runs a short load against the baseline: every request
// is acknowledged and counted once.
func TestRun_Baseline(t *testing.T) {
	b, err := loadgen.StartBaseline()
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	bodies, err := loadgen.NewGenerator(loadgen.Survey("load", 10), 1).Bodies(10)
	if err != nil {
		t.Fatal(err)
	}
	client := loadgen.NewHTTPClient(4, 5*time.Second)
	var acks int
	acked := make(chan string, 100)
	res := loadgen.Run(context.Background(), loadgen.NewAPITarget(client, b.ResponsesURL(), bodies, true),
		loadgen.Options{Clients: 4, Count: 100, OnAck: func(id string) { acked <- id }})
	close(acked)
	for range acked {
		acks++
	}
	if res.Attempted != 100 || res.Acked != 100 || acks != 100 || len(res.Latencies) != 100 || res.Failed() != 0 {
		t.Fatalf("%d sent, %d acknowledged (%d reported), %d latencies: %v", res.Attempted, res.Acked, acks, len(res.Latencies), res.Errors)
	}
	// A refused request is a StatusError, not an unknown outcome.
	res = loadgen.Run(context.Background(), loadgen.NewAPITarget(client, b.URL+"/nowhere", bodies, false), loadgen.Options{Clients: 1, Count: 3})
	if res.Rejected[404] != 3 || res.Unknown != 0 {
		t.Fatalf("rejected %v, unknown %d", res.Rejected, res.Unknown)
	}
	// Comments are taken at their own address; a body that is not one is
	// refused there as by the real server, and so is a response's body.
	comments := loadgen.CommentBodies(5, 1)
	for _, c := range []struct {
		bodies [][]byte
		want   int
	}{{comments, 201}, {[][]byte{[]byte(`{"text": ""}`)}, 400}, {bodies, 400}, {[][]byte{[]byte(`{"text": `)}, 400}} {
		res := loadgen.Run(context.Background(), loadgen.NewAPITarget(client, b.CommentsURL(), c.bodies, false), loadgen.Options{Clients: 1, Count: 5})
		if c.want == 201 && res.Acked != 5 || c.want != 201 && res.Rejected[c.want] != 5 {
			t.Errorf("%.40s…: %d acknowledged, rejected %v; want all %d", c.bodies[0], res.Acked, res.Rejected, c.want)
		}
	}
}

// TestCommentBodies: the generated comments vary in section, length and
// author, and the same seed gives the same ones.
func TestCommentBodies(t *testing.T) {
	bodies := loadgen.CommentBodies(200, 7)
	sections, authors := map[string]bool{}, map[string]bool{}
	shortest, longest := 1<<30, 0
	for _, b := range bodies {
		var c struct {
			Section, Text string
			Author        struct{ Email string }
		}
		if err := json.Unmarshal(b, &c); err != nil || c.Text == "" || c.Author.Email == "" {
			t.Fatalf("%s: %v", b, err)
		}
		sections[c.Section], authors[c.Author.Email] = true, true
		shortest, longest = min(shortest, len(c.Text)), max(longest, len(c.Text))
	}
	if len(sections) != 5 || len(authors) != 200 || shortest > 100 || longest < 1000 {
		t.Errorf("%d sections (the whole draft too), %d authors, texts of %d to %d bytes", len(sections), len(authors), shortest, longest)
	}
	if again := loadgen.CommentBodies(200, 7); string(again[42]) != string(bodies[42]) {
		t.Error("the same seed gave other comments")
	}
}
