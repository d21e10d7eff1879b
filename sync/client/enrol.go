package client

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"net/url"
	"strconv"
	"strings"

	"mahalleh/data"
	msync "mahalleh/sync"
)

// Enrol exchanges HQ's one-time code for this device's token and saves the
// enrolment (server, device id, token, district, role, officer) in the
// store's settings. It refuses a store that is already enrolled (a second
// enrolment would silently move the device); Reenrol does it on purpose.
func Enrol(ctx context.Context, store *data.Store, serverURL, code, deviceName string) (*Enrolment, error) {
	return enrol(ctx, store, serverURL, code, deviceName, false, Options{})
}

// Reenrol enrols a store that may already be enrolled (a replaced token, a
// new server). Changes not yet pushed are kept and go to the new server;
// the pull starts again from the beginning.
func Reenrol(ctx context.Context, store *data.Store, serverURL, code, deviceName string) (*Enrolment, error) {
	return enrol(ctx, store, serverURL, code, deviceName, true, Options{})
}

// EnrolWith is Enrol with explicit HTTP options (tests, benchmarks).
func EnrolWith(ctx context.Context, store *data.Store, serverURL, code, deviceName string, force bool, opts Options) (*Enrolment, error) {
	return enrol(ctx, store, serverURL, code, deviceName, force, opts)
}

func enrol(ctx context.Context, store *data.Store, serverURL, code, deviceName string, force bool, opts Options) (*Enrolment, error) {
	server, err := checkServerURL(serverURL)
	if err != nil {
		return nil, err
	}
	code = strings.TrimSpace(code)
	if code == "" {
		return nil, &Error{Kind: KindRejected,
			Msg:   "No enrolment code was given; ask HQ for a one-time code.",
			MsgFa: "کد ثبت وارد نشده است؛ از ستاد کد یک‌بار مصرف بگیرید."}
	}
	old, err := loadEnrolment(ctx, store)
	if err != nil {
		return nil, AsError(err)
	}
	if old != nil && !force {
		return nil, &Error{Kind: KindAlreadyEnrolled,
			Msg:   "This device is already enrolled with " + old.Server + " (district " + strconv.Itoa(old.District) + "); enrol again only if HQ asked you to (--force).",
			MsgFa: "این دستگاه پیش‌تر در " + old.Server + " ثبت شده است (منطقه " + strconv.Itoa(old.District) + ")؛ فقط اگر ستاد خواسته دوباره ثبت کنید (--force)."}
	}
	demo, err := store.IsDemo(ctx)
	if err != nil {
		return nil, AsError(err)
	}
	if demo {
		return nil, demoStore("enrol")
	}
	if deviceName == "" {
		deviceName = "mahalleh-" + store.DeviceID()
	}
	nonce, err := enrolNonce(ctx, store)
	if err != nil {
		return nil, err
	}
	w := newWire(server, "", opts.withDefaults())
	var resp msync.EnrolResponse
	req := msync.EnrolRequest{Code: code, DeviceName: deviceName, Nonce: nonce}
	if err := w.call(ctx, "POST", "/"+msync.Version+"/enrol", req, &resp); err != nil {
		return nil, err
	}
	en := &Enrolment{Server: server, DeviceID: resp.DeviceID, Token: resp.Token,
		District: resp.District, Role: resp.Role, Officer: resp.Officer}
	if err := saveEnrolment(ctx, store, en, old != nil); err != nil {
		return nil, err
	}
	return en, nil
}

// saveEnrolment writes every setting of an enrolment in one transaction, so
// a crash leaves either the old enrolment or the new one.
func saveEnrolment(ctx context.Context, store *data.Store, en *Enrolment, resetCursor bool) error {
	vals := map[string]string{
		keyServer: en.Server, keyDeviceID: en.DeviceID, keyToken: en.Token,
		keyDistrict: strconv.Itoa(en.District), keyRole: en.Role, keyOfficer: en.Officer,
		keyLastError: "", keyNonce: "", // the token is stored: the nonce has done its work
	}
	if resetCursor {
		vals[keyCursor] = ""
	}
	err := store.Tx(ctx, func(tx *sql.Tx) error {
		for k, v := range vals {
			_, err := tx.ExecContext(ctx, "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", k, v)
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return AsError(err)
	}
	return nil
}

// enrolNonce returns the nonce of this store's enrolment, made and saved
// before the first attempt, so that a retry after a lost reply (resty's own,
// or the officer running enrol again) is the same enrolment to HQ: the same
// device comes back instead of the code being burnt. It is cleared once the
// token is stored.
func enrolNonce(ctx context.Context, store *data.Store) (string, error) {
	nonce, err := store.Setting(ctx, keyNonce)
	if err != nil {
		return "", AsError(err)
	}
	if nonce != "" {
		return nonce, nil
	}
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", AsError(err)
	}
	nonce = base64.RawURLEncoding.EncodeToString(b)
	if err := store.SetSetting(ctx, keyNonce, nonce); err != nil {
		return "", AsError(err)
	}
	return nonce, nil
}

func checkServerURL(raw string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", &Error{Kind: KindRejected, Err: err,
			Msg:   "The server address " + strconv.Quote(raw) + " is not valid; it looks like https://hq.example.ir (ask HQ for it).",
			MsgFa: "نشانی سرور معتبر نیست؛ باید شبیه https://hq.example.ir باشد (از ستاد بپرسید)."}
	}
	return strings.TrimRight(u.String(), "/"), nil
}
