package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"

	"github.com/familyportal/portal/portal/store"
)

func backupCommand() command {
	var db string
	return command{
		name:    "backup",
		usage:   "[--db PATH] DEST",
		summary: "copy the database, consistently, while the server runs",
		help: `Writes a consistent copy of the database to DEST (a new file) while the server keeps
running, with SQLite's VACUUM INTO. The copy is a complete database: start a portal on
it with --db DEST to check it.`,
		flags: func(fs *flag.FlagSet) { dbFlag(fs, &db) },
		run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) int {
			if len(args) != 1 {
				fmt.Fprintln(e.stderr, "portal backup: name the file to write the copy to.")
				fs.Usage()
				return exitUsage
			}
			return backup(ctx, e, dbPath(e, db), args[0])
		},
	}
}

func backup(ctx context.Context, e *env, path, dest string) int {
	if _, err := os.Stat(path); err != nil {
		return fail(e, "there is no database at %s to back up", path)
	}
	st, err := store.Open(ctx, path)
	if err != nil {
		return fail(e, "could not open the database %s: %v", path, err)
	}
	defer st.Close()
	if err := st.Backup(ctx, dest); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fail(e, "%s already exists; choose a new file name so no backup is overwritten", dest)
		}
		return fail(e, "the backup failed: %v", err)
	}
	if err := st.Record(ctx, actor(), store.ActionBackup, "database", dest); err != nil {
		return fail(e, "the backup was written but not recorded in the audit trail: %v", err)
	}
	info, err := os.Stat(dest)
	if err != nil {
		return fail(e, "the backup is missing after writing: %v", err)
	}
	fmt.Fprintf(e.stdout, "Backed up %s to %s (%d KB).\n", path, dest, (info.Size()+1023)/1024)
	return exitOK
}
