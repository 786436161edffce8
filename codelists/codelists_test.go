package codelists_test

import (
	"testing"

	"github.com/triada-kpss/triada/codelists"
)

func TestDefault(t *testing.T) {
	l := codelists.Default()
	if n := len(l.ServiceTypes); n < 60 {
		t.Errorf("service types: got %d, want the Czech and Slovak lists (over 60)", n)
	}
	if len(l.Forms) != 3 {
		t.Errorf("forms: got %d, want 3", len(l.Forms))
	}
	if l.TargetGroup("seniori") == nil {
		t.Error("target group seniori missing")
	}
	st := l.ServiceType("osobni_asistence")
	if st == nil || st.Country != "CZ" {
		t.Fatalf("osobni_asistence: got %+v", st)
	}
	if st.AllowsForm("residential") || !st.AllowsForm("field") {
		t.Errorf("osobni_asistence forms: got %v, want field only", st.Forms)
	}
	if l.ServiceType("no_such_code") != nil {
		t.Error("unknown code found")
	}
	seen := map[string]bool{}
	for _, e := range l.ServiceTypes {
		if seen[e.Code] {
			t.Errorf("service type %s listed twice", e.Code)
		}
		seen[e.Code] = true
		if e.Label["cs"] == "" || e.Label["sk"] == "" || e.Label["en"] == "" {
			t.Errorf("service type %s lacks a label: %v", e.Code, e.Label)
		}
	}
}
