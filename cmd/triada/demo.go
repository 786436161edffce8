package main

import (
	"context"
	"fmt"
	"io"
	"strconv"

	"github.com/triada-kpss/triada/demo"
	"github.com/triada-kpss/triada/engine"
)

// demoLoad fills the configured store with the demo of Mikroregion
// Podhůří and prints what it did and how to sign in.
func demoLoad(ctx context.Context, args []string, env Env) error {
	var seed uint64
	var residents int
	fs := newFlagSet("demo", env, demoUsage)
	fs.Uint64Var(&seed, "seed", 1, "chooses the generated answers; the same seed gives the same data")
	fs.IntVar(&residents, "residents", demo.DefaultResidents, "how many residents answer the needs survey")
	cfg, err := loadConfig(fs, args, scopeStore, env)
	if err != nil {
		return err
	}
	if residents < 1 || residents > 1_000_000 {
		return usageErrorf("--residents must be from 1 to 1000000, not %d", residents)
	}
	return withEngine(ctx, cfg, env, func(eng *engine.Engine) error {
		rep, err := demo.Load(ctx, eng, demo.Options{Seed: seed, Residents: residents})
		if err != nil {
			return err
		}
		printDemoReport(env.Stdout, rep)
		return nil
	})
}

func printDemoReport(w io.Writer, rep *demo.Report) {
	tally := func(t demo.Tally) string {
		if t.Existing == 0 {
			return strconv.Itoa(t.Created)
		}
		return fmt.Sprintf("%d (%d new, %d there before)", t.Created+t.Existing, t.Created, t.Existing)
	}
	fmt.Fprintf(w, "Loaded the demo of Mikroregion Podhůří:\n")
	for _, line := range []struct {
		label string
		t     demo.Tally
	}{
		{"questionnaires", rep.Questionnaires},
		{"residents' responses", rep.Residents},
		{"providers in the catalogue", rep.Providers},
		{"capacity questionnaires by invitation", rep.ProviderResponses},
		{"working groups", rep.Groups},
		{"comments on " + rep.Consultation, rep.Comments},
	} {
		fmt.Fprintf(w, "  %-40s %s\n", line.label+":", tally(line.t))
	}
	if rep.Password != "" {
		fmt.Fprintf(w, "Sign in as the demo coordinator:\n  e-mail:   %s\n  password: %s\n", rep.Coordinator, rep.Password)
		return
	}
	fmt.Fprintf(w, "The demo coordinator %s existed already: sign in with the password printed when it was created.\n", rep.Coordinator)
}

func demoUsage(w io.Writer) {
	fmt.Fprint(w, `Usage: triada demo [--seed N] [--residents N] [flags]

Loads a complete example into the store, so that a newcomer sees a full
system: the built-in questionnaires (residents' needs survey, providers'
capacity questionnaire); generated answers of residents of the fictional
Mikroregion Podhůří; fifteen providers answering through invitation links
and listed in the catalogue; the working groups; a coordinator; and a
consultation on the draft plan with comments in every state. It prints the
coordinator's e-mail and password.

The same --seed gives the same answers. What exists already is left alone,
so running it twice adds nothing.

  --seed N        chooses the generated answers (default 1)
  --residents N   residents' responses to generate (default 1200)

Store options (flag, environment variable, default):
`)
	printOptions(w, scopeStore)
}
