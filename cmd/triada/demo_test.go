package main_test

import (
	"context"
	"regexp"
	"strings"
	"testing"

	main "github.com/triada-kpss/triada/cmd/triada"
	"github.com/triada-kpss/triada/demo"
	"github.com/triada-kpss/triada/engine"
	"github.com/triada-kpss/triada/forms/builtin"
)

func TestExecute_Demo(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"TRIADA_DATA_DIR": dir}
	r := execute(t, env, "", "demo", "--residents", "40", "--seed", "5")
	if r.code != 0 || r.stderr != "" {
		t.Fatalf("%+v", r)
	}
	password := regexp.MustCompile(`password: (\S+)\n`).FindStringSubmatch(r.stdout)
	if password == nil || !strings.Contains(r.stdout, demo.CoordinatorEmail) || !regexp.MustCompile(`residents' responses: +40\n`).MatchString(r.stdout) {
		t.Fatalf("stdout %s", r.stdout)
	}

	again := execute(t, env, "", "demo", "--residents", "40", "--seed", "5")
	if again.code != 0 || !strings.Contains(again.stdout, "40 (0 new, 40 there before)") || !strings.Contains(again.stdout, "existed already") ||
		strings.Contains(again.stdout, "password:") {
		t.Fatalf("second run: %+v", again)
	}

	cfg := main.DefaultConfig()
	cfg.DataDir = dir
	st, err := main.OpenStore(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	eng := engine.New(st, engine.Options{})
	ctx := context.Background()
	c, err := st.CountAnswers(ctx, engine.CountQuery{Questionnaire: builtin.NeedsSurveyID})
	if err != nil || c.Total != 40 {
		t.Errorf("%d residents' responses, %v", c.Total, err)
	}
	ps, err := eng.ListProviders(ctx, engine.ProviderQuery{})
	if err != nil || len(ps) != 15 {
		t.Errorf("%d providers, %v", len(ps), err)
	}
	u, err := st.FindUserByEmail(ctx, demo.CoordinatorEmail)
	if err != nil || !engine.CheckPassword(u.PasswordHash, password[1]) {
		t.Errorf("the printed password does not sign in: %v", err)
	}

	if r := execute(t, env, "", "demo", "--residents", "0"); r.code != 2 || !strings.Contains(r.stderr, "--residents") {
		t.Errorf("--residents 0: %+v", r)
	}
	for _, topic := range []string{"invite", "demo"} {
		if r := execute(t, nil, "", "help", topic); r.code != 0 || !strings.Contains(r.stdout, "Usage: triada "+topic) {
			t.Errorf("help %s: %+v", topic, r)
		}
	}
}
