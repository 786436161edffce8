// Package i18n holds Triada's interface texts in Czech (the default),
// Slovak and English as embedded JSON catalogs, picks a person's language
// from a choice or an Accept-Language header, and applies the plural rules
// of each language (Czech and Slovak: 1, 2–4, other). It is a leaf: it
// imports nothing of Triada.
//
// A catalog maps a message key to a text, or for a counted text to a list
// of forms: three for Czech and Slovak (one; two to four; other), two for
// English (one; other). Texts are fmt formats.
//
// The engine's and the questionnaire checker's messages are English
// sentences rather than keys. catalogs/engine.cs.json and engine.sk.json map
// each English format to its translation, and Printer.Message formats the
// translation, or the English when there is none (messages.go).
package i18n
