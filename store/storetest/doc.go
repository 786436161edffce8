// Package storetest is the conformance suite that every engine.Store
// passes, so that the SQLite and the MongoDB stores behave alike.
//
// A backend's test file calls Run with a function returning a fresh, empty
// store:
//
//	func TestStore(t *testing.T) {
//		storetest.Run(t, func(t *testing.T) engine.Store {
//			st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "t.db"))
//			if err != nil {
//				t.Fatal(err)
//			}
//			t.Cleanup(func() { st.Close() })
//			return st
//		})
//	}
//
// Subtests are named after the method and the case, for example
// "CreateQuestionnaire/ErrDuplicate", so `go test -run 'TestStore/CountAnswers'`
// runs one group. Every subtest gets its own store.
//
// What the suite allows stores to differ in: times may come back in
// another location and truncated to milliseconds (never rounded); nil and
// empty slices and maps are alike; decoded answers may hold []any for a
// list of strings and any numeric type for a number. Everything else is
// compared field by field.
//
// BenchmarkCountAnswers and BenchmarkCreateResponse measure a backend the
// same way (see their docs).
package storetest
