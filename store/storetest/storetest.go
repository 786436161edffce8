package storetest

import (
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/triada-kpss/triada/engine"
)

// Option adjusts a run of the suite.
type Option func(*suite)

// Skip skips the subtests named name, relative to Run ("CountAnswers/Segment",
// or a parent such as "CountAnswers"), saying why: a backend or a test
// server that lacks a feature names it, so that the gap stays visible in
// the test output. Use it only for what the server cannot do, never for a
// bug.
func Skip(name, reason string) Option {
	return func(s *suite) { s.skip[name] = reason }
}

type suite struct {
	newStore func(t *testing.T) engine.Store
	skip     map[string]string
	base     string // the name of the test that called Run
}

// Run runs the conformance suite. newStore returns a fresh, empty store
// for each subtest and registers its cleanup with t.
func Run(t *testing.T, newStore func(t *testing.T) engine.Store, opts ...Option) {
	s := &suite{newStore: newStore, skip: map[string]string{}}
	for _, o := range opts {
		o(s)
	}
	s.base = t.Name()
	s.questionnaires(t)
	s.responses(t)
	s.counting(t)
	s.answers(t)
	s.results(t)
	s.users(t)
	s.sessions(t)
	s.groups(t)
	s.providers(t)
	s.catalogueDrafts(t)
	s.consultations(t)
	s.comments(t)
	s.drafts(t)
	s.invites(t)
	s.outbox(t)
	s.personalData(t)
	s.outboxCount(t)
	s.people(t)
	s.workspace(t) // workspace.go: audit log, questionnaire versions, responses per day
	s.misc(t)
}

// test runs f as the subtest name of t on a fresh store, unless it is
// skipped.
func (s *suite) test(t *testing.T, name string, f func(t *testing.T, st engine.Store)) {
	t.Helper()
	t.Run(name, func(t *testing.T) {
		s.skipIfAsked(t)
		f(t, s.newStore(t))
	})
}

// skipIfAsked skips t when an Option named it or one of its parents.
func (s *suite) skipIfAsked(t *testing.T) {
	t.Helper()
	name := strings.TrimPrefix(t.Name(), s.base+"/")
	for name != "" {
		if reason, ok := s.skip[name]; ok {
			t.Skipf("skipped by the backend: %s", reason)
		}
		i := strings.LastIndexByte(name, '/')
		if i < 0 {
			break
		}
		name = name[:i]
	}
}

func (s *suite) misc(t *testing.T) {
	t.Run("Ping", func(t *testing.T) {
		s.test(t, "OK", func(t *testing.T, st engine.Store) {
			if err := st.Ping(context.Background()); err != nil {
				t.Fatalf("Ping: %v", err)
			}
		})
	})
}

// ctx is the context of every call; a test that needs a deadline makes
// its own.
var ctx = context.Background()

// at returns a fixed UTC time with a sub-millisecond part, so that stores
// that keep milliseconds must truncate, not fail.
func at(day, hour int) time.Time {
	return time.Date(2027, 3, day, hour, 30, 15, 123_456_789, time.UTC)
}

// ms is the precision times are compared at: stores may truncate times to
// milliseconds (MongoDB keeps nothing finer), never round them.
const ms = time.Millisecond

// wantErr fails unless errors.Is(err, target).
func wantErr(t *testing.T, what string, err, target error) {
	t.Helper()
	if !errors.Is(err, target) {
		t.Fatalf("%s: got error %v, want %v", what, err, target)
	}
}

// noErr fails on err.
func noErr(t *testing.T, what string, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// wantEqual compares got and want after canon, and prints both as JSON
// when they differ.
func wantEqual(t *testing.T, what string, got, want any) {
	t.Helper()
	g, w := canon(got), canon(want)
	if reflect.DeepEqual(g, w) {
		return
	}
	gj, _ := json.MarshalIndent(g, "", "  ")
	wj, _ := json.MarshalIndent(w, "", "  ")
	t.Fatalf("%s differs:\ngot  %s\nwant %s", what, gj, wj)
}

// canon returns a deep copy of v in which the differences stores are
// allowed are erased: times are UTC truncated to milliseconds, nil and
// empty slices and maps are alike (both empty), a []any of strings is a
// []string and every number inside an interface is a float64 (decoded
// answers come back as what the driver decodes).
func canon(v any) any {
	if v == nil {
		return nil
	}
	return canonValue(reflect.ValueOf(v)).Interface()
}

var timeType = reflect.TypeFor[time.Time]()

func canonValue(v reflect.Value) reflect.Value {
	if v.Type() == timeType {
		tm := v.Interface().(time.Time)
		return reflect.ValueOf(tm.UTC().Truncate(ms))
	}
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return v
		}
		p := reflect.New(v.Type().Elem())
		p.Elem().Set(canonValue(v.Elem()))
		return p
	case reflect.Struct:
		c := reflect.New(v.Type()).Elem()
		for i := range v.NumField() {
			if c.Field(i).CanSet() {
				c.Field(i).Set(canonValue(v.Field(i)))
			}
		}
		return c
	case reflect.Slice:
		c := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		for i := range v.Len() {
			c.Index(i).Set(canonValue(v.Index(i)))
		}
		return c
	case reflect.Map:
		c := reflect.MakeMapWithSize(v.Type(), v.Len())
		for it := v.MapRange(); it.Next(); {
			c.SetMapIndex(it.Key(), canonValue(it.Value()))
		}
		return c
	case reflect.Interface:
		if v.IsNil() {
			return v
		}
		inner := canonDynamic(v.Elem())
		c := reflect.New(v.Type()).Elem()
		c.Set(inner)
		return c
	}
	return v
}

// canonDynamic canonicalises the dynamic value inside an interface.
func canonDynamic(v reflect.Value) reflect.Value {
	switch v.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return reflect.ValueOf(float64(v.Int()))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return reflect.ValueOf(float64(v.Uint()))
	case reflect.Float32:
		return reflect.ValueOf(v.Float())
	case reflect.Slice:
		if v.Type().Elem().Kind() == reflect.Interface {
			out := make([]string, 0, v.Len())
			for i := range v.Len() {
				s, ok := v.Index(i).Interface().(string)
				if !ok {
					return canonValue(v)
				}
				out = append(out, s)
			}
			return reflect.ValueOf(out)
		}
	}
	return canonValue(v)
}
