// Package demo fills a store with a complete, realistic planning cycle of
// the fictional Mikroregion Podhůří (twelve municipalities around the small
// town Kamenice pod Hůrkou), so that a newcomer sees a full system with one
// command, `triada demo`: the built-in questionnaires; residents' answers
// to the needs survey, correlated as in life (older people use home care
// more, remote villages miss transport, carers miss respite care) and
// always valid against the definition, show_if included; fifteen
// providers with valid IČOs, listed in the catalogue and answering the
// capacity questionnaire through personal invitations; the working
// groups; a demo coordinator; and a public consultation on the draft plan
// with comments in every state of their settlement.
//
// Everything generated follows from a seed, and Load leaves what exists
// alone, so running it twice adds nothing.
package demo
