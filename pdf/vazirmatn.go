package pdf

import "mahalleh/assets"

// Vazirmatn parses the bundled Vazirmatn faces, regular and bold, that the
// printed documents (minutes, reports) are set in. Each document gets its
// own Fonts, which record the glyphs it draws for its subset.
func Vazirmatn() (regular, bold *Font, err error) {
	if regular, err = bundled("Vazirmatn-Regular"); err != nil {
		return nil, nil, err
	}
	if bold, err = bundled("Vazirmatn-Bold"); err != nil {
		return nil, nil, err
	}
	return regular, bold, nil
}

func bundled(name string) (*Font, error) {
	b, err := assets.Fonts.ReadFile("fonts/" + name + ".ttf")
	if err != nil {
		return nil, err
	}
	return ParseFont(name, b)
}
