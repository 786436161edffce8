// Package export writes a questionnaire's responses as CSV, XLSX and
// JSON, streamed from engine.Export: one batch of responses is in memory
// at a time, whatever their number.
//
// Every format has one row (or object) per response with the same
// columns (Columns): the response id and time, then one column per
// question — a multi question split into one 0/1 column per option
// ("qid:value"), a free-text question followed by its codes ("qid#codes").
package export
