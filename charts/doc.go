// Package charts draws bar charts as SVG on the server, so that reports
// print and need no script.
//
// A chart is an accessible image (role="img", named by its <title> and
// described by its <desc>); the page shows the same figures in a table
// beside it, which is what a screen reader reads. Bars are horizontal,
// each with its label above it and its value written at its end; in a
// grouped chart every series has a colour AND a pattern, and every bar
// carries its series' name, so no bar is told apart by colour alone and
// the chart reads in black and white. Nothing uses a style attribute
// (the Content-Security-Policy forbids inline styles): sizes, colours and
// patterns are SVG attributes, and the page's style sheet may add more
// through the classes.
//
// The SVG has no viewBox: it is as wide as its container (width="100%")
// and lengths along the bars are percentages of that width, so that the
// text keeps its real size on a phone and in print.
package charts
