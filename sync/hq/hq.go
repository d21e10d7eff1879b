// Package hq is Mahalleh's HQ server: device enrolment, the sync endpoints
// (push with a field-by-field merge, paged pull, attachments), district
// scoping of every record of every request, the audit log, and the
// administration commands of the mahalleh-hq binary. It keeps no state but
// its database (hq.Store: SQLite via sqlitehq, PostgreSQL via pghq), so
// several servers can share one PostgreSQL behind a load balancer.
package hq

import (
	"time"

	"mahalleh/data"
	"mahalleh/sync/hq/hqdb"
)

// The storage types, defined in hqdb so that this package can open both
// stores without an import cycle.
type (
	Store     = hqdb.Store
	Tx        = hqdb.Tx
	Device    = hqdb.Device
	EnrolCode = hqdb.EnrolCode
	Record    = hqdb.Record
	RecordKey = hqdb.RecordKey
	Audit     = hqdb.Audit
	Blob      = hqdb.Blob
	District  = hqdb.District
)

// Districts are Tehran's 22 districts.
var Districts = hqdb.Districts

// EnrolCodeLife is how long an enrolment code stays valid.
const EnrolCodeLife = 7 * 24 * time.Hour

// MaxClockSkew is how far ahead of the server's time a change's clock may be:
// a device whose wall clock runs far ahead would otherwise win every merge.
const MaxClockSkew = data.MaxClockAhead

// now is the server's time; tests move it (enrolment codes expire).
var now = func() time.Time { return time.Now().UTC() }
