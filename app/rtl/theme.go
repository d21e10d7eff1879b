package rtl

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"mahalleh/assets"
)

// Vazirmatn font resources, read once from the embedded assets so that
// Fyne never needs a system font to draw Persian (and never draws boxes).
var (
	FontRegular = mustFont("fonts/Vazirmatn-Regular.ttf")
	FontBold    = mustFont("fonts/Vazirmatn-Bold.ttf")
)

func mustFont(path string) fyne.Resource {
	data, err := assets.Fonts.ReadFile(path)
	if err != nil {
		panic("rtl: embedded font missing: " + path)
	}
	return fyne.NewStaticResource(path[len("fonts/"):], data)
}

// Theme is Fyne's default theme with Vazirmatn for every text style.
// Variant pins the light or dark palette; a negative Variant follows the
// system setting like the default theme does.
type Theme struct {
	Variant fyne.ThemeVariant
	fixed   bool
}

// NewTheme returns the Mahalleh theme in the given variant
// (theme.VariantLight or theme.VariantDark).
func NewTheme(variant fyne.ThemeVariant) fyne.Theme {
	return &Theme{Variant: variant, fixed: true}
}

// Color returns the default theme's colour for the pinned variant.
func (t *Theme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if t.fixed {
		v = t.Variant
	}
	return theme.DefaultTheme().Color(n, v)
}

// Font returns Vazirmatn Bold for bold text and Vazirmatn Regular for
// everything else. Vazirmatn has Latin letters and both digit sets, so
// monospace and italic requests also get it rather than a font without
// Persian glyphs.
func (t *Theme) Font(s fyne.TextStyle) fyne.Resource {
	if s.Symbol {
		return theme.DefaultTheme().Font(s)
	}
	if s.Bold {
		return FontBold
	}
	return FontRegular
}

// Icon returns the default theme's icon.
func (t *Theme) Icon(n fyne.ThemeIconName) fyne.Resource {
	return theme.DefaultTheme().Icon(n)
}

// Size returns the default theme's size.
func (t *Theme) Size(n fyne.ThemeSizeName) float32 {
	return theme.DefaultTheme().Size(n)
}
