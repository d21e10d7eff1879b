package hq

import (
	"net/http"
	"time"

	"mahalleh/data"
	msync "mahalleh/sync"
)

// push applies a batch all-or-nothing, in one transaction holding the
// record lock. Each change is applied at most once (applied_changes), so a
// batch sent twice, or cut off and resent, changes the store once.
func (s *server) push(w http.ResponseWriter, r *http.Request) error {
	dev := deviceOf(r)
	body, err := readBody(r)
	if err != nil {
		return err
	}
	req, err := DecodePush(body)
	if err != nil {
		return err
	}
	for i := range req.Changes {
		if err := checkScope(dev, i, &req.Changes[i]); err != nil {
			return err
		}
	}
	var res msync.PushResponse
	err = s.store.Update(r.Context(), func(tx Tx) error {
		res = msync.PushResponse{}
		if err := tx.LockRecords(); err != nil {
			return err
		}
		m, err := newMerger(tx, dev, now(), req.Changes)
		if err != nil {
			return err
		}
		for i := range req.Changes {
			if err := m.apply(i, &req.Changes[i], &res); err != nil {
				return err
			}
		}
		if err := m.flush(); err != nil {
			return err
		}
		return tx.TouchDevice(dev.ID, m.at, true)
	})
	if err != nil {
		return err
	}
	s.log.Info("push", "device", dev.ID, "batch", req.BatchID, "applied", res.Applied, "duplicates", res.Duplicates, "conflicts", res.Conflicts)
	writeJSON(w, http.StatusOK, res)
	return nil
}

// checkScope refuses a change outside what the device may write, before
// anything is read: another district, reference data (HQ only), a clock
// far in the future.
func checkScope(dev *Device, i int, c *data.Change) error {
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
	wall, _, _, _ := data.ParseClock(c.Clock)
	if time.UnixMilli(wall).After(now().Add(MaxClockSkew)) {
		return invalidf(whereFa(i)+": ساعت این تغییر بیش از یک روز جلوتر از ساعت ستاد است. ساعت و تاریخ رایانه را درست کنید و دوباره همگام‌سازی کنید.",
			"%s: the change's clock is more than %v ahead of HQ's time. Set this computer's date and time right, then sync again.",
			where(i, c), MaxClockSkew)
	}
	return nil
}
