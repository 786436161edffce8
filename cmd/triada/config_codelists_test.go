package main

import (
	"strings"
	"testing"
)

func TestLoadConfig_CodeLists(t *testing.T) {
	kinds := func(t *testing.T, env string) (cz, sk bool) {
		t.Helper()
		c, err := LoadConfig(func(k string) string { return map[string]string{"TRIADA_CODE_LISTS": env}[k] })
		if err != nil {
			t.Fatal(err)
		}
		lists := c.engineOptions().CodeLists
		return lists.ServiceType("pecovatelska_sluzba") != nil, lists.ServiceType("opatrovatelska_sluzba") != nil
	}
	for _, c := range []struct {
		env    string
		cz, sk bool
	}{{"", true, true}, {"all", true, true}, {"cz", true, false}, {"SK", false, true}} {
		if cz, sk := kinds(t, c.env); cz != c.cz || sk != c.sk {
			t.Errorf("TRIADA_CODE_LISTS=%q: Czech kinds %v, Slovak kinds %v; want %v, %v", c.env, cz, sk, c.cz, c.sk)
		}
	}
	t.Run("ErrUnknown", func(t *testing.T) {
		_, err := LoadConfig(func(k string) string { return map[string]string{"TRIADA_CODE_LISTS": "at"}[k] })
		if err == nil || !strings.Contains(err.Error(), "TRIADA_CODE_LISTS") || !strings.Contains(err.Error(), "cz, sk or all") {
			t.Fatalf("err %v", err)
		}
	})
}
