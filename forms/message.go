package forms

import "fmt"

// Messages are English. A page in another language translates them
// gettext-style: the English format is the key of a catalog (see the
// i18n package), and the arguments are put into the translation. So every
// message built from a format keeps the format and its arguments.

// Fieldf returns the FieldError of field whose message is format
// formatted with args, keeping both so that the message can be
// translated.
func Fieldf(field, format string, args ...any) FieldError {
	return FieldError{Field: field, Message: fmt.Sprintf(format, args...), Format: format, Args: args}
}

// Text returns the English format of the message and its arguments: the
// ones it was made from, or the message itself without arguments when it
// was made as a plain text.
func (f FieldError) Text() (string, []any) { return messageText(f.Message, f.Format, f.Args) }

// Text returns the English format of the problem's message and its
// arguments, like FieldError.Text.
func (p Problem) Text() (string, []any) { return messageText(p.Message, p.Format, p.Args) }

// messageText is the format and arguments a message was made from, or the
// message itself when it was made as a plain text (no format).
func messageText(message, format string, args []any) (string, []any) {
	if format == "" {
		return message, nil
	}
	return format, args
}

// FieldError returns the problem as a FieldError, its message's format and
// arguments included.
func (p Problem) FieldError() FieldError {
	return FieldError{Field: p.Field, Message: p.Message, Line: p.Line, Format: p.Format, Args: p.Args}
}

// Phrase is a part of a message given as one of its arguments ("a list",
// "a question"). fmt prints it in English; a page translates it with the
// message, because it has a Text like the message has.
type Phrase struct {
	Format string
	Args   []any
}

// Phrasef returns the phrase format formatted with args.
func Phrasef(format string, args ...any) Phrase { return Phrase{Format: format, Args: args} }

// String returns the phrase in English.
func (p Phrase) String() string { return fmt.Sprintf(p.Format, p.Args...) }

// Text returns the English format of the phrase and its arguments.
func (p Phrase) Text() (string, []any) { return p.Format, p.Args }
