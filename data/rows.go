package data

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"
)

// writeRow inserts a new row, or updates the changed columns of an existing one.
func writeRow(ctx context.Context, tx *sql.Tx, e *Entity, rec Record, insert bool, changed []string) error {
	var q strings.Builder
	var args []any
	if insert {
		fields := e.AllFields()
		q.WriteString("INSERT INTO " + e.Name + " (" + selectList(e) + ") VALUES (")
		for i := range fields {
			if i > 0 {
				q.WriteString(", ")
			}
			q.WriteString("?")
			args = append(args, sqlValue(&fields[i], rec[fields[i].Name]))
		}
		q.WriteString(")")
	} else {
		q.WriteString("UPDATE " + e.Name + " SET ")
		for i, name := range changed {
			if i > 0 {
				q.WriteString(", ")
			}
			q.WriteString(name + " = ?")
			args = append(args, sqlValue(e.Field(name), rec[name]))
		}
		q.WriteString(" WHERE id = ?")
		args = append(args, rec.ID())
	}
	if _, err := tx.ExecContext(ctx, q.String(), args...); err != nil {
		return wrap("save "+e.Name, err, "cannot write the record", "ذخیره رکورد ممکن نشد")
	}
	if e.Name == "people" {
		name, _ := rec["name"].(string)
		phone, _ := rec["phone"].(string)
		return writePersonKeys(ctx, tx, rec.ID(), name, phone)
	}
	return nil
}

func readClocks(ctx context.Context, q querier, entity, id string) (map[string]string, error) {
	var js string
	err := q.QueryRowContext(ctx, "SELECT clocks FROM record_clocks WHERE entity = ? AND record_id = ?", entity, id).Scan(&js)
	clocks := map[string]string{}
	if errors.Is(err, sql.ErrNoRows) {
		return clocks, nil
	}
	if err != nil {
		return nil, wrap("clocks", err, "cannot read the record's clocks", "خواندن ساعت رکورد ممکن نشد")
	}
	clocks, err = decodeClocks(EntityByName(entity), js)
	if err != nil {
		return nil, wrap("clocks", err, "the record's clocks are damaged", "ساعت رکورد خراب است")
	}
	return clocks, nil
}

func writeClocks(ctx context.Context, tx *sql.Tx, entity, id string, clocks map[string]string) error {
	js := encodeClocks(clocks)
	_, err := tx.ExecContext(ctx, `INSERT INTO record_clocks (entity, record_id, clocks) VALUES (?, ?, ?)
		ON CONFLICT (entity, record_id) DO UPDATE SET clocks = excluded.clocks`, entity, id, js)
	if err != nil {
		return wrap("clocks", err, "cannot write the record's clocks", "ثبت ساعت رکورد ممکن نشد")
	}
	return nil
}

func itoa(n int) string { return strconv.Itoa(n) }
