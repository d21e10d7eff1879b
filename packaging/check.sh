#!/usr/bin/env bash
# The packaging check (make check-package, after make release or the
# package-* targets): what the packages hold and that their programs start.
#
#   Windows  Mahalleh.exe is PE32+ x86-64 of the GUI subsystem with an icon and
#            a version record of this version (packaging/pecheck reads the file);
#            mahalleh.com is a console program; the installer has the version
#            too; under wine64, when installed, `mahalleh.com --help` prints the
#            usage and `demo` writes a store through the GUI exe.
#   Linux    the tar.xz unpacks to the binary, the desktop file and the icon;
#            the binary starts under xvfb-run, shows its first window (a
#            screenshot of it is compared with the welcome screen the same
#            binary renders headless) and exits 0 on SIGTERM.
#   HQ       the tar.xz holds the server, which answers --help, and the unit.
#
# Each check prints ok, FAIL or skip with the reason; the exit status is 1 if
# any check failed.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
V=${VERSION:?run through make check-package} B=${BUILD_NUMBER:?}
GO=(./.ci/with-go go)
fails=0
ok() { echo "ok    $*"; }
bad() { echo "FAIL  $*"; fails=$((fails + 1)); }
skip() { echo "skip  $*"; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pecheck=$tmp/pecheck
GOFLAGS='' "${GO[@]}" build -o "$pecheck" ./packaging/pecheck || exit 1

check_windows() {
  local dir=build/package/windows setup=dist/mahalleh-$V-windows-amd64.exe
  if [ ! -f "$dir/Mahalleh.exe" ]; then
    skip "Windows: no $dir/Mahalleh.exe; run make package-windows"
    return
  fi
  "$pecheck" -version "$V.$B" "$dir/Mahalleh.exe" && ok "Windows: Mahalleh.exe is a GUI PE32+ with icon and version $V.$B" || bad "Windows: Mahalleh.exe"
  "$pecheck" -console "$dir/mahalleh.com" && ok "Windows: mahalleh.com is a console PE32+" || bad "Windows: mahalleh.com"
  if [ -f "$setup" ]; then
    "$pecheck" -pe32 -version "$V.$B" "$setup" && ok "Windows: the installer has its icon and version $V.$B" || bad "Windows: installer"
  else
    skip "Windows: no $setup"
  fi
  local wine
  wine=$(command -v wine64 || command -v wine || ls /usr/lib/wine/wine64 2>/dev/null || true)
  if [ -z "$wine" ]; then
    skip "Windows: wine64 is not installed (apt-get install wine64), so the exe was not run"
    return
  fi
  export WINEPREFIX=${WINEPREFIX:-$tmp/wine} WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
  local out code
  out=$(timeout 300 "$wine" "$dir/mahalleh.com" --help 2>"$tmp/wine.err"); code=$?
  if grep -q "bcryptprimitives.dll not found" "$tmp/wine.err"; then
    # Go 1.24 and later need ProcessPrng from bcryptprimitives.dll (Windows 10+),
    # which Debian 12's wine 8.0 lacks: no Go program of this version runs in it.
    skip "Windows: $("$wine" --version) has no bcryptprimitives.dll, which Go $("${GO[@]}" env GOVERSION) programs need, so the exe was not run (a newer wine has it)"
    return
  fi
  if [ $code -eq 0 ] && grep -q "usage:" <<<"$out" && grep -q "export" <<<"$out"; then
    ok "Windows: mahalleh.com --help under wine prints the usage (through Mahalleh.exe)"
  else
    bad "Windows: mahalleh.com --help under wine: exit $code; output: $out $(tail -n 5 "$tmp/wine.err")"
  fi
  out=$(timeout 300 "$wine" "$dir/mahalleh.com" demo --db 'C:\m.db' --size 5 2>&1); code=$?
  if [ $code -eq 0 ] && [ -s "$WINEPREFIX/drive_c/m.db" ] && rm -f "$WINEPREFIX"/drive_c/m.db*; then
    ok "Windows: mahalleh.com demo under wine wrote a store (SQLite works in the exe)"
  else
    bad "Windows: mahalleh.com demo under wine: exit $code: $out"
  fi
  out=$(timeout 300 "$wine" "$dir/mahalleh.com" no-such-command 2>&1); code=$?
  [ $code -eq 2 ] && ok "Windows: a bad command exits 2 through mahalleh.com" || bad "Windows: bad command exited $code: $out"
}

check_linux() {
  local tarball=dist/mahalleh-$V-linux-amd64.tar.xz root=$tmp/linux
  if [ ! -f "$tarball" ]; then
    skip "Linux: no $tarball; run make package-linux"
    return
  fi
  mkdir -p "$root" && tar -xJf "$tarball" -C "$root" || { bad "Linux: $tarball does not unpack"; return; }
  local bin desktop icon makefile
  makefile=$(find "$root" -name Makefile | head -n 1) # fyne puts everything under mahalleh/
  bin=$(find "$root" -path '*/bin/*' -type f -perm -u+x | head -n 1)
  desktop=$(find "$root" -name '*.desktop' | head -n 1)
  icon=$(find "$root" -path '*/share/*' -name '*.png' | head -n 1)
  if [ -n "$bin" ] && [ -n "$desktop" ] && [ -n "$icon" ] && [ -n "$makefile" ]; then
    ok "Linux: the package holds ${bin#"$root"/}, ${desktop#"$root"/}, ${icon#"$root"/} and a Makefile (make user-install)"
  else
    bad "Linux: the package lacks a binary, desktop file, icon or Makefile: $(cd "$root" && find . -type f)"
    return
  fi
  grep -q '^Categories=Office;' "$desktop" && grep -q '^Keywords=.*neighbourhood' "$desktop" &&
    ok "Linux: the desktop entry has its categories and keywords" || bad "Linux: desktop entry: $(cat "$desktop")"
  local err
  err=$(LANG=C.UTF-8 "$bin" --help 2>&1 >/dev/null)
  [ -z "$err" ] && ok "Linux: --help under LANG=C.UTF-8 prints nothing on stderr" || bad "Linux: --help printed on stderr: $err"
  if strings "$bin" | grep -q "$(pwd)"; then bad "Linux: the binary holds paths of the build machine ($(pwd))"; else ok "Linux: no build-machine paths in the binary (-trimpath)"; fi
  if ! command -v xvfb-run >/dev/null || ! command -v import >/dev/null; then
    skip "Linux: xvfb-run or ImageMagick's import is missing (make deps-package), so the window was not checked"
    return
  fi
  local home=$tmp/home
  mkdir -p "$home"
  rm -f "$tmp/new.db"
  HOME=$home MAHALLEH_LANG=en xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
    "$1" --db "$2/new.db" 2>"$2/app.err" & pid=$!
    for i in $(seq 1 120); do
      sleep 1
      if import -window Mahalleh "$2/shot.png" 2>/dev/null; then
        sleep 3; import -window Mahalleh "$2/shot.png"; break
      fi
      kill -0 $pid 2>/dev/null || break
    done
    kill -TERM $pid 2>/dev/null
    for i in $(seq 1 20); do kill -0 $pid 2>/dev/null || break; sleep 0.5; done
    if kill -0 $pid 2>/dev/null; then kill -KILL $pid; echo timeout > "$2/exit"; else wait $pid; echo $? > "$2/exit"; fi
  ' _ "$bin" "$tmp"
  if [ ! -f "$tmp/shot.png" ]; then
    bad "Linux: no window appeared under xvfb-run: $(cat "$tmp/app.err" 2>/dev/null)"
    return
  fi
  [ -n "${SHOT_OUT:-}" ] && cp "$tmp/shot.png" "$SHOT_OUT/linux-first-window.png"
  # The expected first screen: the welcome screen of that new store, rendered
  # headless by the same binary (Fyne's software painter, not GL). Both are
  # compared small (the painters differ in anti-aliasing), and a blank screen
  # is the control that the comparison can fail.
  if ! HOME=$home "$bin" screenshots --db "$tmp/new.db" --out "$tmp/want" --lang en >/dev/null 2>"$tmp/shots.err"; then
    bad "Linux: the headless renderer failed: $(cat "$tmp/shots.err")"
    return
  fi
  [ -n "${SHOT_OUT:-}" ] && cp "$tmp/want/welcome.png" "$SHOT_OUT/linux-expected-welcome.png"
  convert "$tmp/shot.png" -resize 118x76! "$tmp/got.png"
  convert "$tmp/want/welcome.png" -resize 118x76! "$tmp/exp.png"
  convert -size 118x76 xc:white "$tmp/blank.png"
  local d dblank
  d=$(compare -metric RMSE "$tmp/got.png" "$tmp/exp.png" null: 2>&1 | sed -E 's/.*\((.*)\).*/\1/')
  dblank=$(compare -metric RMSE "$tmp/got.png" "$tmp/blank.png" null: 2>&1 | sed -E 's/.*\((.*)\).*/\1/')
  if awk -v d="$d" -v b="$dblank" 'BEGIN { exit !(d < 0.08 && d < b / 2) }'; then
    ok "Linux: the first window under Xvfb matches the expected welcome screen (RMSE $d; a blank screen is $dblank)"
  else
    bad "Linux: the first window differs from the welcome screen (RMSE $d, blank $dblank); run with SHOT_OUT=DIR to keep both"
  fi
  local code
  code=$(cat "$tmp/exit" 2>/dev/null)
  [ "$code" = 0 ] && ok "Linux: the app exits 0 on SIGTERM (a window manager's quit)" || bad "Linux: on SIGTERM the app exited '$code': $(tail -n 5 "$tmp/app.err")"
}

check_hq() {
  local tarball=dist/mahalleh-hq-$V-linux-amd64.tar.xz root=$tmp/hq
  if [ ! -f "$tarball" ]; then
    skip "HQ: no $tarball; run make package-hq"
    return
  fi
  mkdir -p "$root" && tar -xJf "$tarball" -C "$root"
  local d=$root/mahalleh-hq-$V
  if [ -x "$d/mahalleh-hq" ] && [ -f "$d/mahalleh-hq.service" ] && [ -f "$d/README.txt" ] &&
    "$d/mahalleh-hq" --help 2>&1 | grep -q serve; then
    ok "HQ: the package holds the server (its --help lists serve), the systemd unit and README.txt"
  else
    bad "HQ: $(cd "$root" && find . -type f)"
  fi
}

check_windows
check_linux
check_hq
if [ -f dist/SHA256SUMS ]; then
  (cd dist && sha256sum --quiet -c SHA256SUMS) && ok "dist/SHA256SUMS matches the files" || bad "dist/SHA256SUMS"
fi
echo "packaging check: $fails failed"
[ "$fails" -eq 0 ]
