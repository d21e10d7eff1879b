package hqdb

import (
	"database/sql"
	"time"
)

func (t *sqlTx) AddEnrolCode(c EnrolCode) error {
	_, err := t.exec("INSERT INTO enrol_codes (hash, district, officer, role, expires_at) VALUES (?, ?, ?, ?, ?)",
		c.Hash, c.District, c.Officer, c.Role, c.ExpiresAt.UnixMilli())
	return err
}

func (t *sqlTx) UseEnrolCode(hash string, now time.Time) (*EnrolCode, error) {
	res, err := t.exec("UPDATE enrol_codes SET used_at = ? WHERE hash = ? AND used_at IS NULL AND expires_at > ?",
		now.UnixMilli(), hash, now.UnixMilli())
	if err != nil {
		return nil, err
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		return nil, err
	}
	c := EnrolCode{Hash: hash, UsedAt: &now}
	var expires int64
	err = t.row("SELECT district, officer, role, expires_at FROM enrol_codes WHERE hash = ?", hash).
		Scan(&c.District, &c.Officer, &c.Role, &expires)
	c.ExpiresAt = time.UnixMilli(expires).UTC()
	return &c, err
}

func (t *sqlTx) EnrolCode(hash string) (*EnrolCode, error) {
	c := EnrolCode{Hash: hash}
	var expires int64
	var used sql.NullInt64
	err := t.row("SELECT district, officer, role, expires_at, used_at, nonce_hash, device_id FROM enrol_codes WHERE hash = ?", hash).
		Scan(&c.District, &c.Officer, &c.Role, &expires, &used, &c.NonceHash, &c.DeviceID)
	if noRows(err) {
		return nil, nil
	}
	c.ExpiresAt, c.UsedAt = time.UnixMilli(expires).UTC(), optTime(used)
	return &c, err
}

func (t *sqlTx) BindEnrolCode(hash, nonceHash, deviceID string) error {
	_, err := t.exec("UPDATE enrol_codes SET nonce_hash = ?, device_id = ? WHERE hash = ?", nonceHash, deviceID, hash)
	return err
}

func (t *sqlTx) DeviceByID(id string) (*Device, error) {
	d, err := scanDevice(t.row("SELECT "+deviceColumns+" FROM devices WHERE id = ?", id))
	if noRows(err) {
		return nil, nil
	}
	return d, err
}

func (t *sqlTx) SetDeviceToken(id, tokenHash string) error {
	_, err := t.exec("UPDATE devices SET token_hash = ? WHERE id = ?", tokenHash, id)
	return err
}

func (t *sqlTx) AddDevice(d Device) error {
	_, err := t.exec(`INSERT INTO devices (id, name, district, role, officer, token_hash, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, d.ID, d.Name, d.District, d.Role, d.Officer, d.TokenHash, d.CreatedAt.UnixMilli())
	return err
}

const deviceColumns = "id, name, district, role, officer, token_hash, created_at, revoked_at, last_seen_at, last_sync_at"

func (t *sqlTx) DeviceByTokenHash(hash string) (*Device, error) {
	d, err := scanDevice(t.row("SELECT "+deviceColumns+" FROM devices WHERE token_hash = ?", hash))
	if noRows(err) {
		return nil, nil
	}
	return d, err
}

func (t *sqlTx) Devices() ([]Device, error) {
	rows, err := t.query("SELECT " + deviceColumns + " FROM devices ORDER BY created_at, id")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Device
	for rows.Next() {
		d, err := scanDevice(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *d)
	}
	return out, rows.Err()
}

func (t *sqlTx) RevokeDevice(id string, at time.Time) (bool, error) {
	res, err := t.exec("UPDATE devices SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?", at.UnixMilli(), id)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

func (t *sqlTx) TouchDevice(id string, at time.Time, synced bool) error {
	ms := at.UnixMilli()
	if synced {
		_, err := t.exec("UPDATE devices SET last_seen_at = ?, last_sync_at = ? WHERE id = ?", ms, ms, id)
		return err
	}
	_, err := t.exec("UPDATE devices SET last_seen_at = ? WHERE id = ?", ms, id)
	return err
}

func scanDevice(sc interface{ Scan(...any) error }) (*Device, error) {
	var d Device
	var created int64
	var revoked, seen, synced sql.NullInt64
	if err := sc.Scan(&d.ID, &d.Name, &d.District, &d.Role, &d.Officer, &d.TokenHash, &created, &revoked, &seen, &synced); err != nil {
		return nil, err
	}
	d.CreatedAt = time.UnixMilli(created).UTC()
	d.RevokedAt, d.LastSeenAt, d.LastSyncAt = optTime(revoked), optTime(seen), optTime(synced)
	return &d, nil
}

func optTime(v sql.NullInt64) *time.Time {
	if !v.Valid {
		return nil
	}
	t := time.UnixMilli(v.Int64).UTC()
	return &t
}

func (t *sqlTx) Blob(sha string) (*Blob, error) {
	b := Blob{SHA256: sha}
	var complete int
	err := t.row("SELECT size, received, complete, district FROM blobs WHERE sha256 = ?", sha).Scan(&b.Size, &b.Received, &complete, &b.District)
	if noRows(err) {
		return nil, nil
	}
	b.Complete = complete != 0
	return &b, err
}

func (t *sqlTx) CreateBlob(sha string, size int64, district int) error {
	_, err := t.exec("INSERT INTO blobs (sha256, size, received, complete, district) VALUES (?, ?, 0, 0, ?)", sha, size, district)
	return err
}

func (t *sqlTx) AddBlobChunk(sha string, offset int64, chunk []byte) error {
	if _, err := t.exec("INSERT INTO blob_chunks (sha256, offset_bytes, data) VALUES (?, ?, ?)", sha, offset, chunk); err != nil {
		return err
	}
	_, err := t.exec("UPDATE blobs SET received = ? WHERE sha256 = ?", offset+int64(len(chunk)), sha)
	return err
}

func (t *sqlTx) BlobChunks(sha string, fn func(chunk []byte) error) error {
	rows, err := t.query("SELECT data FROM blob_chunks WHERE sha256 = ? ORDER BY offset_bytes", sha)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var chunk []byte
		if err := rows.Scan(&chunk); err != nil {
			return err
		}
		if err := fn(chunk); err != nil {
			return err
		}
	}
	return rows.Err()
}

func (t *sqlTx) BlobRange(sha string, offset int64, n int) ([]byte, error) {
	var start int64
	var chunk []byte
	err := t.row(`SELECT offset_bytes, data FROM blob_chunks WHERE sha256 = ? AND offset_bytes <= ?
		ORDER BY offset_bytes DESC LIMIT 1`, sha, offset).Scan(&start, &chunk)
	if noRows(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	skip := offset - start
	if skip >= int64(len(chunk)) {
		return nil, nil
	}
	chunk = chunk[skip:]
	if len(chunk) > n {
		chunk = chunk[:n]
	}
	return chunk, nil
}

func (t *sqlTx) CompleteBlob(sha string) error {
	_, err := t.exec("UPDATE blobs SET complete = 1 WHERE sha256 = ?", sha)
	return err
}

func (t *sqlTx) DeleteBlob(sha string) error {
	if _, err := t.exec("DELETE FROM blob_chunks WHERE sha256 = ?", sha); err != nil {
		return err
	}
	_, err := t.exec("DELETE FROM blobs WHERE sha256 = ?", sha)
	return err
}
