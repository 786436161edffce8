// Package pagefuzz holds fuzz targets for the server-rendered pages,
// driven through the whole handler (handlers.New over an embedded store)
// as apifuzz drives the JSON API: whatever a form posts or a query string
// holds, signed in or not, with or without the CSRF token, a page answers
// an HTML 2xx or 4xx with a body, or a redirect with a Location; never a
// 5xx or a panic. Run one for a while with
//
//	go test ./internal/pagefuzz -run '^$' -fuzz '^FuzzPageForm$' -fuzztime 60s -parallel 1
//
// A crasher it finds lands in testdata/fuzz and is then a regular test.
package pagefuzz
