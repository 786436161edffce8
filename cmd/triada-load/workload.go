package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/triada-kpss/triada/internal/loadgen"
)

// workload is what a run sends — survey responses through the API or the
// pages, or comments on a consultation — and how it counts those stored.
type workload struct {
	target  loadgen.Target
	bodies  [][]byte                       // what the baseline is sent, the same requests
	baseURL func(*loadgen.Baseline) string // where the baseline takes them
	counter string                         // what count names: "results total", "comments"
	count   func(context.Context) (int, error)
	targets bool // the targets apply: they are set for survey responses
}

// prepareWorkload creates what c asks to create and generates the
// requests of c.path.
func prepareWorkload(ctx context.Context, c *runConfig, api *loadgen.API, client *http.Client, out func(string, ...any)) (*workload, error) {
	if c.path == "comments" {
		return commentWorkload(ctx, c, api, client, out)
	}
	if c.create {
		err := created(api.CreateQuestionnaire(ctx, loadgen.SurveyJSON(c.questionnaire, c.municipalities)), out,
			fmt.Sprintf("questionnaire %q exists; answering it as it is", c.questionnaire),
			fmt.Sprintf("created questionnaire %q (%d municipalities)", c.questionnaire, c.municipalities))
		if err != nil {
			return nil, err
		}
	}
	def, err := api.Questionnaire(ctx, c.questionnaire)
	if err != nil {
		return nil, err
	}
	w := &workload{
		baseURL: (*loadgen.Baseline).ResponsesURL,
		counter: "results total",
		count:   func(ctx context.Context) (int, error) { return api.ResultsTotal(ctx, c.questionnaire) },
		targets: true,
	}
	if w.bodies, err = loadgen.NewGenerator(def, c.seed).Bodies(c.bodies); err != nil {
		return nil, err
	}
	if c.path == "form" {
		w.target, err = loadgen.NewFormTarget(c.url, client, def, c.bodies, c.seed)
	} else {
		w.target = loadgen.NewAPITarget(client, api.ResponsesURL(c.questionnaire), w.bodies, c.idempotencyKeys)
	}
	return w, err
}

// commentWorkload sends comments on c.consultation, as the last day of a
// comment period does; each also queues a receipt e-mail.
func commentWorkload(ctx context.Context, c *runConfig, api *loadgen.API, client *http.Client, out func(string, ...any)) (*workload, error) {
	if c.create {
		err := created(api.CreateConsultation(ctx, c.consultation), out,
			fmt.Sprintf("consultation %q exists; commenting on it as it is", c.consultation),
			fmt.Sprintf("created consultation %q, open for a day", c.consultation))
		if err != nil {
			return nil, err
		}
	}
	bodies := loadgen.CommentBodies(c.bodies, c.seed)
	return &workload{
		target:  loadgen.NewAPITarget(client, api.CommentsURL(c.consultation), bodies, c.idempotencyKeys),
		bodies:  bodies,
		baseURL: (*loadgen.Baseline).CommentsURL,
		counter: "comments",
		count:   func(ctx context.Context) (int, error) { return api.CommentCount(ctx, c.consultation) },
	}, nil
}

// created reports the outcome err of creating what a load sends to: made
// (saying made), there already (ErrExists: saying exists, and used as it
// is), or the error.
func created(err error, out func(string, ...any), exists, made string) error {
	switch {
	case errors.Is(err, loadgen.ErrExists):
		out("%s", exists)
	case err != nil:
		return err
	default:
		out("%s", made)
	}
	return nil
}
