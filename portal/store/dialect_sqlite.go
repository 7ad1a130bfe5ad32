package store

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"

	_ "modernc.org/sqlite" // the pure-Go SQLite driver
)

// Everything SQLite-specific lives in this file, so that a PostgreSQL store later replaces
// one file and the migrations, not every query.

const driverName = "sqlite"

// dsn opens path with the pragmas every pooled connection needs: write-ahead logging so that
// readers never wait for the writer, foreign keys enforced, a wait instead of an error when
// the database is busy, and transactions that take the write lock at BEGIN (so two writers
// queue instead of failing half-way).
func dsn(path string) string {
	q := url.Values{}
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "busy_timeout(5000)")
	q.Add("_pragma", "synchronous(NORMAL)")
	// Checkpoints run in the background (checkpointer), not inside some request's commit.
	q.Add("_pragma", "wal_autocheckpoint(0)")
	q.Set("_txlock", "immediate")
	return "file:" + path + "?" + q.Encode()
}

// checkpoint copies the write-ahead log into the database without blocking writers.
func checkpoint(ctx context.Context, db *sql.DB) error {
	_, err := db.ExecContext(ctx, `PRAGMA wal_checkpoint(PASSIVE)`)
	return err
}

// backupInto writes a consistent copy of the live database to dest.
func backupInto(ctx context.Context, db *sql.DB, dest string) error {
	if _, err := db.ExecContext(ctx, `VACUUM INTO ?`, dest); err != nil {
		return fmt.Errorf("vacuum into: %w", err)
	}
	return nil
}
