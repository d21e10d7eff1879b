// Package client is the device side of Mahalleh's sync with HQ: enrolment,
// one sync round (push the change log, pull what changed, exchange
// attachments), the sync status and the conflicts a person has to resolve.
//
// Every function blocks until done and takes a context, so a screen runs it
// in a goroutine, shows Progress as it comes and cancels with the context;
// the store stays consistent whenever it is cancelled, because each pushed
// batch is marked and each pulled page is applied in one transaction. No
// function here touches the UI: the caller bridges to its own thread.
package client

import (
	"context"
	"encoding/json"
	"strconv"
	gosync "sync"
	"time"

	"mahalleh/data"
	msync "mahalleh/sync"
)

// Keys of the store's settings table this package owns.
const (
	keyServer    = "sync_server"
	keyDeviceID  = "sync_device_id"
	keyToken     = data.SettingSyncToken // the store reads these three to know its scope
	keyDistrict  = data.SettingSyncDistrict
	keyRole      = data.SettingSyncRole
	keyOfficer   = data.SettingSyncOfficer
	keyLastSync  = "sync_last_at"     // RFC 3339 of the last complete round
	keyLastError = "sync_last_error"  // JSON of lastError, "" after a good round
	keyCursor    = "pull_cursor"      // written by data.Store.ApplyPull
	keyNonce     = "sync_enrol_nonce" // the nonce of an enrolment whose token is not yet stored
)

// Client syncs one store with the HQ server it was enrolled with. It is safe
// to use from several goroutines; two Syncs of one Client never overlap.
type Client struct {
	store *data.Store
	opts  Options
	wire  *wire
	enrol Enrolment
	mu    gosync.Mutex // held during a Sync
}

// New makes a Client from the enrolment saved in the store's settings. It
// fails with KindNotEnrolled when the store has never been enrolled.
func New(store *data.Store, opts Options) (*Client, error) {
	en, err := loadEnrolment(context.Background(), store)
	if err != nil {
		return nil, err
	}
	if en == nil {
		return nil, notEnrolled()
	}
	opts = opts.withDefaults()
	if opts.PullPage <= 0 || opts.PullPage > msync.MaxPullPage {
		opts.PullPage = msync.MaxPullPage
	}
	if opts.PushBatch <= 0 || opts.PushBatch > msync.MaxBatch {
		opts.PushBatch = msync.MaxBatch
	}
	return &Client{store: store, opts: opts, enrol: *en, wire: newWire(en.Server, en.Token, opts)}, nil
}

// Enrolment is what the server said about this device when it was enrolled.
type Enrolment struct {
	Server   string
	DeviceID string
	Token    string `json:"-"`
	District int    // 0 for the HQ role
	Role     string
	Officer  string
}

// Enrolment returns the device's enrolment (without its token).
func (c *Client) Enrolment() Enrolment { e := c.enrol; e.Token = ""; return e }

func loadEnrolment(ctx context.Context, s *data.Store) (*Enrolment, error) {
	get := func(k string) string {
		v, err := s.Setting(ctx, k)
		if err != nil {
			return ""
		}
		return v
	}
	en := &Enrolment{Server: get(keyServer), DeviceID: get(keyDeviceID), Token: get(keyToken),
		Role: get(keyRole), Officer: get(keyOfficer)}
	if en.Server == "" || en.Token == "" {
		return nil, nil
	}
	en.District, _ = strconv.Atoi(get(keyDistrict))
	return en, nil
}

// Status is what a sync screen shows when it opens.
type Status struct {
	Enrolled    bool
	Server      string
	DeviceID    string
	District    int
	Role        string
	Officer     string
	LastSync    time.Time // zero if never
	LastError   string    // English, "" when the last round went well
	LastErrorFa string    // Persian
	Pending     int       // local changes waiting to be pushed
	Refused     int       // local changes HQ refused, set aside (mahalleh refused)
	Conflicts   int       // open conflicts waiting for a decision
}

type lastError struct {
	At      string `json:"at"`
	Message string `json:"message"`
	Fa      string `json:"message_fa"`
}

// StatusOf reads the sync status of a store, enrolled or not (the screen
// for enrolment uses it before there is a Client).
func StatusOf(ctx context.Context, s *data.Store) (Status, error) {
	var st Status
	en, err := loadEnrolment(ctx, s)
	if err != nil {
		return st, AsError(err)
	}
	if en != nil {
		st.Enrolled, st.Server, st.DeviceID = true, en.Server, en.DeviceID
		st.District, st.Role, st.Officer = en.District, en.Role, en.Officer
	}
	if v, _ := s.Setting(ctx, keyLastSync); v != "" {
		st.LastSync, _ = time.Parse(time.RFC3339, v)
	}
	if v, _ := s.Setting(ctx, keyLastError); v != "" {
		var le lastError
		if json.Unmarshal([]byte(v), &le) == nil {
			st.LastError, st.LastErrorFa = le.Message, le.Fa
		}
	}
	if st.Pending, err = s.PendingCount(ctx); err != nil {
		return st, AsError(err)
	}
	if st.Refused, err = s.RefusedCount(ctx); err != nil {
		return st, AsError(err)
	}
	open, err := s.Conflicts(ctx, "open")
	if err != nil {
		return st, AsError(err)
	}
	st.Conflicts = len(open)
	return st, nil
}

// Status reads the sync status of the client's store.
func (c *Client) Status(ctx context.Context) (Status, error) { return StatusOf(ctx, c.store) }

// Ping checks the connection and the token with the server's cheap status
// call (GET /v1/status); it returns nil when HQ accepts this device.
func (c *Client) Ping(ctx context.Context) error {
	return c.wire.call(ctx, "GET", "/"+msync.Version+"/status", nil, nil)
}

// recordOutcome persists the end of a round: the time of a good one, or
// the error of a bad one, for Status.
func (c *Client) recordOutcome(err error) {
	ctx := context.Background()
	now := time.Now().UTC().Format(time.RFC3339)
	if err == nil {
		_ = c.store.SetSetting(ctx, keyLastSync, now)
		_ = c.store.SetSetting(ctx, keyLastError, "")
		return
	}
	ce := AsError(err)
	if ce.Kind == KindCanceled {
		return // stopping is not a failure worth showing
	}
	b, _ := json.Marshal(lastError{At: now, Message: ce.Msg, Fa: ce.MsgFa})
	_ = c.store.SetSetting(ctx, keyLastError, string(b))
}
