package engine

import (
	"fmt"
	"net/url"
	"strings"
)

// Attachment is a link that goes with a draft under consultation: the
// full plan as a PDF, an analysis, a map. Only http and https addresses.
type Attachment struct {
	Title string
	URL   string
}

// AttachmentInput is one attachment as a coordinator gives it.
type AttachmentInput struct {
	Title string `json:"title"`
	URL   string `json:"url"`
}

// MaxAttachments bounds the attachments of one consultation.
const MaxAttachments = 20

// attachments checks the attachments of a consultation and returns them
// trimmed; every problem is added to fe.
func (fe *fieldErrors) attachments(in []AttachmentInput) []Attachment {
	if len(in) > MaxAttachments {
		fe.add("attachments", "Give at most %d attachments (you gave %d).", MaxAttachments, len(in))
		return nil
	}
	out := make([]Attachment, 0, len(in))
	for i, a := range in {
		field := fmt.Sprintf("attachments[%d]", i)
		fe.text(field+".title", &a.Title, true, 300)
		a.URL = strings.TrimSpace(a.URL)
		if !webAddress(a.URL) {
			fe.add(field+".url", "Give a web address that begins with https:// or http://.")
		}
		out = append(out, Attachment(a))
	}
	return out
}

// webAddress reports whether u is an absolute http or https address with
// a host and no user name or password in it.
func webAddress(u string) bool {
	if len(u) > 2000 || strings.ContainsAny(u, " \t\r\n\"'<>`\\") {
		return false
	}
	p, err := url.Parse(u)
	if err != nil {
		return false
	}
	scheme := strings.ToLower(p.Scheme)
	return (scheme == "http" || scheme == "https") && p.Host != "" && p.User == nil
}
