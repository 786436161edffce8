package engine_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/triada-kpss/triada/engine"
)

// TestError_Text checks that an error keeps the English format and the
// arguments of its message, which pages translate, and that the message
// itself is as before.
func TestError_Text(t *testing.T) {
	e := engine.Errorf(engine.ECONFLICT, "A questionnaire with the id %q exists.", "needs-2027")
	if e.Error() != `A questionnaire with the id "needs-2027" exists.` || e.Message != e.Error() {
		t.Errorf("message %q", e.Message)
	}
	if format, args := e.Text(); format != "A questionnaire with the id %q exists." || !slices.Equal(args, []any{"needs-2027"}) {
		t.Errorf("Text() = %q, %v", format, args)
	}
	inv := engine.Invalid("100 % wrong.", engine.Fieldf("when", "Give %d days at most.", 7))
	if format, args := inv.Text(); format != "100 % wrong." || args != nil {
		t.Errorf("Invalid: Text() = %q, %v; want the message as it is", format, args)
	}
	if f := inv.Fields[0]; f.Message != "Give 7 days at most." || f.Format != "Give %d days at most." || !slices.Equal(f.Args, []any{7}) {
		t.Errorf("field %+v", f)
	}
	plain := &engine.Error{Code: engine.EINVALID, Message: "Made by hand."}
	if format, args := plain.Text(); format != "Made by hand." || args != nil {
		t.Errorf("an Error made by hand: Text() = %q, %v", format, args)
	}
	wrapped := fmt.Errorf("while saving: %w", engine.Errorf(engine.EINVALID, "Unknown role %q.", "boss").
		WithFields(engine.FieldError{Field: "role", Message: "Choose admin, coordinator or member."}))
	var got *engine.Error
	if !errors.As(wrapped, &got) || len(got.Fields) != 1 || got.Message != `Unknown role "boss".` {
		t.Errorf("WithFields: %+v", got)
	}
}

// TestFieldError_JSON checks that what a field error keeps for pages
// never reaches the API.
func TestFieldError_JSON(t *testing.T) {
	b, err := json.Marshal([]engine.FieldError{engine.Fieldf("filter", "Write a filter as QUESTION:VALUE, not %q.", "x"),
		{Field: "pages", Message: "Unknown key.", Line: 7}})
	want := `[{"field":"filter","message":"Write a filter as QUESTION:VALUE, not \"x\"."},{"field":"pages","message":"Unknown key.","line":7}]`
	if err != nil || string(b) != want {
		t.Errorf("%s, %v; want %s", b, err, want)
	}
}
