package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"strings"

	"github.com/triada-kpss/triada/engine"
)

// inviteCreate prints the personal link of a new invitation to a
// questionnaire with "access: invite", and nothing else.
func inviteCreate(ctx context.Context, args []string, env Env) error {
	var questionnaire, email, name, baseURL string
	fs := newFlagSet("invite create", env, inviteCreateUsage)
	fs.StringVar(&questionnaire, "questionnaire", "", "the questionnaire's id")
	fs.StringVar(&email, "email", "", "the invited person's e-mail address")
	fs.StringVar(&name, "name", "", "whom the link is for, e.g. the organisation and the service")
	fs.StringVar(&baseURL, "base-url", "", "the public address of Triada that the link starts with")
	cfg, err := loadConfig(fs, args, scopeStore, env)
	if err != nil {
		return err
	}
	if questionnaire == "" || email == "" {
		return usageErrorf("invite create needs --questionnaire and --email; run: triada help invite")
	}
	if baseURL != "" {
		cfg.BaseURL = baseURL
		if err := cfg.Validate(); err != nil {
			return &usageError{err.Error()}
		}
	}
	return withEngine(ctx, cfg, env, func(eng *engine.Engine) error {
		token, _, err := eng.CreateInvite(ctx, engine.Operator(), questionnaire, email, name)
		if err != nil {
			return err
		}
		_, err = fmt.Fprintln(env.Stdout, inviteLink(cfg, token))
		return err
	})
}

// inviteLink is the personal link of token: the base URL, or the address
// Triada listens on, then /i/TOKEN.
func inviteLink(cfg Config, token string) string {
	base := cfg.BaseURL
	if base == "" {
		host, port, _ := net.SplitHostPort(cfg.Addr) // Validate checked it
		if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
			host = "localhost"
		}
		base = "http://" + net.JoinHostPort(host, port)
	}
	return strings.TrimRight(base, "/") + "/i/" + token
}

func inviteCreateUsage(w io.Writer) {
	fmt.Fprint(w, `Usage: triada invite create --questionnaire ID --email E [--name N] [flags]

Creates a personal invitation to a questionnaire that has "access: invite"
(such as the providers' capacity questionnaire) and prints its link,
BASE_URL/i/TOKEN, on standard output, and nothing else. Send the link to
the person: one response per link, which they can change until the
questionnaire closes. Only the token's hash is stored: the link cannot be
shown again. A provider answers once per service, so give each service its
own link (--name tells them apart).

  --questionnaire ID  the questionnaire's id
  --email E           the invited person's e-mail address
  --name N            whom the link is for, e.g. "Charita Kamenice – pečovatelská služba"
  --base-url URL      the public address the link starts with (TRIADA_BASE_URL;
                      default http:// and TRIADA_ADDR)

Store options (flag, environment variable, default):
`)
	printOptions(w, scopeStore)
}
