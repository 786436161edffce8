package export

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"time"

	"github.com/triada-kpss/triada/engine"
)

// jsonResponse is one response in a JSON export.
type jsonResponse struct {
	ID        string              `json:"id"`
	CreatedAt time.Time           `json:"created_at"`
	Answers   map[string]any      `json:"answers"`
	Codes     map[string][]string `json:"codes,omitempty"`
}

// WriteJSON writes x as one JSON array of responses, each
// {"id", "created_at", "answers": {QID: VALUE}, "codes": {QID: [...]}}
// with answers as the API takes them. It is streamed: "[", then each
// response as it is read, then "]". An array rather than JSON lines: any
// JSON reader opens it, and an export cut short (the store failed
// mid-way) is not valid JSON, where cut JSON lines would look complete.
func WriteJSON(ctx context.Context, w io.Writer, x *engine.Export) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	if _, err := bw.WriteString("["); err != nil {
		return err
	}
	first := true
	err := x.Walk(ctx, func(r *engine.ExportedResponse) error {
		if !first {
			if _, err := bw.WriteString(","); err != nil {
				return err
			}
		}
		first = false
		return enc.Encode(jsonResponse{ID: r.ID, CreatedAt: r.CreatedAt.UTC(), Answers: r.Answers, Codes: r.Codes})
	})
	if err != nil {
		return err
	}
	if _, err := bw.WriteString("]\n"); err != nil {
		return err
	}
	return bw.Flush()
}
