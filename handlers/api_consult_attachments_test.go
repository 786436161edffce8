package handlers_test

import (
	"strings"
	"testing"

	"github.com/triada-kpss/triada/engine"
)

// Attachments are an optional part of a consultation: links that go
// with the draft, http and https only; a consultation without them lists
// none.
func TestAPI_ConsultationAttachments(t *testing.T) {
	c := mustServe(t)
	coord := c.token("koordinatorka@example.cz", engine.RoleCoordinator)
	base := `{"title":"Plán","sections":[{"id":"a","title":"A","text":"x"}],"opens_at":"2027-10-01T00:00:00Z","closes_at":"2027-11-01T00:00:00Z"`
	v := c.want(201, "POST", "/consultations", coord, `{"id":"with",`+strings.TrimPrefix(base, "{")+
		`,"attachments":[{"title":"Plán v PDF","url":"https://slany.cz/plan.pdf"}]}`)
	if field(v, "attachments", 0, "url") != "https://slany.cz/plan.pdf" {
		t.Errorf("created: %v", v)
	}
	if v := c.want(200, "GET", "/consultations/with", "", ""); field(v, "attachments", 0, "title") != "Plán v PDF" {
		t.Errorf("read: %v", v)
	}
	c.want(201, "POST", "/consultations", coord, `{"id":"without",`+strings.TrimPrefix(base, "{")+`}`)
	if v := c.want(200, "GET", "/consultations/without", "", ""); len(field(v, "attachments").([]any)) != 0 {
		t.Errorf("without attachments: %v", v)
	}
	v = c.want(422, "POST", "/consultations", coord, `{"id":"bad",`+strings.TrimPrefix(base, "{")+
		`,"attachments":[{"title":"x","url":"javascript:alert(1)"}]}`)
	if field(v, "errors", 0, "field") != "attachments[0].url" {
		t.Errorf("bad attachment: %v", v)
	}
	c.want(404, "GET", "/consultations/bad", "", "")
}
