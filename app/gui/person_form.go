package gui

import (
	"context"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"mahalleh/app/i18n"
	"mahalleh/app/rtl"
	"mahalleh/data"
	"mahalleh/data/persian"
)

// personForm is the register entry's fields, used by the person editor and
// by the meeting editor's quick "new person".
type personForm struct {
	sh                      *shell
	p                       data.Person
	name, phone, org, notes *rtl.Entry
	nameErr, phoneErr       *rtl.Label
	dupWarn                 *rtl.Text
	role, nbh               *choice
	obj                     fyne.CanvasObject
	onChange                func()
	saveBtn, useBtn         *widget.Button // the dialog's, when shown in one
}

func newPersonForm(sh *shell, p data.Person) *personForm {
	f := &personForm{sh: sh, p: p, name: textEntry(), phone: rtl.NewEntry(), org: textEntry(), notes: textArea(),
		nameErr: errorLabel(), phoneErr: errorLabel(), dupWarn: warningText()}
	f.name.SetText(p.Name)
	f.phone.SetText(p.Phone)
	f.phone.Auto = true
	f.org.SetText(p.Organisation)
	f.notes.SetText(p.Notes)
	f.role = newChoice("role.", data.PersonRoles, false)
	f.role.set(orDefault(p.Role, "resident"))
	ids, names := sh.neighbourhoodChoices()
	f.nbh = newRefChoice(ids, names)
	f.nbh.set(deref(p.NeighbourhoodID))
	changed := func(string) {
		if f.onChange != nil {
			f.onChange()
		}
	}
	for _, e := range []*rtl.Entry{f.name, f.phone, f.org, f.notes} {
		e.OnChanged = changed
	}
	f.role.OnChanged, f.nbh.OnChanged = changed, changed
	f.obj = rtl.Form(
		rtl.NewLabel(i18n.T("person.name")), container.NewVBox(f.name, f.nameErr),
		rtl.NewLabel(i18n.T("person.role")), f.role.Select,
		rtl.NewLabel(i18n.T("col.neighbourhood")), f.nbh.Select,
		rtl.NewLabel(i18n.T("person.phone")), container.NewVBox(f.phone, f.phoneErr),
		rtl.NewLabel(i18n.T("person.organisation")), f.org,
		rtl.NewLabel(i18n.T("person.notes")), atLeast(f.notes, 0, 90),
	)
	return f
}

// check validates the fields, showing each problem beside its field.
func (f *personForm) check() bool {
	ok := true
	if trimmed(f.name.Text) == "" {
		showError(f.nameErr, i18n.T("form.required"))
		ok = false
	} else {
		showError(f.nameErr, "")
	}
	if msg := phoneProblem(f.phone.Text); msg != "" {
		showError(f.phoneErr, msg)
		ok = false
	} else {
		showError(f.phoneErr, "")
	}
	return ok
}

// phoneProblem says what is wrong with a typed phone number ("" if nothing):
// digits in any form, spaces, dashes, parentheses and a leading + only.
func phoneProblem(s string) string {
	s = trimmed(persian.LatinDigits(s))
	digits := 0
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '+' && i == 0, r == ' ', r == '-', r == '(', r == ')':
		case unicode.IsLetter(r):
			return i18n.T("person.phone.letters")
		default:
			return i18n.T("person.phone.bad")
		}
	}
	if s != "" && (digits < 4 || digits > 15) {
		return i18n.T("person.phone.bad")
	}
	return ""
}

// person is the typed record.
func (f *personForm) person() data.Person {
	p := f.p
	p.District = f.sh.profile.District
	p.Name = trimmed(f.name.Text)
	p.Phone = trimmed(persian.LatinDigits(f.phone.Text))
	p.Role = f.role.value()
	p.NeighbourhoodID = f.nbh.ref()
	p.Organisation = trimmed(f.org.Text)
	p.Notes = strings.TrimRight(f.notes.Text, " \n")
	return p
}

// duplicates lists register entries with the same normalised name or phone,
// other than this person.
func (f *personForm) duplicates(ctx context.Context) []data.Person {
	p := f.person()
	found, _ := f.sh.store.FindPossibleDuplicates(ctx, p.District, p.Name, p.Phone)
	var out []data.Person
	for _, d := range found {
		if d.ID != p.ID {
			out = append(out, d)
		}
	}
	return out
}

// savePerson writes the person in its own transaction and returns it as stored.
func savePerson(ctx context.Context, sh *shell, p data.Person) (data.Person, error) {
	err := sh.store.Write(ctx, sh.author(), func(w *data.Writer) error { return w.Put("people", &p) })
	return p, err
}

// duplicateText names the entries a new person may duplicate.
func duplicateText(dups []data.Person) string {
	var names []string
	for _, d := range dups {
		s := d.Name
		if d.Phone != "" {
			s += " (" + phoneText(d.Phone) + ")"
		}
		names = append(names, s)
	}
	return i18n.T("person.duplicate", map[string]string{"Names": strings.Join(names, "، ")})
}

// showDialog asks for a new person in a dialog and calls done with the
// saved person, or with the existing one the officer chose instead.
func (f *personForm) showDialog(done func(data.Person)) {
	var d dialog.Dialog
	useExisting := widget.NewButton(i18n.T("person.use_existing"), nil)
	useExisting.Hide()
	var dups []data.Person
	create := func(force bool) {
		if !f.check() {
			return
		}
		p := f.person()
		f.sh.background(func() {
			ctx := context.Background()
			if !force {
				if dups = f.duplicates(ctx); len(dups) > 0 {
					onUI(func() {
						showWarning(f.dupWarn, duplicateText(dups)+" "+i18n.T("person.duplicate.choose"))
						useExisting.Show()
					})
					return
				}
			}
			saved, err := savePerson(ctx, f.sh, p)
			onUI(func() {
				if err != nil {
					showWarning(f.dupWarn, errText(err))
					return
				}
				if d != nil {
					d.Hide()
				}
				done(saved)
			})
		})
	}
	useExisting.OnTapped = func() {
		if len(dups) > 0 {
			if d != nil {
				d.Hide()
			}
			done(dups[0])
		}
	}
	saveBtn := widget.NewButton(i18n.T("button.save"), func() { create(f.dupWarn.Visible()) })
	saveBtn.Importance = widget.HighImportance
	cancelBtn := widget.NewButton(i18n.T("button.cancel"), func() {
		if d != nil {
			d.Hide()
		}
	})
	// The title is drawn here, on the start side: Fyne puts a dialog's own
	// title on the left.
	title := rtl.NewLabelWithStyle(i18n.T("person.quick_new"), fyne.TextStyle{Bold: true})
	body := container.NewVBox(title, f.obj, f.dupWarn, atStart(saveBtn, useExisting, cancelBtn))
	f.saveBtn, f.useBtn = saveBtn, useExisting
	f.sh.lastDialog = f
	d = dialog.NewCustomWithoutButtons("", atLeast(body, 560, 0), f.sh.win)
	d.Show()
}

// phoneText shows a phone number the way it is read, left to right, also
// inside a Persian line: "021-5555 1234" would otherwise come apart at the
// space into two runs laid out right to left. Digits are those of the UI
// language, whatever digits the number was typed in.
func phoneText(phone string) string {
	if phone == "" {
		return ""
	}
	if i18n.Language() == i18n.Persian {
		phone = toPersianDigits(phone)
	} else {
		phone = persian.LatinDigits(phone) // stored as typed, in any digits
	}
	return "\u2066" + phone + "\u2069" // LEFT-TO-RIGHT ISOLATE … POP DIRECTIONAL ISOLATE
}
