package sqlite

import "github.com/triada-kpss/triada/engine"

// migrationAttachments adds the links that go with a draft under
// consultation, as a JSON array of {title, url}.
const migrationAttachments = `
ALTER TABLE consultations ADD COLUMN attachments TEXT NOT NULL DEFAULT '[]';
`

type attachmentJSON struct {
	Title string `json:"title"`
	URL   string `json:"url"`
}

func attachmentsJSON(in []engine.Attachment) []attachmentJSON {
	out := make([]attachmentJSON, len(in))
	for i, a := range in {
		out[i] = attachmentJSON(a)
	}
	return out
}

// attachmentsFromJSON returns nil for none, as the engine writes them.
func attachmentsFromJSON(in []attachmentJSON) []engine.Attachment {
	if len(in) == 0 {
		return nil
	}
	out := make([]engine.Attachment, len(in))
	for i, a := range in {
		out[i] = engine.Attachment(a)
	}
	return out
}
