package data

import "mahalleh/data/persian"

// normalize is the one key used for search and duplicate detection.
func normalize(s string) string { return persian.Normalize(s) }
