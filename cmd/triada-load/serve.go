package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
)

// serveCommand is "triada-load serve": Triada's handler on a new embedded
// database in a process of its own, until interrupted. With -discard it
// acknowledges responses without storing them, so that "run -discard"
// against it measures, as a separate process like "triada serve", what
// the server achieves without the store's part: the ceiling that no
// store can raise. "triada serve" itself has no such switch, so that no
// configuration of the real server can lose a response.
func serveCommand(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("triada-load serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:8081", "address to listen on (port 0: a free one)")
	discard := fs.Bool("discard", false, "acknowledge responses without storing them")
	tokenFile := fs.String("token-file", "", "also write the coordinator's API token to this file (for scripts)")
	if err := parse(fs, args); err != nil {
		return err
	}
	srv, err := startInProcess(ctx, *addr, *discard)
	if err != nil {
		return err
	}
	defer srv.Close()
	if *tokenFile != "" {
		if err := os.WriteFile(*tokenFile, []byte(srv.Token+"\n"), 0o600); err != nil {
			return err
		}
	}
	what := "storing responses"
	if *discard {
		what = "DISCARDING responses (acknowledged, never stored)"
	}
	fmt.Fprintf(stdout, "serving %s from %s, %s, until interrupted\ntoken %s\n", srv.URL, srv.Path, what, srv.Token)
	<-ctx.Done()
	return nil
}
