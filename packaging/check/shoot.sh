#!/usr/bin/env bash
# Runs inside xvfb-run for the packaging check (shoot in packaging/check/lib.sh):
#
#   shoot.sh DIR TITLE CLOSE CMD...
#
# Starts CMD, waits up to 120 s for a top-level window named TITLE, takes its
# screenshot once the picture has stopped changing, then asks the program to
# quit (CLOSE term: SIGTERM, as a session's logout sends; taskkill: wine's
# taskkill without /f, which sends the window WM_CLOSE as Windows does at
# shutdown) and gives it 10 s. It leaves in DIR: shot.png, window (xwininfo's
# line: name, class, geometry), class (WM_CLASS), appeared (seconds from the
# start to the window), exit (the exit status, or "timeout") and quit
# (seconds from the request to the exit).
set -u
d=$1 title=$2 close=$3
shift 3
"$@" >"$d/app.out" 2>"$d/app.err" &
pid=$!
t0=$(date +%s%N)

# since T: the seconds since T (date +%s%N), to a tenth.
since() {
  local t=$((($(date +%s%N) - $1) / 100000000))
  echo "$((t / 10)).$((t % 10))"
}

id=""
for _ in $(seq 1 240); do
  sleep 0.5
  id=$(xwininfo -root -children 2>/dev/null | awk -v t="\"$title\":" 'index($0, t) { print $1; exit }')
  [ -n "$id" ] && break
  kill -0 "$pid" 2>/dev/null || break
done
if [ -n "$id" ]; then
  since "$t0" >"$d/appeared"
  xwininfo -root -children | awk -v id="$id" '$1 == id' >"$d/window"
  xprop -id "$id" WM_CLASS >"$d/class" 2>&1
  # The first frames may come after the window is mapped: shoot until two
  # shots a second apart are the same (at most 15 s).
  for _ in $(seq 1 15); do
    sleep 1
    import -window "$id" "$d/next.png" 2>/dev/null || continue
    if [ -f "$d/shot.png" ] && [ "$(compare -metric AE "$d/shot.png" "$d/next.png" null: 2>&1)" = 0 ]; then
      break
    fi
    mv "$d/next.png" "$d/shot.png"
  done
fi

t1=$(date +%s%N)
case $close in
  term) kill -TERM "$pid" 2>/dev/null ;;
  taskkill) "$WINE" taskkill /im Mahalleh.exe >/dev/null 2>&1 ;;
esac
for _ in $(seq 1 20); do
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.5
done
if kill -0 "$pid" 2>/dev/null; then
  kill -KILL "$pid"
  wait "$pid" 2>/dev/null
  echo timeout >"$d/exit"
else
  wait "$pid"
  echo $? >"$d/exit"
fi
since "$t1" >"$d/quit"
