// Command quiet is noisy with clocale imported, as main.go imports it.
package main

import (
	"fmt"

	"fyne.io/fyne/v2/lang"

	_ "mahalleh/app/clocale"
)

func main() { fmt.Println(lang.SystemLocale()) }
