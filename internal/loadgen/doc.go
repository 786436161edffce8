// Package loadgen puts a Triada server under load and measures it: it
// generates valid answers to a questionnaire (Generator, Survey), submits
// them from concurrent clients (Run, APITarget) and reports throughput and
// latency percentiles (Result). Baseline is the yardstick: a minimal Gin
// handler that only decodes the same requests, so that a figure means
// something on any machine. cmd/triada-load and internal/crashtest use it.
package loadgen
