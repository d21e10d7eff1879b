package data

import (
	"reflect"
	"strings"
	"testing"
)

// typedRecords pairs every typed struct of model.go with its entity. An
// entity without a struct is listed with nil: screens use only Records for it.
var typedRecords = map[string]any{
	"subdistricts":   nil,
	"neighbourhoods": Neighbourhood{},
	"departments":    Department{},
	"people":         Person{},
	"meetings":       Meeting{},
	"attendance":     Attendance{},
	"agenda_items":   AgendaItem{},
	"concerns":       Concern{},
	"decisions":      Decision{},
	"action_items":   ActionItem{},
	"follow_ups":     FollowUp{},
	"projects":       Project{},
	"links":          Link{},
	"attachments":    nil,
	"conflicts":      Conflict{},
}

// TestTypedStructsMatchTheRegistry: Put and fromRecord go through JSON, so
// a struct tag that drifts from the registry's field name silently drops
// the field (a struct field nobody stores, or a stored field no screen
// sees). Every tag must name a field of the entity, of a matching kind, and
// every field of the entity must have a tag.
func TestTypedStructsMatchTheRegistry(t *testing.T) {
	for _, e := range Entities {
		v, listed := typedRecords[e.Name]
		if !listed {
			t.Errorf("entity %s is not in typedRecords: pair it with its struct of model.go (or nil)", e.Name)
			continue
		}
		if v == nil {
			continue
		}
		tags := jsonFields(reflect.TypeOf(v))
		for _, f := range e.AllFields() {
			typ, ok := tags[f.Name]
			if !ok {
				t.Errorf("%T has no field tagged %q (field %s.%s of the registry)", v, f.Name, e.Name, f.Name)
				continue
			}
			if !kindFits(f, typ) {
				t.Errorf("%T.%s is a %v, which cannot hold %s.%s (kind %d)", v, f.Name, typ, e.Name, f.Name, f.Kind)
			}
			delete(tags, f.Name)
		}
		for name := range tags {
			t.Errorf("%T has a field tagged %q, which entity %s does not have", v, name, e.Name)
		}
	}
	for name := range typedRecords {
		if EntityByName(name) == nil {
			t.Errorf("typedRecords names %s, which is no entity", name)
		}
	}
}

// jsonFields maps the JSON names of a struct's fields (embedded structs
// flattened, as encoding/json does) to their Go types.
func jsonFields(t reflect.Type) map[string]reflect.Type {
	out := map[string]reflect.Type{}
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		if sf.Anonymous && sf.Type.Kind() == reflect.Struct {
			for k, v := range jsonFields(sf.Type) {
				out[k] = v
			}
			continue
		}
		name, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
		if name == "-" || !sf.IsExported() {
			continue
		}
		if name == "" {
			name = sf.Name
		}
		out[name] = sf.Type
	}
	return out
}

// kindFits says whether a Go type holds a field's values: text, times and
// dates in a string, whole numbers in an int, references in a *string (or a
// string when required: it is never null).
func kindFits(f Field, typ reflect.Type) bool {
	switch f.Kind {
	case KindInt:
		return typ.Kind() == reflect.Int || typ.Kind() == reflect.Int64
	case KindBool:
		return typ.Kind() == reflect.Bool
	case KindRef:
		if typ.Kind() == reflect.Pointer {
			return typ.Elem().Kind() == reflect.String
		}
		return typ.Kind() == reflect.String && f.Required
	}
	return typ.Kind() == reflect.String
}
