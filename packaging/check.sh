#!/usr/bin/env bash
# The packaging check (make check-package, after make release or the
# package-* targets): what the packages in dist/ hold, and that their
# programs start, show the first screen and stop when asked. The parts, each
# described at its top:
#
#   packaging/check/windows.sh  the installer and the exes in it; under wine64
#   packaging/check/linux.sh    the tar.xz, installed for one user; under Xvfb
#   packaging/check/hq.sh       the server's tar.xz and unit; the server serving
#
# A first window is compared with the golden of the welcome screen that
# app/gui's tests use (packaging/check/lib.sh says how). Each check prints
# ok, FAIL or skip with the reason (note: something the reader should know);
# the exit status is 1 if any check failed. SHOT_OUT=DIR keeps the
# screenshots of the first windows in DIR.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
V=${VERSION:?run through make check-package} B=${BUILD_NUMBER:?}
GO=(./.ci/with-go go)
fails=0
tmp=$(mktemp -d)
cleanup() {
  [ -n "${WINESERVER:-}" ] && WINEPREFIX=$tmp/wine "$WINESERVER" -k 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
. packaging/check/lib.sh
. packaging/check/windows.sh
. packaging/check/linux.sh
. packaging/check/hq.sh

pecheck=$tmp/pecheck
GOFLAGS='' "${GO[@]}" build -o "$pecheck" ./packaging/pecheck || exit 1
[ -n "${SHOT_OUT:-}" ] && mkdir -p "$SHOT_OUT"

start=$(date +%s)
check_windows
check_linux
check_hq
if [ -f dist/SHA256SUMS ]; then
  (cd dist && sha256sum --quiet -c SHA256SUMS) && ok "dist/SHA256SUMS matches the files" || bad "dist/SHA256SUMS"
fi
echo "packaging check: $fails failed ($(($(date +%s) - start)) s)"
[ "$fails" -eq 0 ]
