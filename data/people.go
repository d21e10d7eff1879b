package data

import (
	"context"
	"strings"

	"mahalleh/data/persian"
)

// minPhoneDigits is the shortest number FindPossibleDuplicates compares: a
// Tehran landline has eight digits; fewer is a fragment that many people share.
const minPhoneDigits = 7

// FindPossibleDuplicates returns the register entries of the district that
// may be the person about to be added: the same normalised name (typed with
// Arabic ي/ك, without a ZWNJ, …) or the same telephone number in any form
// (persian.PhoneKey). The "new person" form warns with them; at most 20,
// in Persian alphabetical order.
func (s *Store) FindPossibleDuplicates(ctx context.Context, district int, name, phone string) ([]Person, error) {
	key := normalize(name)
	ph := persian.PhoneKey(phone)
	if len(ph) < minPhoneDigits {
		ph = ""
	}
	if key == "" && ph == "" {
		return nil, nil
	}
	var out []Person
	err := s.each(ctx, "people", "district = ? AND ((name_norm = ? AND ? <> '') OR (phone_norm = ? AND ? <> ''))",
		[]any{district, key, key, ph, ph}, "sort_key", func(r Record) {
			if len(out) < 20 {
				var x Person
				fromRecord(r, &x)
				out = append(out, x)
			}
		})
	return out, err
}

// SearchPeople finds people of the district for the attendee picker: every
// word typed must be the start of a word of the name (Persian-normalised, so
// «علي» finds «علی», and a word after a ZWNJ counts as a word). Results come
// in Persian alphabetical order, at most limit (default 20). district 0
// searches every district of the store. It reads the person_words index, so
// it costs the same on a large register as on a small one for a name that
// is typed far enough to be told apart.
func (s *Store) SearchPeople(ctx context.Context, district int, text string, limit int) ([]Person, error) {
	if limit <= 0 || limit > 500 {
		limit = 20
	}
	words := strings.Fields(normalize(strings.ReplaceAll(text, "\u200c", " ")))
	if len(words) == 0 {
		return nil, nil
	}
	var w where
	w.add("t.deleted = 0")
	if district != 0 {
		w.add("t.district = ?", district)
	}
	for _, word := range words {
		w.add("t.id IN (SELECT person_id FROM person_words WHERE word >= ? AND word < ?)", word, word+"\U0010FFFF")
	}
	var out []Person
	_, err := s.listOrdered(ctx, "people", w, "sort_key", true, Page{Limit: limit}, func(r Record) string {
		var x Person
		fromRecord(r, &x)
		out = append(out, x)
		return ""
	})
	return out, err
}
