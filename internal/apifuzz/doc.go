// Package apifuzz holds fuzz targets for the JSON API's request decoding,
// driven through the whole handler (handlers.New over an embedded store):
// whatever the body, the API answers a JSON 2xx or 4xx, never a 5xx or a
// panic, and a response it accepts is one the questionnaire's rules
// accept. Run one for a while with
//
//	go test ./internal/apifuzz -run '^$' -fuzz FuzzSubmitResponse -fuzztime 60s
//
// A crasher it finds lands in testdata/fuzz and is then a regular test.
package apifuzz
