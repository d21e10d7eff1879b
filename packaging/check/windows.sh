# The Windows package's part of the packaging check (sourced by packaging/check.sh).
#
# The installer is a 32-bit PE (NSIS) with its icon, the version and a
# manifest asking for no administrator rights (a per-user install); 7-Zip
# unpacks it to Mahalleh.exe, mahalleh.com and the uninstaller, and the
# checks below are of those unpacked files, the ones an officer gets:
# Mahalleh.exe is PE32+ x86-64 of the GUI subsystem with an icon and a
# version record of this version (packaging/pecheck reads the file),
# mahalleh.com is a console program, neither holds build-machine paths. Under
# wine64, when installed: `mahalleh.com --help` prints the usage, `demo`
# writes a store, a bad command exits 2, and Mahalleh.exe shows the welcome
# screen in Persian and English and exits 0 when Windows asks it to close.
# The Start-menu shortcut and the uninstaller's registry entry are written
# by the installer script when it runs, which needs a Windows (or a 32-bit
# wine): they are not checked here.

check_windows() {
  local setup=dist/mahalleh-$V-windows-amd64.exe dir=$tmp/setup
  if [ ! -f "$setup" ]; then
    skip "Windows: no $setup; run make package-windows"
    return
  fi
  "$pecheck" -pe32 -level asInvoker -version "$V.$B" "$setup" &&
    ok "Windows: the installer has its icon, version $V.$B and asks for no administrator rights (asInvoker)" ||
    bad "Windows: installer"
  local sz
  sz=$(command -v 7z || command -v 7zz)
  if [ -z "$sz" ]; then
    skip "Windows: 7-Zip is missing (apt-get install p7zip-full), so the installer's files were not unpacked; checking build/package/windows/ instead"
    dir=build/package/windows
  elif "$sz" x -y -o"$dir" "$setup" >"$tmp/7z.log" 2>&1 && [ -f "$dir/Mahalleh.exe" ] &&
    [ -f "$dir/mahalleh.com" ] && [ -f "$dir/uninstall.exe" ]; then
    ok "Windows: the installer holds Mahalleh.exe, mahalleh.com and uninstall.exe (unpacked with 7-Zip)"
  else
    bad "Windows: the installer does not unpack to Mahalleh.exe, mahalleh.com and uninstall.exe: $(tail -n 3 "$tmp/7z.log")"
    return
  fi
  "$pecheck" -version "$V.$B" "$dir/Mahalleh.exe" &&
    ok "Windows: Mahalleh.exe is a GUI PE32+ with icon and version $V.$B" || bad "Windows: Mahalleh.exe"
  "$pecheck" -console "$dir/mahalleh.com" && ok "Windows: mahalleh.com is a console PE32+" || bad "Windows: mahalleh.com"
  [ -f "$dir/uninstall.exe" ] && { "$pecheck" -pe32 "$dir/uninstall.exe" >/dev/null &&
    ok "Windows: uninstall.exe is a 32-bit GUI PE" || bad "Windows: uninstall.exe"; }
  no_build_paths Windows "$dir/Mahalleh.exe"
  no_build_paths Windows "$dir/mahalleh.com"
  check_wine "$dir"
}

# check_wine DIR: runs DIR's Mahalleh.exe and mahalleh.com under wine64.
check_wine() {
  local dir=$1 wine
  wine=$(command -v wine64 || ls /usr/lib/wine/wine64 2>/dev/null || command -v wine || true)
  if [ -z "$wine" ]; then
    skip "Windows: wine64 is not installed (apt-get install wine64: about 670 MB), so the programs were not run"
    return
  fi
  export WINEPREFIX=$tmp/wine WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" WINE=$wine
  WINESERVER=$(command -v wineserver || ls "$(dirname "$wine")"/wineserver 2>/dev/null || true)
  local out code with=""
  out=$(timeout 300 "$wine" "$dir/mahalleh.com" --help 2>"$tmp/wine.err")
  code=$?
  if grep -q "bcryptprimitives.dll not found" "$tmp/wine.err"; then
    # Go 1.24 and later take random numbers from ProcessPrng in
    # bcryptprimitives.dll (every Windows 10 and 11 has it); Debian 12's wine
    # 8.0 lacks it, so no Go program of this version starts there without
    # the stand-in of packaging/wine/, built into this check's wine prefix.
    local goversion
    goversion=$(GOFLAGS='' "${GO[@]}" env GOVERSION)
    if ! x86_64-w64-mingw32-gcc -O2 -shared -s -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
      packaging/wine/bcryptprimitives.c packaging/wine/bcryptprimitives.def -lbcrypt 2>"$tmp/shim.err"; then
      skip "Windows: $("$wine" --version) has no bcryptprimitives.dll, which $goversion programs need, and its stand-in (packaging/wine/) did not build, so the programs were not run: $(head -n 3 "$tmp/shim.err")"
      return
    fi
    with=" (with packaging/wine's ProcessPrng)"
    note "Windows: $("$wine" --version) has no bcryptprimitives.dll, which $goversion programs need (Windows 10 and 11 have it); its wine prefix gets the stand-in of packaging/wine/, built here with mingw-w64"
    out=$(timeout 300 "$wine" "$dir/mahalleh.com" --help 2>"$tmp/wine.err")
    code=$?
  fi
  if [ $code -eq 0 ] && grep -q "usage:" <<<"$out" && grep -q "export" <<<"$out"; then
    ok "Windows: mahalleh.com --help under $("$wine" --version)$with prints the usage (through Mahalleh.exe)"
  else
    bad "Windows: mahalleh.com --help under wine: exit $code; output: $out $(tail -n 5 "$tmp/wine.err")"
  fi
  out=$(timeout 300 "$wine" "$dir/mahalleh.com" demo --db 'C:\m.db' --size 5 2>&1)
  code=$?
  if [ $code -eq 0 ] && [ -s "$WINEPREFIX/drive_c/m.db" ]; then
    ok "Windows: mahalleh.com demo under wine wrote a store (SQLite works in the exe)"
  else
    bad "Windows: mahalleh.com demo under wine: exit $code: $out"
  fi
  out=$(timeout 300 "$wine" "$dir/mahalleh.com" no-such-command 2>&1)
  code=$?
  [ $code -eq 2 ] && ok "Windows: a bad command exits 2 through mahalleh.com" || bad "Windows: bad command exited $code: $out"
  if command -v xvfb-run >/dev/null && command -v import >/dev/null && command -v xwininfo >/dev/null; then
    # Each window gets a fresh wineserver, on that run's X display.
    wine_reset
    first_window "Windows (wine)" windows fa taskkill env -u MAHALLEH_LANG "$wine" "$dir/Mahalleh.exe" --db 'C:\fa.db'
    wine_reset
    first_window "Windows (wine)" windows en taskkill env MAHALLEH_LANG=en "$wine" "$dir/Mahalleh.exe" --db 'C:\en.db'
  else
    skip "Windows: xvfb-run, ImageMagick's import or xwininfo is missing, so Mahalleh.exe's window was not checked"
  fi
  wine_reset
}

# wine_reset: ends the wineserver of the check's prefix and its programs.
wine_reset() {
  [ -n "$WINESERVER" ] && "$WINESERVER" -k 2>/dev/null
  [ -n "$WINESERVER" ] && "$WINESERVER" -w 2>/dev/null
  return 0
}
