# The Linux package's part of the packaging check (sourced by packaging/check.sh).
#
# The tar.xz unpacks to the binary, the desktop entry and the icon with fyne's
# Makefile; `make user-install` puts them in a new, empty HOME (~/.local), the
# entry then names the installed binary and passes desktop-file-validate;
# the installed binary answers --help quietly under LANG=C.UTF-8, holds no
# build-machine paths, starts under Xvfb in Persian (the default) and in
# English, shows the welcome screen in each, has the window class the entry
# names (docks group the window under its launcher by it) and exits 0 on
# SIGTERM; `make user-uninstall` removes what was installed.

check_linux() {
  local tarball=dist/mahalleh-$V-linux-amd64.tar.xz root=$tmp/linux home=$tmp/home
  if [ ! -f "$tarball" ]; then
    skip "Linux: no $tarball; run make package-linux"
    return
  fi
  mkdir -p "$root" "$home" && tar -xJf "$tarball" -C "$root" || {
    bad "Linux: $tarball does not unpack"
    return
  }
  local pkg bin desktop icon
  pkg=$(dirname "$(find "$root" -name Makefile | head -n 1)") # fyne puts everything under mahalleh/
  bin=$(find "$root" -path '*/bin/*' -type f -perm -u+x | head -n 1)
  desktop=$(find "$root" -name '*.desktop' | head -n 1)
  icon=$(find "$root" -path '*/share/*' -name '*.png' | head -n 1)
  if [ -n "$bin" ] && [ -n "$desktop" ] && [ -n "$icon" ] && [ -f "$pkg/Makefile" ]; then
    ok "Linux: the package holds ${bin#"$root"/}, ${desktop#"$root"/}, ${icon#"$root"/} and a Makefile (make user-install)"
  else
    bad "Linux: the package lacks a binary, desktop file, icon or Makefile: $(cd "$root" && find . -type f)"
    return
  fi
  grep -q '^Categories=Office;' "$desktop" && grep -q '^Keywords=.*neighbourhood' "$desktop" &&
    ok "Linux: the desktop entry has its categories and keywords" || bad "Linux: desktop entry: $(cat "$desktop")"

  # Installed for one user, as the README says, into a HOME with nothing in it.
  local id out
  id=$(basename "$desktop" .desktop)
  if ! out=$(HOME=$home make -s -C "$pkg" user-install 2>&1); then
    bad "Linux: make user-install failed: $out"
    return
  fi
  local ibin=$home/.local/bin/mahalleh idesk=$home/.local/share/applications/$id.desktop
  if [ -x "$ibin" ] && [ -f "$idesk" ] && [ -f "$home/.local/share/icons/$id.png" ] &&
    grep -qx "Exec=$ibin" "$idesk"; then
    ok "Linux: make user-install put the binary, the desktop entry (Exec=~/.local/bin/mahalleh) and the icon in ~/.local"
  else
    bad "Linux: after make user-install: $(cd "$home" && find . -type f) $(grep '^Exec' "$idesk" 2>/dev/null)"
    return
  fi
  if command -v desktop-file-validate >/dev/null; then
    out=$(desktop-file-validate "$idesk" 2>&1) && [ -z "$out" ] &&
      ok "Linux: desktop-file-validate finds nothing to say about the installed entry" || bad "Linux: desktop-file-validate: $out"
  else
    skip "Linux: desktop-file-validate is missing (apt-get install desktop-file-utils), so the entry was not validated"
  fi

  local err
  err=$(HOME=$home LANG=C.UTF-8 "$ibin" --help 2>&1 >/dev/null)
  [ -z "$err" ] && ok "Linux: --help under LANG=C.UTF-8 prints nothing on stderr" || bad "Linux: --help printed on stderr: $err"
  no_build_paths Linux "$ibin"

  if ! command -v xvfb-run >/dev/null || ! command -v import >/dev/null || ! command -v xwininfo >/dev/null; then
    skip "Linux: xvfb-run, ImageMagick's import or xwininfo is missing (make deps-package), so the window was not checked"
  else
    first_window Linux linux fa term env -u MAHALLEH_LANG HOME="$home" "$ibin" --db "$tmp/linux-fa.db"
    first_window Linux linux en term env HOME="$home" MAHALLEH_LANG=en "$ibin" --db "$tmp/linux-en.db"
    local class
    class=$(sed -n 's/^StartupWMClass=//p' "$idesk")
    if grep -q "= \"$class\", \"$class\"" "$tmp/linux-fa/class" 2>/dev/null; then
      ok "Linux: the Persian window's class is $class, the desktop entry's StartupWMClass"
    else
      bad "Linux: the Persian window's $(cat "$tmp/linux-fa/class" 2>/dev/null) is not the entry's StartupWMClass=$class (docks show it apart from its launcher)"
    fi
  fi

  HOME=$home make -s -C "$pkg" user-uninstall >/dev/null 2>&1
  if [ -e "$ibin" ] || [ -e "$idesk" ] || [ -e "$home/.local/share/icons/$id.png" ]; then
    bad "Linux: make user-uninstall left $(cd "$home" && find .local -type f)"
  else
    ok "Linux: make user-uninstall removed the binary, the entry and the icon"
  fi
  LINUX_BIN=$bin # for the HQ part: the desktop app enrols with the packaged server
}
