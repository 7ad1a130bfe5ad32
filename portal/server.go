// Package portal is everything HTTP and stateful: the echo server, its routes and handlers,
// and (in sub-packages) the store. Handlers are methods on Server, which is handed its store,
// renderer and clock; there is no package-level state.
package portal

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/familyportal/portal/portal/store"
	"github.com/familyportal/portal/render"
)

// Config is how the server runs.
type Config struct {
	// Demo shows the worker view of every child without sign-in. Only for the demo's
	// fictional family: sign-in arrives in a later release and until then a real council's
	// data is not served at all.
	Demo bool
	// ShutdownGrace is how long requests in flight may finish after a stop signal.
	ShutdownGrace time.Duration
}

// Server serves the portal.
type Server struct {
	cfg      Config
	store    *store.Store
	renderer *render.Renderer
	pages    *pages
	log      *slog.Logger
	now      func() time.Time
	echo     *echo.Echo
}

// New builds the server and its routes. Templates are parsed here, once.
func New(cfg Config, st *store.Store, r *render.Renderer, log *slog.Logger, now func() time.Time) (*Server, error) {
	if cfg.ShutdownGrace == 0 {
		cfg.ShutdownGrace = 10 * time.Second
	}
	p, err := newPages()
	if err != nil {
		return nil, err
	}
	s := &Server{cfg: cfg, store: st, renderer: r, pages: p, log: log, now: now}
	s.echo = s.routes()
	return s, nil
}

// Handler returns the server as an http.Handler, for tests and for embedding.
func (s *Server) Handler() http.Handler { return s.echo }

// Serve answers requests on l until ctx is cancelled, then lets requests in flight finish.
func (s *Server) Serve(ctx context.Context, l net.Listener) error {
	srv := &http.Server{
		Handler:           s.echo,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(l) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	s.log.Info("stopping: finishing requests in flight", "grace", s.cfg.ShutdownGrace)
	shutdownCtx, cancel := context.WithTimeout(context.Background(), s.cfg.ShutdownGrace)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shut down: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	return nil
}
