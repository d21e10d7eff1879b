// Package sync is Mahalleh's sync with HQ: the wire protocol (this file and
// PROTOCOL.md), the client the desktop app uses, and the HQ server.
//
// The protocol is HTTP + JSON, versioned by its path (/v1/...), gzip both
// ways. A device pushes its change log (data.Change) in batches and pulls
// record states (data.RemoteChange) paged by a server cursor. Merging is
// field by field on hybrid logical clocks (data.Merge), so every replica
// converges to the same values whatever the order of the rounds.
package sync

import "mahalleh/data"

// Version is the protocol version; it is also the first element of every path.
const Version = "v1"

// Roles a device can be enrolled with.
const (
	RoleOfficer    = "officer"    // a liaison officer: one district
	RoleSupervisor = "supervisor" // a district supervisor: one district
	RoleHQ         = "hq"         // HQ: every district, and reference data
)

// Limits of one request.
const (
	MaxBodyBytes = 8 << 20 // after gunzip
	MaxBatch     = 2000    // changes per push
	MaxPullPage  = 1000    // records per pull page
	// MaxPullPageBytes bounds a pull page by size too: HQ ends a page after
	// the record that brings the stored size of its records (fields and
	// clocks as JSON) to this many bytes. One record is at most about
	// 1 MiB (100,000 characters of minutes), so a page stays under ~5 MiB
	// before gzip, well inside what a client reads (MaxBodyBytes).
	MaxPullPageBytes = 4 << 20
	BlobChunkSize    = 1 << 20 // attachment upload chunk
)

// EnrolRequest exchanges a one-time code for a device token.
// POST /v1/enrol
//
// Nonce makes the exchange idempotent: the device makes it (32 random bytes,
// base64url) and keeps it until it has stored the token. If the reply is
// lost after HQ committed, the same code with the same nonce gets the same
// device id again with a fresh token (the token of the lost reply stops
// working), as long as the code has not expired and the device has never
// used its token. A used code with another nonce, or none, is 401 bad_code.
type EnrolRequest struct {
	Code       string `json:"code"`
	DeviceName string `json:"device_name"`
	Nonce      string `json:"nonce,omitempty"`
}

// EnrolResponse carries the token; the server keeps only its hash.
type EnrolResponse struct {
	DeviceID string `json:"device_id"`
	Token    string `json:"token"`
	District int    `json:"district"` // 0 for the HQ role
	Role     string `json:"role"`
	Officer  string `json:"officer"`
}

// PushRequest sends a batch of the local change log. BatchID is informative;
// idempotence comes from each change's ChangeID: a change the server has
// applied before is acknowledged and skipped.
// POST /v1/push
type PushRequest struct {
	BatchID string        `json:"batch_id"`
	Changes []data.Change `json:"changes"`
}

// PushResponse says what became of the batch. A 200 means every change of
// the batch is durably applied (or was already), except those named in
// Refused, which HQ did not store: the client marks the batch pushed and
// sets the refused changes aside (kept, shown, retried or discarded by a
// person), so that one refused change never blocks the others.
type PushResponse struct {
	Applied    int             `json:"applied"`
	Duplicates int             `json:"duplicates"`
	Conflicts  int             `json:"conflicts"`
	Refused    []RefusedChange `json:"refused,omitempty"`
}

// RefusedChange names one change of a push that HQ refused, and why.
type RefusedChange struct {
	Index     int    `json:"index"` // its position in the batch, from 0
	ChangeID  string `json:"change_id"`
	Code      string `json:"code"` // RefusedForbidden, RefusedInvalid or RefusedFuture
	Message   string `json:"message"`
	MessageFa string `json:"message_fa"`
}

// Codes of a refused change.
const (
	RefusedForbidden = "forbidden" // outside the device's district or role (reference data, another district's record)
	RefusedInvalid   = "invalid"   // fields that fail validation, an incomplete new record
	RefusedFuture    = "future"    // a clock or a timestamp more than a day ahead of HQ's time
)

// PullResponse is one page of record states changed after the cursor.
// GET /v1/pull?cursor=C&limit=N
type PullResponse struct {
	Changes []data.RemoteChange `json:"changes"`
	Cursor  string              `json:"cursor"`
	More    bool                `json:"more"`
}

// ErrorBody is the body of every 4xx and 5xx answer.
type ErrorBody struct {
	Error ErrorDetail `json:"error"`
}

// ErrorDetail says what happened and what to do, in English and Persian.
type ErrorDetail struct {
	Code      string `json:"code"` // machine-readable: "unauthorized", "revoked", "forbidden", "invalid", "too_large", …
	Message   string `json:"message"`
	MessageFa string `json:"message_fa"`
}

// StatusResponse is the cheap "who am I, what time is it" answer, which a
// client may use to check its token before a round.
// GET /v1/status
type StatusResponse struct {
	ServerTime string `json:"server_time"` // RFC 3339, UTC, milliseconds
	DeviceID   string `json:"device_id"`
	District   int    `json:"district"`
	Role       string `json:"role"`
	Officer    string `json:"officer"`
	Protocol   string `json:"protocol"` // Version
}

// Attachments (blobs) are addressed by the SHA-256 of their content, in
// lower-case hex. A device starts an upload only once an attachment record
// of its district naming that sha256 is on HQ (role hq: any district): push
// the attachment record first, then upload the content. A blob belongs to
// the district whose device started its upload; another district's device
// finds it absent (404) and may not name it in a new attachment record.
//
//	PUT  /v1/blobs/{sha256}?offset=N&size=TOTAL   body: bytes [N, N+len) (at most BlobChunkSize)
//	HEAD /v1/blobs/{sha256}                       headers below; 404 if nothing was received
//	GET  /v1/blobs/{sha256}                       the content, once complete (Range supported)
//
// An upload is resumable: HEAD (or the answer to the last PUT) says how many
// bytes HQ holds; send the next chunk from there. A chunk at an offset below
// that count is acknowledged without being written again (a resent chunk);
// one beyond it is refused (409). When the last byte arrives HQ checks the
// hash; on a mismatch it drops the upload (the device starts again at 0).
const (
	MaxBlobBytes        = data.MaxAttachmentBytes // one attachment (the registry's range of attachments.size)
	HeaderBlobSize      = "X-Blob-Size"           // total size in bytes, as declared on the first PUT
	HeaderBlobReceived  = "X-Blob-Received"       // bytes HQ holds so far
	HeaderBlobComplete  = "X-Blob-Complete"       // "true" once every byte is there and the hash is verified
	QueryBlobOffset     = "offset"
	QueryBlobSize       = "size"
	QueryPullCursor     = "cursor"
	QueryPullLimit      = "limit"
	DefaultPullPageSize = MaxPullPage
)

// BlobStatus is the body of the answer to a PUT of a blob chunk.
type BlobStatus struct {
	SHA256   string `json:"sha256"`
	Size     int64  `json:"size"`
	Received int64  `json:"received"`
	Complete bool   `json:"complete"`
}
