package main

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/triada-kpss/triada/engine"
	"github.com/triada-kpss/triada/handlers"
	"github.com/triada-kpss/triada/store/sqlite"
)

// inProcess is Triada's handler served from this process on a new
// embedded database, as "triada serve" wires it, so that a CPU profile
// of triada-load covers the server ("run -in-process"), or so that a
// separate process can serve it with a discarding store ("serve").
// Request logs are formatted as by the server and discarded; the pages do
// not limit submissions per address (-path form comes from one).
type inProcess struct {
	URL   string
	Token string // a coordinator's API token
	Path  string // the database file
	dir   string
	store *sqlite.Store
	srv   *http.Server
}

// discardingStore acknowledges responses without storing them (-discard):
// a load against it measures everything but the store's part.
type discardingStore struct{ engine.Store }

func (discardingStore) CreateResponse(context.Context, *engine.Response) error { return nil }

// startInProcess serves on addr ("127.0.0.1:0": a free port).
func startInProcess(ctx context.Context, addr string, discard bool) (*inProcess, error) {
	dir, err := os.MkdirTemp("", "triada-load-")
	if err != nil {
		return nil, err
	}
	p := &inProcess{dir: dir, Path: filepath.Join(dir, "triada.db")}
	if p.store, err = sqlite.Open(ctx, p.Path); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	var st engine.Store = p.store
	if discard {
		st = discardingStore{p.store}
	}
	eng := engine.New(st, engine.Options{})
	const email = "load@triada.test"
	if _, err := eng.AddUser(ctx, email, engine.RoleCoordinator, "Load", "load test password"); err != nil {
		p.Close()
		return nil, err
	}
	if p.Token, err = eng.CreateToken(ctx, email); err != nil {
		p.Close()
		return nil, err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		p.Close()
		return nil, err
	}
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	p.srv = &http.Server{Handler: handlers.New(eng, handlers.Options{Logger: logger, Pages: handlers.PageOptions{SubmitLimit: -1}}), ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = p.srv.Serve(ln) }()
	p.URL = "http://" + ln.Addr().String()
	return p, nil
}

// Close stops the server, closes the store and removes the folder.
func (p *inProcess) Close() error {
	var errs []error
	if p.srv != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		errs = append(errs, p.srv.Shutdown(ctx))
		cancel()
	}
	if p.store != nil {
		errs = append(errs, p.store.Close())
	}
	errs = append(errs, os.RemoveAll(p.dir))
	return errors.Join(errs...)
}
