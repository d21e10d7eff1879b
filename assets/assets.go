// Package assets embeds what the binaries ship: the Vazirmatn fonts (with their
// OFL licence), the UI translations and the demo texts. Embedding them means no
// system font scan and no files to install next to the binary.
package assets

import "embed"

// Fonts holds Vazirmatn-Regular.ttf, Vazirmatn-Bold.ttf and OFL.txt.
//
//go:embed fonts/*.ttf fonts/OFL.txt
var Fonts embed.FS

// Translations holds the UI strings, one flat JSON file per language
// (i18n/fa.json, i18n/en.json): key → text, with {{.Name}} placeholders.
//
//go:embed i18n/*.json
var Translations embed.FS

// Icon is the app's icon (three houses: محله, the neighbourhood), 512×512 PNG,
// drawn by assets/icongen.
//
//go:embed icon.png
var Icon []byte
