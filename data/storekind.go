package data

import "context"

// A store is either a demo (filled by the demo generator so that an officer
// can try the app) or a real office store. The kind is kept in the settings
// table under storeKindKey. A demo store holds made-up reference data
// (neighbourhoods HQ never sent), so it must never be enrolled or synced:
// HQ would refuse its records and the device would be stuck.
const storeKindKey = "store_kind"

// Store kinds, as kept in the settings table.
const (
	KindDemo = "demo"
	KindReal = "real"
)

// MarkDemo records that the store holds demo data.
func (s *Store) MarkDemo(ctx context.Context) error { return s.SetSetting(ctx, storeKindKey, KindDemo) }

// IsDemo reports whether the store holds demo data: it was marked as a demo,
// or (stores made before the mark existed) the demo generator wrote records
// into it.
func (s *Store) IsDemo(ctx context.Context) (bool, error) {
	kind, err := s.Setting(ctx, storeKindKey)
	if err != nil || kind != "" {
		return kind == KindDemo, err
	}
	var n int
	err = s.db.QueryRowContext(ctx, "SELECT count(*) FROM (SELECT 1 FROM neighbourhoods WHERE created_by = 'demo' LIMIT 1)").Scan(&n)
	if err != nil {
		return false, wrap("store kind", err, "cannot read the store", "انباره خوانده نشد")
	}
	return n > 0, nil
}

// ErrDemoStore is the refusal to enrol or sync a demo store.
func ErrDemoStore(op string) error {
	return &Error{Op: op, Code: ErrInvalid,
		Msg:   "this store holds demo data and cannot be enrolled or synced; start a real store (the app's first-start screen, or a new --db FILE) and enrol that one",
		MsgFa: "این انباره داده‌های نمایشی دارد و نمی‌تواند ثبت یا همگام شود؛ یک انبارهٔ واقعی بسازید (از صفحهٔ شروع برنامه یا با یک --db FILE تازه) و همان را ثبت کنید"}
}
