package gui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mahalleh/app/i18n"
	"mahalleh/app/rtl"
	"mahalleh/data"
)

// attendeeRow is one attendee: a person of the register or a guest.
type attendeeRow struct {
	st      attendeeState
	present *widget.Check
	role    *choice
	obj     fyne.CanvasObject
}

// attendees is the editor's attendee section: a picker that finds people
// of the register from a few letters of their name (ی/ي, ک/ك and the ZWNJ
// do not matter), a quick "new person", free-text guests, and the list.
type attendees struct {
	ed      *meetingEditor
	rows    []*attendeeRow
	box     *fyne.Container
	picker  *rtl.Entry
	hits    []data.Person
	lit     int // the suggestion Enter picks
	sugg    *fyne.Container
	guest   *rtl.Entry
	obj     fyne.CanvasObject
	typing  *debouncer
	pending int
	newBtn  *widget.Button
	addBtn  *widget.Button // adds the typed guest
}

func newAttendees(ed *meetingEditor) *attendees {
	a := &attendees{ed: ed, typing: &debouncer{sh: ed.sh, delay: pickerDelay}, box: container.NewVBox(), sugg: container.NewVBox(), picker: textEntry(), guest: textEntry()}
	a.picker.PlaceHolder = i18n.T("attendee.search")
	a.picker.OnChanged = func(string) { a.lookup() }
	a.picker.OnKey = a.pickerKey
	a.picker.OnSubmitted = func(string) { a.pickLit() }
	a.guest.PlaceHolder = i18n.T("attendee.guest")
	a.guest.OnSubmitted = func(string) { a.addGuest() }
	a.newBtn = widget.NewButtonWithIcon(i18n.T("person.quick_new"), theme.ContentAddIcon(), a.quickNewPerson)
	a.addBtn = widget.NewButtonWithIcon(i18n.T("attendee.add_guest"), theme.ContentAddIcon(), a.addGuest)
	head := rtl.NewLabelWithStyle(i18n.T("attendee.title"), fyne.TextStyle{Bold: true})
	a.obj = container.NewVBox(widget.NewSeparator(), head,
		rtl.Border(nil, nil, nil, a.newBtn, a.picker), a.sugg,
		rtl.Border(nil, nil, nil, a.addBtn, a.guest), a.box)
	return a
}

// lookup searches the register a moment after typing stops.
// Each lookup is numbered as it starts, so an older, slower one never
// replaces a newer one's suggestions.
func (a *attendees) lookup() {
	a.typing.run(func() {
		text := a.picker.Text
		a.pending++
		gen := a.pending
		a.ed.sh.background(func() {
			var hits []data.Person
			if trimmed(text) != "" {
				hits, _ = a.ed.sh.store.SearchPeople(context.Background(), a.ed.sh.profile.District, text, 8)
			}
			onUI(func() {
				if gen == a.pending {
					a.showHits(hits)
				}
			})
		})
	})
}

func (a *attendees) showHits(hits []data.Person) {
	a.hits, a.lit = hits, 0
	a.sugg.RemoveAll()
	for i, p := range hits {
		p := p
		label := p.Name
		if p.Role != "" {
			label += " — " + i18n.T("role."+p.Role)
		}
		if p.Organisation != "" {
			label += "، " + p.Organisation
		}
		a.sugg.Add(rtl.NewOption(label, i == 0, func() { a.pick(p) }))
	}
	if len(hits) == 0 && trimmed(a.picker.Text) != "" {
		a.sugg.Add(rtl.NewLabel(i18n.T("attendee.no_match")))
	}
	a.ed.relayout()
}

// pickerKey moves the lit suggestion with Up and Down.
func (a *attendees) pickerKey(k *fyne.KeyEvent) bool {
	if len(a.hits) == 0 || (k.Name != fyne.KeyDown && k.Name != fyne.KeyUp) {
		return false
	}
	step := 1
	if k.Name == fyne.KeyUp {
		step = -1
	}
	a.lit = (a.lit + step + len(a.hits)) % len(a.hits)
	for i, o := range a.sugg.Objects {
		if row, ok := o.(*rtl.Option); ok {
			row.SetLit(i == a.lit)
		}
	}
	return true
}

func (a *attendees) pickLit() {
	if a.lit < len(a.hits) {
		a.pick(a.hits[a.lit])
	}
}

// pick adds a person of the register (once: a second pick is ignored).
func (a *attendees) pick(p data.Person) {
	for _, r := range a.rows {
		if r.st.PersonID == p.ID {
			a.clearPicker()
			return
		}
	}
	a.add(attendeeState{ID: newID(), PersonID: p.ID, Name: p.Name, Present: true, Role: "member"})
	a.clearPicker()
	a.ed.changed()
	a.ed.relink()
}

func (a *attendees) clearPicker() {
	a.picker.SetText("")
	a.hits = nil
	a.sugg.RemoveAll()
	a.ed.relayout()
}

func (a *attendees) addGuest() {
	name := trimmed(a.guest.Text)
	if name == "" {
		return
	}
	a.add(attendeeState{ID: newID(), Name: name, Present: true, Role: "guest"})
	a.guest.SetText("")
	a.ed.changed()
}

// add shows one attendee row.
func (a *attendees) add(st attendeeState) {
	r := &attendeeRow{st: st}
	r.present = widget.NewCheck("", func(bool) { a.ed.changed() })
	r.present.Checked = st.Present
	r.role = newChoice("meeting_role.", data.AttendeeRoles, true)
	r.role.set(st.Role)
	r.role.OnChanged = func(string) { a.ed.changed() }
	name := rtl.NewLabel(st.Name)
	name.Auto, name.AlignUI = true, true
	if st.PersonID == "" {
		name.SetText(st.Name + " (" + i18n.T("attendee.guest_mark") + ")")
	}
	del := removeButton(func() {
		a.ed.removeRow(func() {
			for i, x := range a.rows {
				if x == r {
					a.rows = append(a.rows[:i], a.rows[i+1:]...)
					a.box.Remove(r.obj)
				}
			}
			a.ed.relink()
		})
	})
	presentBox := rtl.HBox(r.present, rtl.NewLabel(i18n.T("attendee.present")))
	r.obj = rtl.Border(nil, nil, nil, rtl.HBox(container.NewGridWrap(fyne.NewSize(150, 36), r.role.Select), presentBox, del), name)
	a.rows = append(a.rows, r)
	a.box.Add(r.obj)
}

func (a *attendees) state() []attendeeState {
	var out []attendeeState
	for _, r := range a.rows {
		st := r.st
		st.Present, st.Role = r.present.Checked, r.role.value()
		out = append(out, st)
	}
	return out
}

// quickNewPerson adds someone to the register from inside the meeting and
// picks them; it warns when the register already holds the same name or
// phone, since a second entry for one elder splits their history.
func (a *attendees) quickNewPerson() {
	f := newPersonForm(a.ed.sh, data.Person{Name: a.picker.Text, Role: "resident"})
	f.showDialog(func(p data.Person) { a.pick(p) })
}
