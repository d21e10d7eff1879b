// Command noisy imports Fyne's lang package alone: under LANG=C.UTF-8 its
// init logs "Error parsing user locale C" (the control of TestInitOrder).
package main

import (
	"fmt"

	"fyne.io/fyne/v2/lang"
)

func main() { fmt.Println(lang.SystemLocale()) }
