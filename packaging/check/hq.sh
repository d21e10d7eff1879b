# The HQ server package's part of the packaging check (sourced by packaging/check.sh).
#
# The tar.xz holds the server, the systemd unit and README.txt; the server
# answers --help and holds no build-machine paths; systemd-analyze finds
# nothing wrong in the unit; the server serves HTTPS as the unit starts it
# (a throwaway certificate, SQLite), the packaged desktop app enrols with a
# code from it and syncs, the server lists the device, and it exits 0 on
# SIGTERM (systemctl stop).

check_hq() {
  local tarball=dist/mahalleh-hq-$V-linux-amd64.tar.xz root=$tmp/hq
  if [ ! -f "$tarball" ]; then
    skip "HQ: no $tarball; run make package-hq"
    return
  fi
  mkdir -p "$root" && tar -xJf "$tarball" -C "$root"
  local d=$root/mahalleh-hq-$V
  local hq=$d/mahalleh-hq
  if [ -x "$hq" ] && [ -f "$d/mahalleh-hq.service" ] && [ -f "$d/README.txt" ] &&
    "$hq" --help 2>&1 | grep -q serve; then
    ok "HQ: the package holds the server (its --help lists serve), the systemd unit and README.txt"
  else
    bad "HQ: $(cd "$root" && find . -type f)"
    return
  fi
  no_build_paths HQ "$hq"
  check_hq_unit "$d"
  check_hq_serves "$hq"
}

# check_hq_unit DIR: systemd-analyze verify reads the unit as systemd would
# (its ExecStart pointed at the unpacked server, which it checks exists) and
# prints a line for every unknown key or bad value.
check_hq_unit() {
  if ! command -v systemd-analyze >/dev/null; then
    skip "HQ: systemd-analyze is missing, so the unit was not verified"
    return
  fi
  sed "s#/usr/local/bin/mahalleh-hq#$1/mahalleh-hq#" "$1/mahalleh-hq.service" >"$tmp/mahalleh-hq.service"
  local out
  if out=$(systemd-analyze verify "$tmp/mahalleh-hq.service" 2>&1) && [ -z "$out" ]; then
    ok "HQ: systemd-analyze verify finds nothing wrong in mahalleh-hq.service"
  else
    bad "HQ: systemd-analyze verify mahalleh-hq.service: $out"
  fi
}

# check_hq_serves HQ: the server over TLS on loopback, and the desktop app of
# the Linux package (when there is one) enrolling with it and syncing.
check_hq_serves() {
  local hq=$1 s=$tmp/hq-serve
  if ! command -v openssl >/dev/null; then
    skip "HQ: openssl is missing, so the server was not started over TLS"
    return
  fi
  mkdir -p "$s"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj /CN=127.0.0.1 \
    -addext subjectAltName=IP:127.0.0.1 -keyout "$s/key.pem" -out "$s/cert.pem" 2>/dev/null
  "$hq" serve --db "$s/hq.db" --addr 127.0.0.1:0 --tls-cert "$s/cert.pem" --tls-key "$s/key.pem" >"$s/log" 2>&1 &
  local pid=$! port="" i
  for i in $(seq 1 40); do
    port=$(sed -n 's/.*"msg":"serving","addr":"127\.0\.0\.1:\([0-9]*\)".*"tls":true.*/\1/p' "$s/log")
    [ -n "$port" ] && break
    kill -0 $pid 2>/dev/null || break
    sleep 0.25
  done
  if [ -z "$port" ]; then
    bad "HQ: serve did not start: $(tail -n 5 "$s/log")"
    kill $pid 2>/dev/null
    return
  fi
  ok "HQ: serve listens with TLS on 127.0.0.1:$port"
  if [ -z "${LINUX_BIN:-}" ]; then
    skip "HQ: no Linux package, so no desktop app enrolled with the server"
  else
    local code out
    code=$("$hq" enrol-code --db "$s/hq.db" --district 14 --officer "Packaging check" | sed -n 's/^Enrolment code: //p')
    if out=$(SSL_CERT_FILE=$s/cert.pem HOME=$s "$LINUX_BIN" enrol --db "$s/desk.db" --server "https://127.0.0.1:$port" \
      --code "$code" --name check 2>&1) && out=$(SSL_CERT_FILE=$s/cert.pem HOME=$s "$LINUX_BIN" sync --db "$s/desk.db" 2>&1) &&
      "$hq" devices --db "$s/hq.db" | grep -q "Packaging check"; then
      ok "HQ: the packaged desktop app enrolled with a code from it over TLS and synced ($(tail -n 1 <<<"$out" | cut -d';' -f1))"
    else
      bad "HQ: enrol and sync with the packaged desktop app: $out $(tail -n 3 "$s/log")"
    fi
  fi
  kill -TERM $pid
  local exit=timeout
  for i in $(seq 1 20); do
    kill -0 $pid 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 $pid 2>/dev/null; then kill -KILL $pid; else
    wait $pid
    exit=$?
  fi
  [ "$exit" = 0 ] && ok "HQ: serve exits 0 on SIGTERM (systemctl stop)" || bad "HQ: on SIGTERM serve exited '$exit': $(tail -n 3 "$s/log")"
}
