package hq

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os/signal"
	"syscall"
	"time"
)

func serveFlags(fs *flag.FlagSet) func(context.Context, *cliEnv) error {
	addr := fs.String("addr", DefaultAddr, "the `HOST:PORT` to listen on")
	cert := fs.String("tls-cert", "", "TLS certificate `FILE` (PEM); with --tls-key, serve HTTPS")
	key := fs.String("tls-key", "", "TLS private key `FILE` (PEM)")
	insecure := fs.Bool("insecure-http", false, "serve plain HTTP on a non-loopback address (behind a TLS proxy only)")
	return func(ctx context.Context, env *cliEnv) error {
		if err := noArgs(env); err != nil {
			return err
		}
		if (*cert == "") != (*key == "") {
			return usagef("give both --tls-cert and --tls-key, or neither")
		}
		plainOutside := *cert == "" && !loopbackAddr(*addr)
		if plainOutside && !*insecure {
			return usagef("%s is reachable from other machines, and without --tls-cert and --tls-key tokens and personal data would cross the network unencrypted. "+
				"Give a certificate, listen on 127.0.0.1 behind a TLS proxy, or add --insecure-http if a TLS proxy in front of this address already encrypts every connection", *addr)
		}
		ctx, stop := signal.NotifyContext(ctx, syscall.SIGINT, syscall.SIGTERM)
		defer stop()
		return env.withStore(ctx, func(st Store) error {
			log := slog.New(slog.NewJSONHandler(env.stderr, nil))
			if plainOutside {
				log.Warn("serving plain HTTP on a non-loopback address (--insecure-http): only safe behind a TLS proxy", "addr", *addr)
			}
			return serve(ctx, st, log, *addr, *cert, *key)
		})
	}
}

// DefaultAddr is where serve listens without --addr: loopback only, so that
// plain HTTP (no certificate given) never reaches the network by default.
const DefaultAddr = "127.0.0.1:8443"

// loopbackAddr reports whether HOST:PORT listens on loopback only. An empty
// host (every interface) and any name but localhost count as reachable.
func loopbackAddr(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// serve runs the server until ctx ends (SIGTERM, SIGINT), then lets the
// requests in flight finish (up to 30 s) before returning.
func serve(ctx context.Context, st Store, log *slog.Logger, addr, cert, key string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("cannot listen on %s: %w", addr, err)
	}
	srv := &http.Server{
		Handler:           NewServer(st, log),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       2 * time.Minute,
		WriteTimeout:      5 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() {
		if cert != "" {
			errc <- srv.ServeTLS(ln, cert, key)
		} else {
			errc <- srv.Serve(ln)
		}
	}()
	log.Info("serving", "addr", ln.Addr().String(), "tls", cert != "", "db", st.Dialect())
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	log.Info("stopped")
	return nil
}
