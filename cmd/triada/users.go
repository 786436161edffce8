package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"

	"github.com/triada-kpss/triada/engine"
)

// userAdd creates a user with the password read from standard input.
func userAdd(ctx context.Context, args []string, env Env) error {
	var email, role, name string
	fs := newFlagSet("user add", env, userAddUsage)
	fs.StringVar(&email, "email", "", "the user's e-mail address")
	fs.StringVar(&role, "role", "", "admin, coordinator or member")
	fs.StringVar(&name, "name", "", "the user's name")
	cfg, err := loadConfig(fs, args, scopeStore, env)
	if err != nil {
		return err
	}
	if email == "" || role == "" {
		return usageErrorf("user add needs --email and --role; run: triada help user")
	}
	r, err := engine.ParseRole(role)
	if err != nil {
		return err
	}
	password, err := readPassword(env, email)
	if err != nil {
		return err
	}
	return withEngine(ctx, cfg, env, func(eng *engine.Engine) error {
		u, err := eng.AddUser(ctx, email, r, name, password)
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "Created the %s %s.\n", u.Role, u.Email)
		return nil
	})
}

// tokenCreate prints a new API token for a user, and nothing else.
func tokenCreate(ctx context.Context, args []string, env Env) error {
	var email string
	fs := newFlagSet("token create", env, tokenCreateUsage)
	fs.StringVar(&email, "email", "", "the user's e-mail address")
	cfg, err := loadConfig(fs, args, scopeStore, env)
	if err != nil {
		return err
	}
	if email == "" {
		return usageErrorf("token create needs --email; run: triada help token")
	}
	return withEngine(ctx, cfg, env, func(eng *engine.Engine) error {
		token, err := eng.CreateToken(ctx, email)
		if err != nil {
			return err
		}
		_, err = fmt.Fprintln(env.Stdout, token)
		return err
	})
}

// withEngine opens the store the configuration names, runs f on an
// engine over it and closes the store.
func withEngine(ctx context.Context, cfg Config, env Env, f func(*engine.Engine) error) error {
	store, err := OpenStore(ctx, cfg)
	if err != nil {
		return err
	}
	err = f(engine.New(store, cfg.engineOptions()))
	if cerr := store.Close(); cerr != nil && err == nil {
		err = fmt.Errorf("closing the store: %w", cerr)
	}
	return err
}

// maxPasswordInput bounds what is read from standard input for a password.
const maxPasswordInput = 4096

// readPassword returns the first line of standard input, without its line
// end. At a terminal it asks twice, without echo.
func readPassword(env Env, email string) (string, error) {
	if f, ok := env.Stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		return askPassword(int(f.Fd()), env.Stderr, email)
	}
	line, err := bufio.NewReader(io.LimitReader(env.Stdin, maxPasswordInput)).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("cannot read the password from standard input: %w", err)
	}
	line = strings.TrimRight(line, "\r\n")
	if line == "" {
		return "", usageErrorf("send the password as the first line of standard input, e.g.: printf '%%s\\n' \"$PASSWORD\" | triada user add ...")
	}
	return line, nil
}

// askPassword prompts on w and reads a password twice from the terminal fd.
func askPassword(fd int, w io.Writer, email string) (string, error) {
	fmt.Fprintf(w, "Password for %s: ", email)
	p1, err := term.ReadPassword(fd)
	fmt.Fprintln(w)
	if err != nil {
		return "", fmt.Errorf("cannot read the password: %w", err)
	}
	fmt.Fprint(w, "The same password again: ")
	p2, err := term.ReadPassword(fd)
	fmt.Fprintln(w)
	if err != nil {
		return "", fmt.Errorf("cannot read the password: %w", err)
	}
	if string(p1) != string(p2) {
		return "", usageErrorf("the two passwords differ")
	}
	return string(p1), nil
}
