package tabular

import (
	"context"
	"strings"
	"unicode"

	"mahalleh/data"
	"mahalleh/data/persian"
)

// checker checks the rows of one import, remembering the rows seen so far
// (for duplicates within the file) and the district's neighbourhoods.
type checker struct {
	ctx      context.Context
	s        *data.Store
	district int
	hoods    map[string]string // normalised name → id
	names    map[string]int    // normalised name → first row
	phones   map[string]int    // phone key → first row
}

func newChecker(ctx context.Context, s *data.Store, district int) (*checker, error) {
	c := &checker{ctx: ctx, s: s, district: district, hoods: map[string]string{}, names: map[string]int{}, phones: map[string]int{}}
	hs, err := s.Neighbourhoods(ctx, district)
	if err != nil {
		return nil, err
	}
	for _, h := range hs {
		c.hoods[persian.Normalize(h.Name)] = h.ID
	}
	return c, nil
}

// row checks one row (n is its number in the file); get returns a field's
// cleaned text and the header of its column.
func (c *checker) row(n int, get func(string) (string, string)) (data.Person, []Problem, error) {
	var probs []Problem
	bad := func(col, en, fa string) {
		probs = append(probs, Problem{Row: n, Column: col, Reason: en, ReasonFa: fa})
	}
	p := data.Person{Meta: data.Meta{District: c.district}, Role: "other"}
	name, nameCol := get("name")
	p.Name = name
	if name == "" {
		bad(nameCol, "the name is missing", "نام نوشته نشده است")
	}
	phone, phoneCol := get("phone")
	if phone != "" {
		key, en, fa := checkPhone(phone)
		if en != "" {
			bad(phoneCol, en, fa)
		}
		p.Phone = key
	}
	if role, col := get("role"); role != "" {
		if p.Role = roleOf(role); p.Role == "" {
			bad(col, "unknown role «"+role+"»; use one of: "+strings.Join(data.PersonRoles, ", "),
				"نقش «"+role+"» شناخته نشد؛ یکی از نقش‌های فهرست افراد را بنویسید، مثلاً «"+label(Persian, "role.elder")+"»")
		}
	}
	if hood, col := get("neighbourhood"); hood != "" {
		id, ok := c.hoods[persian.Normalize(hood)]
		if !ok {
			bad(col, "no neighbourhood «"+hood+"» in this district", "محلهٔ «"+hood+"» در این منطقه نیست")
		}
		p.NeighbourhoodID = &id
	}
	p.Organisation, _ = get("organisation")
	p.Notes, _ = get("notes")
	if len(probs) > 0 {
		return p, probs, nil
	}
	return p, c.duplicates(n, nameCol, phoneCol, &p), nil
}

// duplicates finds the same person earlier in the file or in the register.
func (c *checker) duplicates(n int, nameCol, phoneCol string, p *data.Person) []Problem {
	var probs []Problem
	key, ph := persian.Normalize(p.Name), persian.PhoneKey(p.Phone)
	if first, ok := c.names[key]; ok {
		probs = append(probs, Problem{Row: n, Column: nameCol, Reason: "the same name as row " + itoa(first),
			ReasonFa: "همان نامِ سطر " + persian.Digits(itoa(first)) + " است"})
	} else if first, ok := c.phones[ph]; ok && ph != "" {
		probs = append(probs, Problem{Row: n, Column: phoneCol, Reason: "the same phone number as row " + itoa(first),
			ReasonFa: "همان شماره تلفنِ سطر " + persian.Digits(itoa(first)) + " است"})
	}
	if _, ok := c.names[key]; !ok {
		c.names[key] = n
	}
	if _, ok := c.phones[ph]; !ok && ph != "" {
		c.phones[ph] = n
	}
	if len(probs) > 0 {
		return probs
	}
	dups, err := c.s.FindPossibleDuplicates(c.ctx, c.district, p.Name, p.Phone)
	if err != nil || len(dups) == 0 {
		return nil // a failed look-up must not invent a duplicate; the write checks the rest
	}
	d := dups[0]
	col := nameCol
	if persian.Normalize(d.Name) != key {
		col = phoneCol
	}
	who := d.Name
	if d.Phone != "" {
		who += " (" + d.Phone + ")"
	}
	return []Problem{{Row: n, Column: col, Reason: "already in the register as " + who + "; remove the row if it is the same person",
		ReasonFa: "در فهرست افراد هست: " + who + "؛ اگر همان فرد است سطر را بردارید"}}
}

// checkPhone returns the number in its one national form (0912…), or why
// it is not a telephone number.
func checkPhone(s string) (key, en, fa string) {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return s, "the phone number has letters in it: «" + s + "»", "شماره تلفن حرف دارد: «" + s + "»"
		}
		if !unicode.IsDigit(r) && !strings.ContainsRune(" +-().\u200c/", r) {
			return s, "the phone number has a character «" + string(r) + "» that a number does not have", "شماره تلفن نویسهٔ «" + string(r) + "» دارد که در شماره نیست"
		}
	}
	key = persian.PhoneKey(s)
	if len(key) < 8 || len(key) > 14 {
		return s, "«" + s + "» is not a whole phone number (8 to 14 digits)", "«" + s + "» شماره تلفن کامل نیست (۸ تا ۱۴ رقم)"
	}
	return key, "", ""
}

// roleOf reads a role as its code (elder), its Persian or its English label.
func roleOf(s string) string {
	k := headerKey(s)
	for _, r := range data.PersonRoles {
		if k == headerKey(r) || k == headerKey(label(Persian, "role."+r)) || k == headerKey(label(English, "role."+r)) {
			return r
		}
	}
	return ""
}
