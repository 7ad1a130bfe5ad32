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
	q.Set("_txlock", "immediate")
	return "file:" + path + "?" + q.Encode()
}

// backupInto writes a consistent copy of the live database to dest.
func backupInto(ctx context.Context, db *sql.DB, dest string) error {
	if _, err := db.ExecContext(ctx, `VACUUM INTO ?`, dest); err != nil {
		return fmt.Errorf("vacuum into: %w", err)
	}
	return nil
}
