package engine_test

import (
	"context"
	"testing"
	"time"

	"github.com/triada-kpss/triada/engine"
)

// A commenter asks what is stored about them, then to be forgotten: the
// comments keep their text and settlement, lose the author, and no
// e-mail to the address is left to send.
func TestEngine_PersonalData(t *testing.T) {
	f := mustOpen(t)
	ctx := context.Background()
	f.mustConsultation(t)
	f.clock.Set(time.Date(2007, 10, 5, 0, 0, 0, 0, time.UTC))
	mine := comment("seniors", "Víc pečovatelek o víkendech.")
	mine.Author.Organisation, mine.Author.PublishName = "Spolek Senior", true
	first, err := f.SubmitComment(ctx, "kp-2008", mine)
	mustNil(t, err)
	second, err := f.SubmitComment(ctx, "kp-2008", comment("families", "Chybí poradna pro rodiny."))
	mustNil(t, err)
	theirs := comment("seniors", "Jiný názor.")
	theirs.Author.Email, theirs.Author.Name = "eva@example.cz", "Eva Malá"
	other, err := f.SubmitComment(ctx, "kp-2008", theirs)
	mustNil(t, err)

	_, err = f.ExportPersonalData(ctx, f.member, "jan@example.cz")
	wantCode(t, err, engine.EFORBIDDEN)
	_, err = f.ExportPersonalData(ctx, f.coordinator, "jan@")
	wantCode(t, err, engine.EINVALID)
	_, err = f.ErasePersonalData(ctx, f.member, "jan@example.cz")
	wantCode(t, err, engine.EFORBIDDEN)

	data, err := f.ExportPersonalData(ctx, f.coordinator, " JAN@example.cz ")
	mustNil(t, err)
	if data.Email != "jan@example.cz" || len(data.Comments) != 2 || data.Comments[0].ID != first.ID || data.Comments[1].ID != second.ID ||
		data.Comments[0].Author.Organisation != "Spolek Senior" || data.User != nil {
		t.Fatalf("export: %+v", data)
	}
	if len(data.Mail) != 2 {
		t.Fatalf("export: %d e-mails to the address, want the two receipts", len(data.Mail))
	}
	for _, m := range data.Mail {
		if m.To != "jan@example.cz" {
			t.Errorf("a message to %s in jan's export", m.To)
		}
	}
	staff, err := f.ExportPersonalData(ctx, f.coordinator, f.member.Email)
	mustNil(t, err)
	if staff.User == nil || staff.User.ID != f.member.ID || staff.User.PasswordHash != "" {
		t.Errorf("a staff account's export: %+v", staff.User)
	}

	// A coordinator triages the comment at the same time: both succeed.
	_, err = f.TriageComment(ctx, f.coordinator, first.ID, engine.TriageInput{Relevance: engine.NotRelevant, Response: "Mimo plán."})
	mustNil(t, err)
	erased, err := f.ErasePersonalData(ctx, f.coordinator, "jan@example.cz")
	mustNil(t, err)
	if erased.Comments != 2 || erased.Mail != 2 {
		t.Errorf("erasure: %+v", erased)
	}
	got, err := f.FindComment(ctx, f.coordinator, first.ID)
	mustNil(t, err)
	if got.Author.Name != "" || got.Author.Email != "" || got.Author.Municipality != "" || got.Author.Organisation != "" || got.Author.PublishName ||
		got.Text != "Víc pečovatelek o víkendech." || got.Relevance != engine.NotRelevant || got.Response != "Mimo plán." || got.ErasedAt().IsZero() {
		t.Errorf("erased comment: %+v", got)
	}
	if last := got.History[len(got.History)-1]; last.UserID != f.coordinator.ID || last.From != got.State || last.To != got.State {
		t.Errorf("the erasure in the history: %+v", last)
	}
	after, err := f.ExportPersonalData(ctx, f.coordinator, "jan@example.cz")
	mustNil(t, err)
	if len(after.Comments) != 0 || len(after.Mail) != 0 {
		t.Errorf("still stored after the erasure: %+v", after)
	}
	kept, err := f.FindComment(ctx, f.coordinator, other.ID)
	mustNil(t, err)
	if kept.Author.Email != "eva@example.cz" || kept.Author.Name != "Eva Malá" || !kept.ErasedAt().IsZero() {
		t.Errorf("another author's comment changed: %+v", kept.Author)
	}
	evas, err := f.ExportPersonalData(ctx, f.coordinator, "eva@example.cz")
	mustNil(t, err)
	if len(evas.Mail) != 1 {
		t.Errorf("another address's e-mails: %d, want its receipt", len(evas.Mail))
	}
}
