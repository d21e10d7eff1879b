package data

import (
	"context"
	"database/sql"
	"slices"
	"strings"

	"mahalleh/data/persian"
)

// The people table carries three columns derived from a person's fields,
// for the lookups the screens make: name_norm (the search and duplicate key
// of the name), sort_key (Persian alphabetical order, persian.SortKey) and
// phone_norm (the number in one form, persian.PhoneKey). They are not
// fields of the entity: they never sync and are rebuilt from name and phone
// wherever a row is written (writeRow), so local saves, pulls and imports
// all keep them right.

// personKeysVersion names the definition of the derived keys. When SortKey
// or PhoneKey change, bump it: the next Open recomputes every row.
const personKeysVersion = "1"

const personKeysSetting = "people_keys_version"

// writePersonKeys sets the derived columns of one person row and the words
// of the name the attendee picker looks up (person_words).
func writePersonKeys(ctx context.Context, q execer, id, name, phone string) error {
	_, err := q.ExecContext(ctx, "UPDATE people SET name_norm = ?, sort_key = ?, phone_norm = ? WHERE id = ?",
		normalize(name), persian.SortKey(name), persian.PhoneKey(phone), id)
	if err == nil {
		_, err = q.ExecContext(ctx, "DELETE FROM person_words WHERE person_id = ?", id)
	}
	for _, word := range nameWords(name) {
		if err != nil {
			break
		}
		_, err = q.ExecContext(ctx, "INSERT OR IGNORE INTO person_words (word, person_id) VALUES (?, ?)", word, id)
	}
	if err != nil {
		return wrap("save people", err, "cannot write the record", "ذخیره رکورد ممکن نشد")
	}
	return nil
}

// nameWords are the normalised words of a name, and also the parts of a
// word joined by a ZWNJ (علی‌اکبر is found by «علی» and by «اکبر»).
func nameWords(name string) []string {
	words := strings.Fields(normalize(name))
	for _, w := range strings.Fields(normalize(strings.ReplaceAll(name, "\u200c", " "))) {
		if !slices.Contains(words, w) {
			words = append(words, w)
		}
	}
	return words
}

// backfillPersonKeys recomputes the derived columns of every person when the
// store was made before they existed (migration 00013) or with an older
// definition of them. It runs once per definition, in one transaction.
func (s *Store) backfillPersonKeys(ctx context.Context) error {
	v, err := s.Setting(ctx, personKeysSetting)
	if err != nil || v == personKeysVersion {
		return err
	}
	return s.Tx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, "SELECT id, name, phone FROM people")
		if err != nil {
			return wrap("open", err, "cannot update the register's sort order", "به‌روزرسانی ترتیب الفبایی فهرست افراد ممکن نشد")
		}
		type person struct{ id, name, phone string }
		var all []person
		for rows.Next() {
			var p person
			if err := rows.Scan(&p.id, &p.name, &p.phone); err != nil {
				rows.Close()
				return wrap("open", err, "cannot update the register's sort order", "به‌روزرسانی ترتیب الفبایی فهرست افراد ممکن نشد")
			}
			all = append(all, p)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return wrap("open", err, "cannot update the register's sort order", "به‌روزرسانی ترتیب الفبایی فهرست افراد ممکن نشد")
		}
		for _, p := range all {
			if err := writePersonKeys(ctx, tx, p.id, p.name, p.phone); err != nil {
				return err
			}
		}
		return setSetting(ctx, tx, personKeysSetting, personKeysVersion)
	})
}
