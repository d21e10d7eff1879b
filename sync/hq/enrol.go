package hq

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/google/uuid"

	msync "mahalleh/sync"
)

// codeAlphabet has no letters that read alike (0/O, 1/I/L), so a code read
// over the phone survives; 12 characters carry 60 bits.
const codeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"

const codeLen = 12

// NewEnrolCode makes a one-time enrolment code for a device of district
// (1..22; 0 only for the hq role) used by officer, valid for EnrolCodeLife.
// Only its hash is stored: the code itself is shown once, to the person
// who made it.
func NewEnrolCode(ctx context.Context, store Store, district int, officer, role string) (string, error) {
	officer = strings.TrimSpace(officer)
	if err := checkEnrolment(district, officer, role); err != nil {
		return "", err
	}
	raw := make([]byte, codeLen)
	for i := range raw {
		raw[i] = codeAlphabet[randIntn(len(codeAlphabet))]
	}
	code := string(raw[:4]) + "-" + string(raw[4:8]) + "-" + string(raw[8:])
	c := EnrolCode{Hash: hashCode(code), District: district, Officer: officer, Role: role, ExpiresAt: now().Add(EnrolCodeLife)}
	err := store.Update(ctx, func(tx Tx) error { return tx.AddEnrolCode(c) })
	if err != nil {
		return "", fmt.Errorf("save the enrolment code: %w", err)
	}
	return code, nil
}

func checkEnrolment(district int, officer, role string) error {
	switch role {
	case msync.RoleOfficer, msync.RoleSupervisor:
		if district < 1 || district > len(Districts) {
			return fmt.Errorf("district must be 1 to %d for the %s role, not %d", len(Districts), role, district)
		}
	case msync.RoleHQ:
		if district != 0 {
			return fmt.Errorf("the hq role sees every district: give district 0, not %d", district)
		}
	default:
		return fmt.Errorf("role must be officer, supervisor or hq, not %q", role)
	}
	if officer == "" || utf8.RuneCountInString(officer) > 200 || !utf8.ValidString(officer) {
		return fmt.Errorf("the officer's name is required (at most 200 characters)")
	}
	return nil
}

// normaliseCode accepts what a person types: any case, spaces or dashes,
// Persian or Arabic digits.
func normaliseCode(s string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(s) {
		switch {
		case r >= '۰' && r <= '۹':
			b.WriteRune('0' + r - '۰')
		case r >= '٠' && r <= '٩':
			b.WriteRune('0' + r - '٠')
		case r != '-' && r != ' ':
			b.WriteRune(r)
		}
	}
	t := b.String()
	if len(t) != codeLen {
		return t
	}
	return t[:4] + "-" + t[4:8] + "-" + t[8:]
}

func hashCode(code string) string { return hashHex("code:" + normaliseCode(code)) }

func hashToken(token string) string { return hashHex("token:" + token) }

func hashHex(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

func randIntn(n int) int {
	var b [1]byte
	for {
		rand.Read(b[:])
		if int(b[0]) < 256-256%n { // no modulo bias
			return int(b[0]) % n
		}
	}
}

// enrol exchanges a code for a device id and a token, once. With a nonce
// it is idempotent for the device that sent it: the same code and nonce
// again (the first reply was lost) gets the same device back (see reenrol).
func (s *server) enrol(w http.ResponseWriter, r *http.Request) error {
	body, err := readBody(r)
	if err != nil {
		return err
	}
	req, err := DecodeEnrol(body)
	if err != nil {
		return err
	}
	if err := checkNonce(req.Nonce); err != nil {
		return err
	}
	tokenBytes := make([]byte, 32)
	rand.Read(tokenBytes)
	token := base64.RawURLEncoding.EncodeToString(tokenBytes)
	var dev Device
	again := false
	err = s.store.Update(r.Context(), func(tx Tx) error {
		hash := hashCode(req.Code)
		c, err := tx.UseEnrolCode(hash, now())
		if err != nil {
			return err
		}
		if c == nil {
			d, err := reenrol(tx, hash, req.Nonce, hashToken(token))
			if d != nil {
				dev, again = *d, true
			}
			return err
		}
		dev = Device{ID: uuid.Must(uuid.NewV7()).String(), Name: req.DeviceName, District: c.District, Role: c.Role,
			Officer: c.Officer, TokenHash: hashToken(token), CreatedAt: now()}
		if err := tx.AddDevice(dev); err != nil {
			return err
		}
		if req.Nonce == "" {
			return nil
		}
		return tx.BindEnrolCode(hash, hashNonce(req.Nonce), dev.ID)
	})
	if err != nil {
		return err
	}
	s.log.Info("device enrolled", "device", dev.ID, "district", dev.District, "role", dev.Role, "officer", dev.Officer, "retry", again)
	writeJSON(w, http.StatusOK, msync.EnrolResponse{DeviceID: dev.ID, Token: token, District: dev.District, Role: dev.Role, Officer: dev.Officer})
	return nil
}

// reenrol answers a used code sent again with the nonce of the enrolment
// that used it: the reply to that one was lost. The device gets a fresh
// token (HQ keeps only hashes, so it cannot send the lost one again; the
// lost one stops working). Only while the code would still be valid, the
// device is not revoked and has never used its token: once it has, it
// stored the token and never retries, so a replay is not the device.
// Anything else is bad_code, as a used code always was.
func reenrol(tx Tx, codeHash, nonce, tokenHash string) (*Device, error) {
	if nonce == "" {
		return nil, errBadCode
	}
	c, err := tx.EnrolCode(codeHash)
	if err != nil || c == nil || c.UsedAt == nil || c.DeviceID == "" || !now().Before(c.ExpiresAt) ||
		subtle.ConstantTimeCompare([]byte(c.NonceHash), []byte(hashNonce(nonce))) != 1 {
		return nil, firstErr(err, errBadCode)
	}
	d, err := tx.DeviceByID(c.DeviceID)
	if err != nil || d == nil || d.RevokedAt != nil || d.LastSeenAt != nil {
		return nil, firstErr(err, errBadCode)
	}
	d.TokenHash = tokenHash
	return d, tx.SetDeviceToken(d.ID, tokenHash)
}

// checkNonce accepts no nonce (an older app) or one of 16 to 64
// URL-safe characters.
func checkNonce(n string) error {
	if n == "" {
		return nil
	}
	ok := len(n) >= 16 && len(n) <= 64
	for _, r := range n {
		ok = ok && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_')
	}
	if !ok {
		return invalidf("شناسه یک‌بارمصرف ثبت نامعتبر است. برنامه را به‌روز کنید.",
			"The enrolment nonce must be 16 to 64 URL-safe characters. Update the app.")
	}
	return nil
}

func hashNonce(n string) string { return hashHex("nonce:" + n) }

// Revoke refuses the device from its next request on.
func Revoke(ctx context.Context, store Store, deviceID string) error {
	return store.Update(ctx, func(tx Tx) error {
		found, err := tx.RevokeDevice(deviceID, now())
		if err != nil {
			return err
		}
		if !found {
			return fmt.Errorf("there is no device %q (mahalleh-hq devices lists them)", deviceID)
		}
		return nil
	})
}

// Devices lists the enrolled devices, oldest first.
func Devices(ctx context.Context, store Store) ([]Device, error) {
	var out []Device
	err := store.View(ctx, func(tx Tx) error {
		var err error
		out, err = tx.Devices()
		return err
	})
	return out, err
}
