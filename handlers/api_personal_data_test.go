package handlers_test

import (
	"testing"
	"time"

	"github.com/triada-kpss/triada/engine"
)

func TestAPI_PersonalData(t *testing.T) {
	c := mustServe(t)
	coord := c.token("koordinatorka@example.cz", engine.RoleCoordinator)
	member := c.token("clen@example.cz", engine.RoleMember)
	c.clock.Set(time.Date(2027, 10, 5, 0, 0, 0, 0, time.UTC))
	c.want(201, "POST", "/consultations", coord, `{"id":"kp-2028","title":"Komunitní plán","sections":[{"id":"seniors","title":"Senioři","text":"Opatření"}],`+
		`"opens_at":"2027-10-01T00:00:00Z","closes_at":"2027-11-01T00:00:00Z"}`)
	c.want(201, "POST", "/consultations/kp-2028/comments", "",
		`{"section":"seniors","text":"Víc odlehčovacích služeb.","author":{"name":"Jan Novák","email":"jan@example.cz","municipality":"Slaný"}}`)

	c.want(401, "GET", "/personal-data?email=jan@example.cz", "", "")
	c.want(403, "GET", "/personal-data?email=jan@example.cz", member, "")
	c.want(422, "GET", "/personal-data?email=jan", coord, "")
	v := c.want(200, "GET", "/personal-data?email=jan@example.cz", coord, "")
	if field(v, "email") != "jan@example.cz" || field(v, "account") != nil || field(v, "comments", 0, "reference") != "P-2027-001" ||
		field(v, "comments", 0, "author", "email") != "jan@example.cz" || field(v, "mail", 0, "subject") == nil {
		t.Fatalf("export: %v", v)
	}

	c.want(403, "POST", "/personal-data/erase", member, `{"email":"jan@example.cz"}`)
	c.want(400, "POST", "/personal-data/erase", coord, `{"email":`)
	c.want(422, "POST", "/personal-data/erase", coord, `{"email":"jan@"}`)
	if v := c.want(200, "POST", "/personal-data/erase", coord, `{"email":"jan@example.cz"}`); field(v, "comments") != 1.0 || field(v, "mail") != 1.0 {
		t.Errorf("erasure: %v", v)
	}
	if v := c.want(200, "GET", "/personal-data?email=jan@example.cz", coord, ""); len(field(v, "comments").([]any)) != 0 || len(field(v, "mail").([]any)) != 0 {
		t.Errorf("after the erasure: %v", v)
	}
	if v := c.want(200, "GET", "/consultations/kp-2028/comments", coord, ""); field(v, 0, "text") != "Víc odlehčovacích služeb." || field(v, 0, "author", "name") != "" {
		t.Errorf("the comment after the erasure: %v", v)
	}
}
