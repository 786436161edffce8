package main

import (
	"fmt"
	"io"
)

// printUsage writes the overview of the commands.
func printUsage(w io.Writer) {
	fmt.Fprint(w, `Triada: surveys and public consultations for community planning of social
services (KPSS).

Usage:
  triada serve [flags]                   serve the web app and the API
  triada user add --email E --role R [--name N]
                                         create a user; the password is the first
                                         line of standard input
  triada token create --email E          print a new API token for the user
  triada forms check FILE...             check questionnaire definitions
  triada invite create --questionnaire ID --email E [--name N]
                                         print a personal link to a questionnaire
                                         answered by invitation
  triada demo [--seed N]                 load the demo of Mikroregion Podhůří
  triada backup --out FILE               copy the embedded database, also while
                                         it serves
  triada export --questionnaire ID [--out FILE] [--format csv|xlsx|json]
                                         write the responses for a spreadsheet
  triada version                         print the version
  triada help [COMMAND]                  show this help, or a command's

Configuration comes from TRIADA_* environment variables, which flags
override; "triada help serve" lists every option.
`)
}

// help shows the usage of the command args names, or the overview.
func help(args []string, env Env) error {
	topic := ""
	if len(args) > 0 {
		topic = args[0]
	}
	switch topic {
	case "":
		printUsage(env.Stdout)
	case "serve":
		serveUsage(env.Stdout)
	case "user":
		userAddUsage(env.Stdout)
	case "token":
		tokenCreateUsage(env.Stdout)
	case "forms":
		formsCheckUsage(env.Stdout)
	case "invite":
		inviteCreateUsage(env.Stdout)
	case "demo":
		demoUsage(env.Stdout)
	case "backup":
		backupUsage(env.Stdout)
	case "export":
		exportUsage(env.Stdout)
	default:
		return usageErrorf("no help on %q; run: triada help", topic)
	}
	return nil
}

func serveUsage(w io.Writer) {
	fmt.Fprint(w, `Usage: triada serve [flags]

Serves the web app and the JSON API (under /api/v1) until SIGINT or SIGTERM,
then lets the requests in flight finish and closes the store. With
TRIADA_MONGODB_URI set it stores everything in MongoDB; otherwise in an
embedded database under TRIADA_DATA_DIR, created on first start.

Options (flag, environment variable, default):
`)
	printOptions(w, scopeServe)
}

func userAddUsage(w io.Writer) {
	fmt.Fprint(w, `Usage: triada user add --email E --role R [--name N] [flags] < password

Creates a user. The password is the first line of standard input (at a
terminal, it is asked for twice and not shown); at least 8 characters.
Roles: admin, coordinator, member (of working groups).

  --email E   the user's e-mail address, with which they sign in
  --role R    admin, coordinator or member
  --name N    the user's name, optional

Store options (flag, environment variable, default):
`)
	printOptions(w, scopeStore)
}

func tokenCreateUsage(w io.Writer) {
	fmt.Fprint(w, `Usage: triada token create --email E [flags]

Prints a new API token for the user with that e-mail on standard output,
and nothing else. Only its hash is stored: keep the token, it cannot be shown
again. Send it as the header "Authorization: Bearer TOKEN".

  --email E   the user's e-mail address

Store options (flag, environment variable, default):
`)
	printOptions(w, scopeStore)
}

func formsCheckUsage(w io.Writer) {
	fmt.Fprint(w, `Usage: triada forms check FILE...

Checks questionnaire definitions (YAML, or JSON when the name ends in .json).
Prints one line per problem, FILE:LINE: message, and warnings the same way
with "warning:" before the message. Exits 0 when every file is valid
(warnings allowed) and 1 otherwise.
`)
}
