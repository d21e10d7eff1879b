package hq

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"time"

	"mahalleh/data"
	msync "mahalleh/sync"
)

// push applies a batch in one transaction holding the locks of the
// districts it writes. Each
// change is applied at most once (applied_changes), so a batch sent twice,
// or cut off and resent, changes the store once. A change HQ refuses (out
// of scope, invalid, too far in the future) is not stored and is named in
// the answer's refused list; the rest of the batch is applied, so that one
// bad change never stops a device's other work from reaching HQ.
func (s *server) push(w http.ResponseWriter, r *http.Request) error {
	dev := deviceOf(r)
	body, err := readBody(r)
	if err != nil {
		return err
	}
	req, bad, err := decodePush(body)
	if err != nil {
		return err
	}
	at := now()
	for i := range req.Changes {
		if bad[i] == nil {
			bad[i] = checkScope(dev, i, &req.Changes[i], at)
		}
	}
	districts := make([]int, 0, 2)
	for i := range req.Changes {
		if bad[i] == nil && !slices.Contains(districts, req.Changes[i].District) {
			districts = append(districts, req.Changes[i].District)
		}
	}
	var res msync.PushResponse
	err = s.store.Update(r.Context(), func(tx Tx) error {
		res = msync.PushResponse{}
		// Only the districts the batch writes (a conflict record goes to the
		// district of its record): pushes of other districts go on meanwhile.
		if err := tx.LockDistricts(districts); err != nil {
			return err
		}
		good, idx := make([]data.Change, 0, len(req.Changes)), make([]int, 0, len(req.Changes))
		for i := range req.Changes {
			if bad[i] == nil {
				good, idx = append(good, req.Changes[i]), append(idx, i)
			}
		}
		m, err := newMerger(tx, dev, at, good)
		if err != nil {
			return err
		}
		refusedHere := map[int]error{}
		for k := range good {
			if err := m.apply(idx[k], &good[k], &res); err != nil {
				if !refusable(err) {
					return err
				}
				refusedHere[idx[k]] = err
			}
		}
		if err := m.flush(); err != nil {
			return err
		}
		for i := range req.Changes {
			if e := firstErr(bad[i], refusedHere[i]); e != nil {
				res.Refused = append(res.Refused, refusal(i, &req.Changes[i], e))
			}
		}
		return tx.TouchDevice(dev.ID, m.at, true)
	})
	if err != nil {
		return err
	}
	for _, rf := range res.Refused {
		s.log.Warn("push: change refused", "device", dev.ID, "remote", remoteHost(r), "batch", req.BatchID, "change", rf.ChangeID,
			"code", rf.Code, "reason", rf.Message)
	}
	s.log.Info("push", "device", dev.ID, "batch", req.BatchID, "applied", res.Applied, "duplicates", res.Duplicates,
		"conflicts", res.Conflicts, "refused", len(res.Refused))
	writeJSON(w, http.StatusOK, res)
	return nil
}

// refusable says whether an error of one change refuses only that change
// (a 4xx about it) rather than the whole request (a server fault).
func refusable(err error) bool {
	var ae *apiError
	return errors.As(err, &ae) && ae.Status >= 400 && ae.Status < 500
}

func firstErr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}

// refusal is the answer's entry for a refused change. A per-change error
// that is not a 4xx (a validation panic) fails the whole request instead.
func refusal(i int, c *data.Change, err error) msync.RefusedChange {
	ae := asAPIError(err)
	code := msync.RefusedInvalid
	switch {
	case ae.Code == "future":
		code = msync.RefusedFuture
	case ae.Status == http.StatusForbidden:
		code = msync.RefusedForbidden
	}
	return msync.RefusedChange{Index: i, ChangeID: c.ChangeID, Code: code, Message: ae.Message, MessageFa: ae.MessageFa}
}

// checkScope refuses a change outside what the device may write, before
// anything is read: another district, reference data (HQ only), a clock
// or a timestamp far in the future.
func checkScope(dev *Device, i int, c *data.Change, at time.Time) error {
	e := data.EntityByName(c.Entity)
	if dev.Role != msync.RoleHQ && c.District != dev.District {
		return forbiddenf(whereFa(i)+": این دستگاه فقط می‌تواند داده‌های منطقه خودش را بفرستد. اگر دستگاه منطقه دیگری را نیاز دارد، از ستاد کد ثبت تازه بگیرید.",
			"%s: this device may only write records of district %d, not district %d. If it should serve another district, ask HQ for a new enrolment code.",
			where(i, c), dev.District, c.District)
	}
	if e.Reference && dev.Role != msync.RoleHQ {
		return forbiddenf(whereFa(i)+": داده‌های مرجع (محله‌ها، نواحی، ادارات) را فقط ستاد تغییر می‌دهد. تغییر لازم را از ستاد بخواهید.",
			"%s: reference data (%s) is changed only by HQ. Ask HQ to make the change.", where(i, c), e.Name)
	}
	return checkFuture(i, c, at)
}

// checkFuture refuses a change dated more than MaxClockSkew after HQ's
// time. The message says where the date came from: a record's own
// created_at/updated_at (typically an imported file with wrong dates) is
// not the computer's clock, and setting the clock right would not help.
func checkFuture(i int, c *data.Change, at time.Time) error {
	limit := at.Add(MaxClockSkew)
	for _, name := range []string{"updated_at", "created_at"} {
		v, _ := c.Fields[name].(string)
		if t, err := data.ParseTime(v); err == nil && t.After(limit) {
			return future(whereFa(i)+": زمان «"+name+"» این رکورد ("+v+") بیش از یک روز در آینده است. رکورد احتمالاً از پرونده‌ای با تاریخ نادرست وارد شده است؛ ساعت رایانه مشکل نیست. این تغییر را کنار بگذارید (mahalleh refused --discard) یا تاریخ رکورد را درست کنید.",
				"%s: the record's %s (%s) is more than a day ahead of HQ's time (%s). It probably came from an imported file with wrong dates; the computer's clock is not at fault. Discard this change (mahalleh refused --discard) or correct the record's date.",
				where(i, c), name, v, at.Format(data.TimeLayout))
		}
	}
	wall, _, _, _ := data.ParseClock(c.Clock)
	if time.UnixMilli(wall).After(limit) {
		return future(whereFa(i)+": ساعت این تغییر بیش از یک روز جلوتر از ساعت ستاد است. ساعت و تاریخ رایانه را درست کنید؛ این تغییر کنار گذاشته شد و پس از درست کردن ساعت باید دوباره انجام شود.",
			"%s: the change was made at %s by this computer's clock, more than a day ahead of HQ's time (%s). Set this computer's date and time right; this change was set aside and must be made again once the clock is right.",
			where(i, c), time.UnixMilli(wall).UTC().Format(data.TimeLayout), at.Format(data.TimeLayout))
	}
	return nil
}

func future(fa, format string, args ...any) *apiError {
	return &apiError{Status: http.StatusBadRequest, Code: "future", Message: fmt.Sprintf(format, args...), MessageFa: fa}
}
