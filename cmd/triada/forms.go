package main

import (
	"context"
	"fmt"

	"github.com/triada-kpss/triada/forms"
)

// formsCheck prints every problem of the definitions in the files, one per
// line as FILE:LINE: message, and fails when any is an error.
func formsCheck(_ context.Context, args []string, env Env) error {
	fs := newFlagSet("forms check", env, formsCheckUsage)
	if err := parseFlags(fs, args, true); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usageErrorf("forms check needs at least one FILE; run: triada help forms")
	}
	failed := false
	for _, path := range fs.Args() {
		problems := forms.CheckFile(path)
		for _, p := range problems {
			sep := ":"
			if p.Line == 0 {
				sep = ": "
			}
			fmt.Fprintf(env.Stdout, "%s%s%s\n", path, sep, p)
		}
		failed = failed || forms.HasErrors(problems)
	}
	if failed {
		return errFailed
	}
	return nil
}
