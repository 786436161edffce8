package handlers

// confirmView asks before a staff action that cannot be taken back, or
// that changes what the public sees: removing a member or a person,
// revoking an invitation, opening or closing a questionnaire at once.
// Its form posts to Action; Back leads away without a change.
type confirmView struct {
	pageBase
	Heading, Text, Action, Button, Back string
	Hidden                              string // an invitation's hash, sent as "invite"
	Version                             int    // of the questionnaire the person saw
}
