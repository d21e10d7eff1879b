package data

// The entity registry: one description of every record type that is stored,
// changed, synced, exported and imported. Sync and export work from this table
// instead of from hand-written code per type, so adding a field is one line
// here and one column in a migration.

// Kind is the value type of a field, as it appears in JSON and on the wire.
type Kind int

const (
	KindText Kind = iota // a string
	KindInt              // a whole number
	KindBool             // true or false
	KindTime             // an instant, RFC 3339 in UTC with milliseconds ("2025-10-01T12:30:00.000Z")
	KindDate             // a civil date, Gregorian "YYYY-MM-DD" (deadlines)
	KindRef              // the UUID of another record, or null
)

// Field describes one column of an entity.
type Field struct {
	Name     string
	Kind     Kind
	Required bool   // must be present and non-empty on create
	Ref      string // for KindRef: the entity it points to
	// FreeText fields (minutes, a decision's text) are never silently
	// overwritten by a concurrent edit: the losing version becomes a conflict.
	FreeText bool
	// Search puts the field's normalised text in the full-text index:
	// "title" fields rank above "body" fields.
	Search string
	MaxLen int // in runes; 0 means the default of 500
	Enum   []string
	// Min and Max bound a KindInt field (inclusive). Every int field has
	// them (a test holds the registry to it): the device and HQ both check
	// them in CheckValue, so a number one side stores the other can hold.
	Min, Max int64
}

// MaxAttachmentBytes is the largest attachment a record may describe; the
// sync protocol's blob limit (sync.MaxBlobBytes) is the same number.
const MaxAttachmentBytes = 64 << 20

// Entity describes one record type. Every entity also has the common fields
// id, district, created_at, updated_at, created_by, updated_by and deleted.
type Entity struct {
	Name   string // table name and JSON array name: "meetings"
	Fields []Field
	// Reference data (districts' subdistricts, neighbourhoods, departments)
	// is owned by HQ: devices receive it but only an HQ role may change it.
	Reference bool
}

// CommonFields are on every entity, in this order, before the entity's own.
var CommonFields = []Field{
	{Name: "id", Kind: KindRef, Required: true},
	{Name: "district", Kind: KindInt, Required: true, Min: 0, Max: 22},
	{Name: "created_at", Kind: KindTime, Required: true},
	{Name: "updated_at", Kind: KindTime, Required: true},
	{Name: "created_by", Kind: KindText, MaxLen: 200},
	{Name: "updated_by", Kind: KindText, MaxLen: 200},
	{Name: "deleted", Kind: KindBool},
}

// Value sets shared by entities and the UI.
var (
	PersonRoles     = []string{"elder", "imam", "council_member", "representative", "resident", "staff", "community_group", "notable", "other"}
	AttendeeRoles   = []string{"chair", "secretary", "member", "speaker", "guest", "observer"}
	MeetingKinds    = []string{"neighbourhood", "elders", "field_visit", "hq_supervision", "council", "other"}
	Priorities      = []string{"low", "normal", "high", "urgent"}
	ConcernStatuses = []string{"open", "in_progress", "resolved", "rejected"}
	ActionStatuses  = []string{"open", "in_progress", "done", "cancelled"}
	ProjectStatuses = []string{"planned", "in_progress", "done", "suspended"}
	ConflictStates  = []string{"open", "resolved"}
)

// Entities lists every synced entity, parents before children, which is
// the order in which export writes them and import reads them.
var Entities = []Entity{
	{Name: "subdistricts", Reference: true, Fields: []Field{
		{Name: "number", Kind: KindInt, Required: true, Min: 1, Max: 99},
		{Name: "name", Kind: KindText, Required: true},
	}},
	{Name: "neighbourhoods", Reference: true, Fields: []Field{
		{Name: "subdistrict_id", Kind: KindRef, Ref: "subdistricts"},
		{Name: "name", Kind: KindText, Required: true, Search: "title"},
	}},
	{Name: "departments", Reference: true, Fields: []Field{
		{Name: "code", Kind: KindText, Required: true, MaxLen: 40},
		{Name: "name_fa", Kind: KindText, Required: true},
		{Name: "name_en", Kind: KindText, Required: true},
	}},
	{Name: "people", Fields: []Field{
		{Name: "neighbourhood_id", Kind: KindRef, Ref: "neighbourhoods"},
		{Name: "name", Kind: KindText, Required: true, Search: "title"},
		{Name: "role", Kind: KindText, Required: true, Enum: PersonRoles},
		{Name: "phone", Kind: KindText, MaxLen: 40, Search: "body"},
		{Name: "organisation", Kind: KindText, Search: "body"},
		{Name: "notes", Kind: KindText, FreeText: true, MaxLen: 5000, Search: "body"},
	}},
	{Name: "meetings", Fields: []Field{
		{Name: "neighbourhood_id", Kind: KindRef, Ref: "neighbourhoods"},
		{Name: "kind", Kind: KindText, Required: true, Enum: MeetingKinds},
		{Name: "title", Kind: KindText, Required: true, Search: "title"},
		{Name: "starts_at", Kind: KindTime, Required: true},
		{Name: "ends_at", Kind: KindTime},
		{Name: "place", Kind: KindText, Search: "body"},
		{Name: "organiser_id", Kind: KindRef, Ref: "people"},
		{Name: "minutes", Kind: KindText, FreeText: true, MaxLen: 100000, Search: "body"},
	}},
	{Name: "attendance", Fields: []Field{
		{Name: "meeting_id", Kind: KindRef, Ref: "meetings", Required: true},
		{Name: "person_id", Kind: KindRef, Ref: "people"},
		{Name: "guest_name", Kind: KindText},
		{Name: "present", Kind: KindBool},
		{Name: "note", Kind: KindText},
		{Name: "meeting_role", Kind: KindText, Enum: AttendeeRoles},
	}},
	{Name: "agenda_items", Fields: []Field{
		{Name: "meeting_id", Kind: KindRef, Ref: "meetings", Required: true},
		{Name: "position", Kind: KindInt, Min: 0, Max: 10000},
		{Name: "text", Kind: KindText, Required: true, FreeText: true, MaxLen: 5000},
	}},
	{Name: "concerns", Fields: []Field{
		{Name: "meeting_id", Kind: KindRef, Ref: "meetings"},
		{Name: "neighbourhood_id", Kind: KindRef, Ref: "neighbourhoods"},
		{Name: "department_id", Kind: KindRef, Ref: "departments"},
		{Name: "title", Kind: KindText, Required: true, Search: "title"},
		{Name: "description", Kind: KindText, FreeText: true, MaxLen: 20000, Search: "body"},
		{Name: "priority", Kind: KindText, Required: true, Enum: Priorities},
		{Name: "raised_by_id", Kind: KindRef, Ref: "people"},
		{Name: "status", Kind: KindText, Required: true, Enum: ConcernStatuses},
	}},
	{Name: "decisions", Fields: []Field{
		{Name: "meeting_id", Kind: KindRef, Ref: "meetings"},
		{Name: "text", Kind: KindText, Required: true, FreeText: true, MaxLen: 20000, Search: "title"},
	}},
	{Name: "action_items", Fields: []Field{
		{Name: "meeting_id", Kind: KindRef, Ref: "meetings"},
		{Name: "decision_id", Kind: KindRef, Ref: "decisions"},
		{Name: "neighbourhood_id", Kind: KindRef, Ref: "neighbourhoods"},
		{Name: "department_id", Kind: KindRef, Ref: "departments"},
		{Name: "title", Kind: KindText, Required: true, Search: "title"},
		{Name: "details", Kind: KindText, FreeText: true, MaxLen: 20000, Search: "body"},
		{Name: "responsible_id", Kind: KindRef, Ref: "people"},
		{Name: "responsible_name", Kind: KindText},
		{Name: "due_date", Kind: KindDate},
		{Name: "status", Kind: KindText, Required: true, Enum: ActionStatuses},
	}},
	{Name: "follow_ups", Fields: []Field{
		{Name: "action_item_id", Kind: KindRef, Ref: "action_items", Required: true},
		{Name: "noted_at", Kind: KindTime, Required: true},
		{Name: "note", Kind: KindText, Required: true, FreeText: true, MaxLen: 5000},
		{Name: "new_status", Kind: KindText},
	}},
	{Name: "projects", Fields: []Field{
		{Name: "neighbourhood_id", Kind: KindRef, Ref: "neighbourhoods"},
		{Name: "department_id", Kind: KindRef, Ref: "departments"},
		{Name: "title", Kind: KindText, Required: true, Search: "title"},
		{Name: "description", Kind: KindText, FreeText: true, MaxLen: 20000, Search: "body"},
		{Name: "status", Kind: KindText, Required: true, Enum: ProjectStatuses},
		{Name: "progress", Kind: KindInt, Min: 0, Max: 100}, // per cent
	}},
	{Name: "links", Fields: []Field{
		{Name: "from_entity", Kind: KindText, Required: true},
		{Name: "from_id", Kind: KindRef, Required: true},
		{Name: "to_entity", Kind: KindText, Required: true},
		{Name: "to_id", Kind: KindRef, Required: true},
		{Name: "relation", Kind: KindText},
	}},
	{Name: "attachments", Fields: []Field{
		{Name: "meeting_id", Kind: KindRef, Ref: "meetings", Required: true},
		{Name: "file_name", Kind: KindText, Required: true},
		{Name: "sha256", Kind: KindText, Required: true, MaxLen: 64},
		{Name: "size", Kind: KindInt, Min: 0, Max: MaxAttachmentBytes}, // bytes
		{Name: "mime", Kind: KindText},
	}},
	{Name: "conflicts", Fields: []Field{
		{Name: "entity", Kind: KindText, Required: true},
		{Name: "record_id", Kind: KindRef, Required: true},
		{Name: "field", Kind: KindText, Required: true},
		{Name: "kept_value", Kind: KindText, MaxLen: 100000},
		{Name: "lost_value", Kind: KindText, MaxLen: 100000},
		{Name: "lost_by", Kind: KindText},
		{Name: "lost_clock", Kind: KindText},
		{Name: "state", Kind: KindText, Required: true, Enum: ConflictStates},
		{Name: "resolution", Kind: KindText, MaxLen: 100000},
	}},
}

var entityIndex, allFields = func() (map[string]*Entity, map[string][]Field) {
	m := make(map[string]*Entity, len(Entities))
	all := make(map[string][]Field, len(Entities))
	for i := range Entities {
		e := &Entities[i]
		m[e.Name] = e
		all[e.Name] = append(append([]Field(nil), CommonFields...), e.Fields...)
	}
	return m, all
}()

// EntityByName returns the entity called name, or nil.
func EntityByName(name string) *Entity { return entityIndex[name] }

// AllFields returns the common fields followed by the entity's own. The
// slice is shared (it is asked for on every write and every merge): do not
// modify it.
func (e *Entity) AllFields() []Field {
	if all, ok := allFields[e.Name]; ok {
		return all
	}
	return append(append([]Field(nil), CommonFields...), e.Fields...)
}

// Field returns the named field (common or own), or nil.
func (e *Entity) Field(name string) *Field {
	for i := range CommonFields {
		if CommonFields[i].Name == name {
			return &CommonFields[i]
		}
	}
	for i := range e.Fields {
		if e.Fields[i].Name == name {
			return &e.Fields[i]
		}
	}
	return nil
}

// Searchable reports whether any field of e goes into the full-text index;
// records of other entities (attendance, links…) get no index entry at all.
func (e *Entity) Searchable() bool {
	for _, f := range e.Fields {
		if f.Search != "" {
			return true
		}
	}
	return false
}
