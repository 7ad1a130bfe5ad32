// Package store keeps the portal's data in one SQLite file: plans and their versions, the
// council's settings and the audit trail. All SQL lives here. Public methods are one user
// action each and run in one transaction.
package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/familyportal/portal/portal/memo"
	"github.com/familyportal/portal/render/document"
)

//go:embed migrations/*.sql
var migrations embed.FS

// ErrNotFound is returned when what was asked for is not in the store.
var ErrNotFound = errors.New("not found")

// Store is the portal's database.
type Store struct {
	db *sql.DB
	// writing queues this process's write transactions: SQLite takes one writer at a time,
	// and waiting here is a fair queue where its busy handler would sleep and back off.
	writing sync.Mutex
	now     func() time.Time
	parsed  *memo.Cache[string, *document.Document] // plan versions by hash: they never change
	stop    context.CancelFunc                      // ends the checkpointer
	done    chan struct{}
}

// Option changes how Open sets up the store.
type Option func(*Store)

// WithClock makes the store read the time from now, for tests and the demo.
func WithClock(now func() time.Time) Option {
	return func(s *Store) { s.now = now }
}

// Open opens (creating if needed) the database at path and brings its schema up to date.
func Open(ctx context.Context, path string, opts ...Option) (*Store, error) {
	if dir := filepath.Dir(path); dir != "." {
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return nil, fmt.Errorf("open store: %w", err)
		}
	}
	db, err := sql.Open(driverName, dsn(path))
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	s := &Store{db: db, now: time.Now, parsed: memo.New[string, *document.Document](256)}
	for _, opt := range opts {
		opt(s)
	}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	s.startCheckpointer()
	return s, nil
}

// startCheckpointer moves the write-ahead log into the database once a second, away from
// requests, so that no request waits for a checkpoint's disk writes.
func (s *Store) startCheckpointer() {
	ctx, stop := context.WithCancel(context.Background())
	s.stop, s.done = stop, make(chan struct{})
	go func() {
		defer close(s.done)
		tick := time.NewTicker(time.Second)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
				checkpoint(ctx, s.db)
			}
		}
	}()
}

// Close stops the checkpointer, moves the log into the database, and closes it.
func (s *Store) Close() error {
	s.stop()
	<-s.done
	checkpoint(context.Background(), s.db)
	return s.db.Close()
}

// Ping checks that the database answers a query.
func (s *Store) Ping(ctx context.Context) error {
	var one int
	if err := s.db.QueryRowContext(ctx, `SELECT 1`).Scan(&one); err != nil {
		return fmt.Errorf("ping store: %w", err)
	}
	return nil
}

// Backup writes a consistent copy of the database to dest while it stays in use. dest must
// not exist yet, so that a backup never overwrites another.
func (s *Store) Backup(ctx context.Context, dest string) error {
	if _, err := os.Stat(dest); err == nil {
		return fmt.Errorf("backup to %s: %w", dest, fs.ErrExist)
	}
	if err := backupInto(ctx, s.db, dest); err != nil {
		return fmt.Errorf("backup to %s: %w", dest, err)
	}
	return nil
}

// timestamp is how times are written in the database: UTC, sortable as text.
func (s *Store) timestamp() string { return s.now().UTC().Format(time.RFC3339Nano) }

func parseTimestamp(v string) time.Time {
	t, _ := time.Parse(time.RFC3339Nano, v)
	return t
}

// inTx runs fn in a write transaction, committing when it returns nil. Every write goes
// through here.
func (s *Store) inTx(ctx context.Context, fn func(*sql.Tx) error) error {
	s.writing.Lock()
	defer s.writing.Unlock()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// migrate applies, each in its own transaction, the embedded migrations not yet applied.
func (s *Store) migrate(ctx context.Context) error {
	if _, err := s.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	sort.Strings(names)
	for _, name := range names {
		base := filepath.Base(name)
		version, err := strconv.Atoi(strings.SplitN(base, "_", 2)[0])
		if err != nil {
			return fmt.Errorf("migrate: %s is not named NNN_what.sql", base)
		}
		body, err := migrations.ReadFile(name)
		if err != nil {
			return fmt.Errorf("migrate: %w", err)
		}
		err = s.inTx(ctx, func(tx *sql.Tx) error {
			var applied int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations WHERE version = ?`, version).Scan(&applied); err != nil || applied > 0 {
				return err
			}
			if _, err := tx.ExecContext(ctx, string(body)); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`, version, base, s.timestamp())
			return err
		})
		if err != nil {
			return fmt.Errorf("migrate %s: %w", base, err)
		}
	}
	return nil
}
