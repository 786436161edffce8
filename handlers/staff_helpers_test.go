package handlers

import (
	"context"
	"net/url"
	"testing"

	"github.com/triada-kpss/triada/engine"
)

// staffPassword is the password of every user the tests add.
const staffPassword = "correct horse battery"

// mustUser adds a user with the role and staffPassword.
func (f *pageFixture) mustUser(tb testing.TB, email string, role engine.Role) *engine.User {
	tb.Helper()
	u, err := f.eng.AddUser(context.Background(), email, role, "", staffPassword)
	if err != nil {
		tb.Fatal(err)
	}
	return u
}

// signedIn returns a new browser signed in as a new user with the
// e-mail and role, on the staff area's first page.
func (f *pageFixture) signedIn(tb testing.TB, email string, role engine.Role) *visitor {
	tb.Helper()
	f.mustUser(tb, email, role)
	v := f.visitor(tb)
	v.signIn(email, staffPassword).redirects(tb, "/work")
	return v
}

// signIn posts the sign-in form.
func (v *visitor) signIn(email, password string) *page {
	v.tb.Helper()
	return v.post("/signin", url.Values{"email": {email}, "password": {password}})
}
