package data

import "encoding/json"

// The clocks of a record's fields are stored compactly: most fields of a
// record carry the same clock (the one of its creation, or of an edit that
// touched them all), so that clock is written once under "*" and only the
// fields that differ are named. Without this the clocks took more room
// than the records themselves (14 MB for 21,000 records of a demo store).

const defaultClockKey = "*"

// encodeClocks writes field clocks with the most common one under "*".
func encodeClocks(clocks map[string]string) string {
	counts := map[string]int{}
	common, best := "", 0
	for _, c := range clocks {
		counts[c]++
		if counts[c] > best || counts[c] == best && c > common {
			common, best = c, counts[c]
		}
	}
	out := make(map[string]string, len(clocks)-best+1)
	if best > 1 {
		out[defaultClockKey] = common
	}
	for f, c := range clocks {
		if best <= 1 || c != common {
			out[f] = c
		}
	}
	js, _ := json.Marshal(out)
	return string(js)
}

// decodeClocks expands stored clocks to one entry per field of e.
func decodeClocks(e *Entity, js string) (map[string]string, error) {
	stored := map[string]string{}
	if err := json.Unmarshal([]byte(js), &stored); err != nil {
		return nil, err
	}
	common, ok := stored[defaultClockKey]
	if !ok {
		return stored, nil
	}
	delete(stored, defaultClockKey)
	for _, f := range e.AllFields() {
		if _, set := stored[f.Name]; !set && f.Name != "id" {
			stored[f.Name] = common
		}
	}
	return stored, nil
}
