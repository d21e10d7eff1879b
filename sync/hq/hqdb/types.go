// Package hqdb is the storage layer of the HQ server: the Store and Tx
// interfaces that package hq's logic runs on, and one SQL implementation of
// them shared by the SQLite (sqlitehq) and PostgreSQL (pghq) stores, which
// differ only in their connection, their migrations and a few dialect
// details. The interfaces live here, not in package hq, so that package hq
// can open both stores (its command line does) without an import cycle;
// package hq re-exports them as hq.Store, hq.Tx, hq.Device and so on.
package hqdb

import (
	"context"
	"errors"
	"time"

	"mahalleh/data"
)

// Store is an HQ database. All logic (merge, scoping, enrolment) lives in
// package hq and runs inside the transactions a Store hands out, so it is
// written once for both databases.
type Store interface {
	// Update runs fn in one read-write transaction: all of it commits or none.
	Update(ctx context.Context, fn func(tx Tx) error) error
	// View runs fn in a read-only transaction with a consistent snapshot.
	View(ctx context.Context, fn func(tx Tx) error) error
	// Dialect is "sqlite" or "postgres", for logs and tests.
	Dialect() string
	Close() error
}

// Tx is what a transaction can do. Methods take no context: the Tx carries
// the one given to Update or View.
type Tx interface {
	// LockDistricts locks the record sequences of the districts, held until
	// the transaction ends, so that within a district seq order equals
	// commit order and a pull cursor never skips a record that committed
	// late. Writes of other districts go on meanwhile.
	LockDistricts(districts []int) error
	// LockRecords locks every district (reference data, blob ownership).
	LockRecords() error
	// GetRecord returns the record, tombstoned or not; nil when absent.
	GetRecord(entity, id string) (*Record, error)
	// PutRecord inserts or replaces the record and gives it the next seq of
	// its district (r.Seq is set). Lock its district first.
	PutRecord(r *Record) error
	// RecordsAfter returns up to limit records of the districts that come
	// after the cursor, in (seq, district) order: each district's part is
	// the next records of its sequence. It stops early, after the record
	// that brings the stored size of the records read (fields and clocks)
	// to maxBytes or more, so that a page of long minutes stays small; more
	// says records were left. Records whose Origin is skipOrigin (not "")
	// are passed over, not returned, but the cursor moves past them. next
	// is the cursor after what was read.
	RecordsAfter(cursor Cursor, districts []int, limit, maxBytes int, skipOrigin string) (recs []Record, next Cursor, more bool, err error)
	// LiveRecords returns the records of entity that are not deleted, of the
	// district and district 0 (0 means all), sorted by id.
	LiveRecords(entity string, district int) ([]Record, error)
	// LiveRecordsReferring returns the live records of entity in district
	// whose field (a reference) names id, sorted by id: the follow-up notes
	// of one action item, without decoding every note of the district.
	LiveRecordsReferring(entity string, district int, field, id string) ([]Record, error)
	// BlobDistricts lists the districts of live attachment records that
	// name the blob sha256: who may read it.
	BlobDistricts(sha string) ([]int, error)

	// GetRecords is GetRecord for many records at once: the stored ones
	// among keys; absent ones are not in the map.
	GetRecords(keys []RecordKey) (map[RecordKey]*Record, error)
	// PutRecords is PutRecord for many distinct records at once, in order:
	// each gets the next seq, as if put one by one.
	PutRecords(rs []*Record) error

	IsApplied(changeID string) (bool, error)
	// AppliedChanges returns those of ids that were applied before.
	AppliedChanges(ids []string) (map[string]bool, error)
	MarkApplied(changeID, device string, at time.Time) error
	MarkAppliedAll(ids []string, device string, at time.Time) error
	AddAudit(a Audit) error
	// AddAudits appends audit rows in order (AuditFor returns them so).
	AddAudits(as []Audit) error

	AddEnrolCode(c EnrolCode) error
	// UseEnrolCode marks the code used and returns it, or returns nil if
	// the code is unknown, already used, or expired at now.
	UseEnrolCode(hash string, now time.Time) (*EnrolCode, error)
	// EnrolCode returns the code in whatever state (used, expired), nil
	// when unknown: a retried enrolment looks for the device it made.
	EnrolCode(hash string) (*EnrolCode, error)
	// BindEnrolCode records on a used code the hash of the device's nonce
	// and the device the code made.
	BindEnrolCode(hash, nonceHash, deviceID string) error

	AddDevice(d Device) error
	DeviceByTokenHash(hash string) (*Device, error)
	// DeviceByID returns the device, nil when unknown.
	DeviceByID(id string) (*Device, error)
	// SetDeviceToken replaces the hash of a device's token.
	SetDeviceToken(id, tokenHash string) error
	Devices() ([]Device, error)
	// RevokeDevice reports whether a device with that id exists.
	RevokeDevice(id string, at time.Time) (bool, error)
	// TouchDevice records a request (and, if synced, a sync) at time at.
	TouchDevice(id string, at time.Time, synced bool) error

	// Blob returns the upload state of a blob, nil when nothing was sent.
	Blob(sha string) (*Blob, error)
	// CreateBlob starts an upload owned by district (0: an HQ device).
	CreateBlob(sha string, size int64, district int) error
	// AddBlobChunk stores data at offset (which must equal the bytes
	// received so far) and moves the received count.
	AddBlobChunk(sha string, offset int64, chunk []byte) error
	// BlobChunks calls fn with the stored chunks of a blob in order, one
	// at a time, so that hashing a blob never holds all of it in memory.
	BlobChunks(sha string, fn func(chunk []byte) error) error
	// BlobRange returns up to n bytes of a blob from offset: the part of
	// the one stored chunk that holds offset, so at most one chunk.
	BlobRange(sha string, offset int64, n int) ([]byte, error)
	CompleteBlob(sha string) error
	DeleteBlob(sha string) error

	// Counts returns the number of records and audit rows (tests and status).
	Counts() (records, audit int, err error)
	// AuditFor returns the audit rows of one record, oldest first.
	AuditFor(entity, id string) ([]Audit, error)
}

// Record is a record as HQ keeps it: its current field values and the
// clock of each field. Fields holds every field but "id", in canonical form
// (string, int64, bool or nil: see data.CheckFields).
type Record struct {
	Entity   string
	ID       string
	District int
	Fields   data.Record
	Clocks   map[string]string
	Deleted  bool
	Seq      int64 // its number in its district's sequence
	// Origin is the device whose pushes made the whole current state ("" when
	// another device, HQ or a merge of several had a part): that device
	// holds the record already, and a pull does not send it back to it.
	Origin string
}

// Device is an enrolled device.
type Device struct {
	ID         string
	Name       string
	District   int
	Role       string
	Officer    string
	TokenHash  string
	CreatedAt  time.Time
	RevokedAt  *time.Time
	LastSeenAt *time.Time
	LastSyncAt *time.Time
}

// EnrolCode is a one-time enrolment code, kept hashed.
type EnrolCode struct {
	Hash      string
	District  int
	Officer   string
	Role      string
	ExpiresAt time.Time
	UsedAt    *time.Time
	NonceHash string // of the nonce the enrolling device sent; "" if none
	DeviceID  string // the device the code made; "" while unused
}

// Audit is one accepted change.
type Audit struct {
	At       time.Time
	Device   string
	Officer  string
	Entity   string
	RecordID string
	Fields   []string
	Clock    string
}

// Blob is the upload state of an attachment's content.
type Blob struct {
	SHA256   string
	Size     int64
	Received int64
	Complete bool
	// District is the blob's owner: the district of the device that
	// started the upload (0: an HQ device). Access follows it.
	District int
}

// ErrClosed is returned after Close.
var ErrClosed = errors.New("hq store is closed")
