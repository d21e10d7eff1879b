// Command console is the Windows console twin of Mahalleh.exe, shipped next
// to it as mahalleh.com. Mahalleh.exe is a GUI-subsystem program, so that the
// Start menu opens the window without a console; but cmd.exe and PowerShell
// do not wait for such a program, do not show its exit status, and give it no
// console to print to. Windows looks for NAME.com before NAME.exe (PATHEXT),
// so typing `mahalleh export …` in the install folder, a script or a
// scheduled task runs this small console program instead: it starts
// Mahalleh.exe with the same arguments and the same standard handles, waits,
// and exits with its status. (Visual Studio's devenv.com does the same.)
// Attaching the GUI exe to its parent's console instead was not chosen: the
// prompt comes back at once and the output lands over it, and %ERRORLEVEL% is
// lost, which breaks scheduled exports.
package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
)

// target is the GUI executable, in the same folder as this one.
const target = "Mahalleh.exe"

func main() {
	self, err := os.Executable()
	if err != nil {
		fail(err)
	}
	cmd := exec.Command(filepath.Join(filepath.Dir(self), target), os.Args[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	// Ctrl-C reaches this console program, not the GUI one: stop the
	// command (SQLite rolls back the transaction it was in) and say so.
	interrupt := make(chan os.Signal, 1)
	signal.Notify(interrupt, os.Interrupt)
	if err := cmd.Start(); err != nil {
		fail(err)
	}
	go func() {
		<-interrupt
		cmd.Process.Kill()
		fmt.Fprintln(os.Stderr, "متوقف شد. / stopped.")
	}()
	err = cmd.Wait()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		os.Exit(ee.ExitCode())
	}
	if err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintf(os.Stderr, "خطا: %s اجرا نشد؛ برنامه را دوباره نصب کنید: %v\n", target, err)
	fmt.Fprintf(os.Stderr, "error: could not run %s; reinstall Mahalleh: %v\n", target, err)
	os.Exit(1)
}
