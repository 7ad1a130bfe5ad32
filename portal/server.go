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
	"sync"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/familyportal/portal/portal/access"
	"github.com/familyportal/portal/portal/auth"
	"github.com/familyportal/portal/portal/memo"
	"github.com/familyportal/portal/portal/notify"
	"github.com/familyportal/portal/portal/promise"
	"github.com/familyportal/portal/portal/store"
	"github.com/familyportal/portal/render"
)

// Config is how the server runs.
type Config struct {
	// Demo marks every page as a demonstration with made-up people.
	Demo bool
	// TrustProxy believes a proxy's X-Forwarded-Proto: https when deciding whether cookies
	// must be Secure. Set it only behind a proxy the council runs.
	TrustProxy bool
	// InviteTTL is how long an invite code lasts (default 14 days).
	InviteTTL time.Duration
	// ShutdownGrace is how long requests in flight may finish after a stop signal.
	ShutdownGrace time.Duration
}

// Server serves the portal.
type Server struct {
	cfg      Config
	store    *store.Store
	renderer *render.Renderer
	notifier notify.Notifier
	promises *promise.Tracker
	pages    *pages
	log      *slog.Logger
	now      func() time.Time
	hash     auth.Hasher            // signs CSRF tokens and hashes codes and tokens
	rules    map[string]access.Rule // "GET /children/:ref" -> its rule
	views    *memo.Cache[string, renderedView]
	echo     *echo.Echo
	jobs     sync.WaitGroup // pack jobs running in the background
}

// New builds the server and its routes. Templates are parsed here, once. A nil notifier
// keeps messages in the local outbox.
func New(cfg Config, st *store.Store, r *render.Renderer, n notify.Notifier, log *slog.Logger, now func() time.Time) (*Server, error) {
	if cfg.ShutdownGrace == 0 {
		cfg.ShutdownGrace = 10 * time.Second
	}
	if cfg.InviteTTL == 0 {
		cfg.InviteTTL = 14 * 24 * time.Hour
	}
	p, err := newPages()
	if err != nil {
		return nil, err
	}
	secret, err := st.ServerSecret(context.Background(), "signing")
	if err != nil {
		return nil, err
	}
	if n == nil {
		n = notify.Outbox{Keep: func(ctx context.Context, m notify.Message) error {
			return st.AddToOutbox(ctx, store.OutboxMessage{Recipient: m.To, Subject: m.Subject, Body: m.Body})
		}}
	}
	// A job a stopped server left running will not finish: say so rather than spin forever.
	if err := st.FailUnfinishedPackJobs(context.Background(), "the portal was restarted while printing; print the packs again"); err != nil {
		return nil, err
	}
	s := &Server{cfg: cfg, store: st, renderer: r, notifier: n, promises: promise.New(st, now), pages: p, log: log, now: now, hash: auth.Hasher(secret), views: memo.New[string, renderedView](512)}
	s.echo = s.routes()
	return s, nil
}

// WaitForJobs waits for the pack jobs running in the background to finish, or for ctx.
func (s *Server) WaitForJobs(ctx context.Context) {
	done := make(chan struct{})
	go func() { s.jobs.Wait(); close(done) }()
	select {
	case <-done:
	case <-ctx.Done():
	}
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
	go s.remindEvery(ctx, time.Hour)
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
	s.WaitForJobs(shutdownCtx)
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	return nil
}
