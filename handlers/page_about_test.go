package handlers

import (
	"net/http"
	"testing"
)

func TestPages_AccessibilityAndPrivacy(t *testing.T) {
	f := MustServePages(t, PageOptions{Operator: "Město Slaný", ContactEmail: "kpss@meuslany.cz"})
	v := f.visitor(t)
	v.get("/accessibility").want(t, http.StatusOK, "<h1", "Prohlášení o přístupnosti", "Město Slaný usiluje", "99/2019 Sb.", `href="mailto:kpss@meuslany.cz"`)
	v.get("/privacy?lang=sk").want(t, http.StatusOK, "Ochrana osobných údajov", "Prevádzkovateľom osobných údajov na týchto stránkach je Město Slaný", "30 dní", "triada_session")
	v.get("/privacy?lang=en").want(t, http.StatusOK, "Privacy", "never published", "kept for 30 days")
	// Every page links to both, and to the sign-in for staff.
	v.get("/").want(t, http.StatusOK, `href="/accessibility"`, `href="/privacy"`, `href="/signin"`)

	// Without an operator configured the pages still read whole.
	bare := MustServePages(t, PageOptions{})
	bare.visitor(t).get("/accessibility?lang=en").want(t, http.StatusOK, "The operator wants these pages").lacks(t, "mailto:")
}
