package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/triada-kpss/triada/engine"
	"github.com/triada-kpss/triada/export"
)

// filterFlags collects repeated --filter QID:VALUE.
type filterFlags []engine.Filter

func (f *filterFlags) String() string { return fmt.Sprint(*f) }

func (f *filterFlags) Set(s string) error {
	flt, err := engine.ParseFilter(s)
	if err != nil {
		return fmt.Errorf("write a filter as QUESTION:VALUE, not %q", s)
	}
	*f = append(*f, flt)
	return nil
}

// exportResponses writes a questionnaire's responses as CSV, XLSX or
// JSON to standard output or a file, streamed from the store. A file is
// written under a temporary name and renamed when complete, so that an
// export cut short leaves no file that looks whole.
func exportResponses(ctx context.Context, args []string, env Env) error {
	var questionnaire, format, out, lang string
	var labels, semicolon bool
	var filters filterFlags
	fs := newFlagSet("export", env, exportUsage)
	fs.StringVar(&questionnaire, "questionnaire", "", "the questionnaire's id")
	fs.StringVar(&format, "format", "", "csv, xlsx or json (default: the extension of --out, else csv)")
	fs.StringVar(&out, "out", "", "the file to write (default: standard output)")
	fs.StringVar(&lang, "lang", "cs", "the language of labels: cs, sk or en")
	fs.BoolVar(&labels, "labels", false, "CSV: a second row with the questions' texts")
	fs.BoolVar(&semicolon, "semicolon", false, "CSV: separate with ';' (Excel in Czech and Slovak settings)")
	fs.Var(&filters, "filter", "only responses whose answer to QUESTION is VALUE (QUESTION:VALUE, repeatable)")
	cfg, err := loadConfig(fs, args, scopeStore, env)
	if err != nil {
		return err
	}
	if questionnaire == "" {
		return usageErrorf("export needs --questionnaire; run: triada help export")
	}
	if format == "" {
		format = strings.TrimPrefix(filepath.Ext(out), ".")
		if format == "" {
			format = "csv"
		}
	}
	write, ok := map[string]func(context.Context, io.Writer, *engine.Export) error{
		"csv": func(ctx context.Context, w io.Writer, x *engine.Export) error {
			return export.WriteCSV(ctx, w, x, export.CSVOptions{Lang: lang, Labels: labels, Semicolon: semicolon})
		},
		"xlsx": func(ctx context.Context, w io.Writer, x *engine.Export) error {
			return export.WriteXLSX(ctx, w, x, lang)
		},
		"json": export.WriteJSON,
	}[format]
	if !ok {
		return usageErrorf("unknown export format %q: choose csv, xlsx or json", format)
	}
	if lang != "cs" && lang != "sk" && lang != "en" {
		return usageErrorf("unknown language %q: choose cs, sk or en", lang)
	}
	return withEngine(ctx, cfg, env, func(eng *engine.Engine) error {
		x, err := eng.OpenExport(ctx, engine.Operator(), questionnaire, filters)
		if err != nil {
			return err
		}
		if out == "" || out == "-" {
			return write(ctx, env.Stdout, x)
		}
		return writeFileAtomically(out, func(w io.Writer) error { return write(ctx, w, x) })
	})
}

// writeFileAtomically writes path through a temporary file in the same
// folder, renamed over path only when write and the sync succeed.
func writeFileAtomically(path string, write func(io.Writer) error) (err error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.partial")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			_ = f.Close()
			_ = os.Remove(f.Name())
		}
	}()
	if err := write(f); err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}

func exportUsage(w io.Writer) {
	fmt.Fprint(w, `Usage: triada export --questionnaire ID [--out FILE] [--format csv|xlsx|json] [flags]

Writes the responses of a questionnaire, one row (or object) per response
in the order they arrived, read from the store in batches so that memory
stays flat at any number of responses:

  csv   UTF-8 with a byte order mark (Excel reads the accents right); one
        column per question, a multi-choice question split into one 0/1
        column per option ("question:option"), free text followed by its
        codes ("question#codes", joined by "; ")
  xlsx  the same on the sheet "responses" (with a row of labels), and one
        summary sheet per question: counts and shares, mean and median
  json  one JSON array of {"id", "created_at", "answers", "codes"}

  --questionnaire ID  the questionnaire's id
  --out FILE          the file to write (default: standard output); written
                      under a temporary name and renamed when complete
  --format F          csv, xlsx or json (default: the extension of --out, else csv)
  --filter Q:V        only the responses whose answer to question Q is V (or,
                      for multi-choice, includes V); repeatable, all must hold
  --lang L            the language of labels: cs (default), sk or en
  --labels            CSV: add a second row with the questions' texts
  --semicolon         CSV: separate with ";" as Excel expects in Czech and
                      Slovak settings

Store options (flag, environment variable, default):
`)
	printOptions(w, scopeStore)
}
