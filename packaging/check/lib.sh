# What the parts of the packaging check share (sourced by packaging/check.sh,
# which sets tmp, GO and fails).

ok() { echo "ok    $*"; }
bad() {
  echo "FAIL  $*"
  fails=$((fails + 1))
}
skip() { echo "skip  $*"; }
note() { echo "note  $*"; }

# no_build_paths WHAT FILE: release builds are made with -trimpath, so a
# binary holds no path of the machine that built it (its source tree, home,
# Go's module cache and toolchain), which would show in every panic and tell
# where and by whom it was built. /work/ and /root/ are where this project's
# build machines keep both.
no_build_paths() {
  local args=() p hits
  for p in "$(pwd)/" /work/ /root/ "$HOME/" "$(GOFLAGS='' "${GO[@]}" env GOMODCACHE)/" \
    "$(GOFLAGS='' "${GO[@]}" env GOROOT)/src/"; do
    [ ${#p} -gt 2 ] && args+=(-e "$p")
  done
  hits=$(strings -n 5 "$2" | grep -F "${args[@]}" | sort -u | head -n 3 | tr "\n" " ")
  if [ -n "$hits" ]; then
    bad "$1: $(basename "$2") holds paths of the build machine: $hits"
  else
    ok "$1: no build-machine paths in $(basename "$2") (-trimpath; looked for $(pwd)/, /work/, /root/, the home, module cache and GOROOT)"
  fi
}

# title_of LANG: the window's title in that language, from the translations.
title_of() { sed -n 's/^  "app\.title": "\(.*\)",$/\1/p' "assets/i18n/$1.json"; }

# rmse A B: the root mean square difference of two images, 0 to 1.
rmse() { compare -metric RMSE "$1" "$2" null: 2>&1 | sed -E 's/.*\((.*)\).*/\1/'; }

# same_screen WHAT DIR LANG: is DIR/shot.png the welcome screen in LANG? The
# expected screen is the golden of app/gui's tests (app/gui/testdata/
# welcome_LANG.png: what make test holds the headless renderer to, and what
# a person looked at), not something the binary under test renders. The two
# are compared at a quarter of their size, since the GL painter's
# anti-aliasing differs a little from the software one; the controls, which
# must both be at least four times as far, are the other language's golden
# (the same layout, mirrored and in other words) and a blank window.
same_screen() {
  local what=$1 d=$2 lang=$3 other=en size=295x190
  [ "$lang" = en ] && other=fa
  convert "$d/shot.png" -resize "$size!" "$d/s.png"
  convert "app/gui/testdata/welcome_$lang.png" -resize "$size!" "$d/g.png"
  convert "app/gui/testdata/welcome_$other.png" -resize "$size!" "$d/o.png"
  convert -size "$size" xc:white "$d/b.png"
  local dg dother dblank got want
  dg=$(rmse "$d/s.png" "$d/g.png") dother=$(rmse "$d/s.png" "$d/o.png") dblank=$(rmse "$d/s.png" "$d/b.png")
  got=$(identify -format %wx%h "$d/shot.png") want=$(identify -format %wx%h "app/gui/testdata/welcome_$lang.png")
  if [ "$got" = "$want" ] && awk -v g="$dg" -v o="$dother" -v b="$dblank" 'BEGIN { exit !(g < 0.02 && 4 * g < o && 4 * g < b) }'; then
    ok "$what ($lang): the first window ($got) is the welcome screen of app/gui/testdata/welcome_$lang.png (RMSE $dg; the $other golden is $dother away, a blank window $dblank)"
  else
    bad "$what ($lang): the first window ($got) is not welcome_$lang.png ($want): RMSE $dg (the $other golden $dother, blank $dblank); SHOT_OUT=DIR keeps the screenshots (a package older than the goldens? rebuild it)"
  fi
}

# first_window WHAT SLUG LANG CLOSE CMD...: starts CMD under Xvfb, expects its
# first window, titled in LANG, to be the welcome screen in LANG, and the
# program to exit 0 when asked to quit (CLOSE: see packaging/check/shoot.sh).
# Leaves the window's xwininfo line and WM_CLASS in $tmp/SLUG-LANG/.
first_window() {
  local what=$1 slug=$2 lang=$3 close=$4 title d
  shift 4
  title=$(title_of "$lang") d=$tmp/$slug-$lang
  mkdir -p "$d"
  xvfb-run -a -s "-screen 0 1280x800x24" packaging/check/shoot.sh "$d" "$title" "$close" "$@"
  if [ ! -f "$d/shot.png" ]; then
    bad "$what ($lang): no window titled \"$title\" appeared within 120 s (exit $(cat "$d/exit")): $(tail -n 5 "$d/app.err")"
    return
  fi
  [ -n "${SHOT_OUT:-}" ] && cp "$d/shot.png" "$SHOT_OUT/$slug-first-window-$lang.png"
  ok "$what ($lang): the window \"$title\" appeared $(cat "$d/appeared") s after the start"
  same_screen "$what" "$d" "$lang"
  local code
  code=$(cat "$d/exit")
  if [ "$code" = 0 ]; then
    ok "$what ($lang): asked to quit ($close), it exited 0 after $(cat "$d/quit") s"
  else
    bad "$what ($lang): asked to quit ($close), it exited '$code' after $(cat "$d/quit") s: $(tail -n 5 "$d/app.err")"
  fi
}
