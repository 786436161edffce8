// Package richtext renders the limited formatting that coordinators may
// use in the sections of a draft under consultation: headings, paragraphs,
// bulleted and numbered lists, links (http, https and mailto only),
// emphasis and strong emphasis, written in a small subset of Markdown.
//
// The output is HTML by construction: every character of the source is
// escaped, and the only tags are the few this package writes itself.
// Raw HTML in the source is shown as text, never passed through; markup
// that is not closed is shown as typed; a link to any other scheme
// (javascript:, data:, …) is shown as its text.
//
//	# Heading            (rendered one level below the section: <h3>)
//	## Smaller heading   (<h4>; ### gives <h5>)
//	A paragraph, lines joined until an empty line.
//	- a bullet (or * a bullet)
//	1. a numbered item
//	**strong**, *emphasis* or _emphasis_, [text](https://example.cz)
package richtext
