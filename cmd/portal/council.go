package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"

	"github.com/familyportal/portal/portal/store"
)

func councilCommand() command {
	var db, settings string
	return command{
		name:    "council",
		usage:   "[--db PATH] [--set FILE.json]",
		summary: "show or set the council's settings: name, nation, out-of-hours number, advocacy and complaints",
		help: `Prints the council's settings as JSON. --set replaces them with a JSON file of the same
shape: {"name", "nation", "out_of_hours_phone", "advocacy": [{"name", "phone", "web"}],
"complaints": {"name", "phone", "web"}, "colour", "languages"}. The nation is england,
wales, scotland or northern_ireland; the colour (#rrggbb, or none for the portal's own) must
keep white text readable; "languages" lists those offered to families besides English
(null: all the portal has). The advocacy services (the council's own first, then
national ones) and the complaints route are shown on the "Your rights" page; the out-of-hours
number is told at once to a child who says they do not feel safe.`,
		flags: func(fs *flag.FlagSet) {
			dbFlag(fs, &db)
			fs.StringVar(&settings, "set", "", "a JSON file with the council's settings")
		},
		run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) int {
			st, err := store.Open(ctx, dbPath(e, db))
			if err != nil {
				return fail(e, "could not open the database: %v", err)
			}
			defer st.Close()
			if settings != "" {
				c, err := readCouncil(settings)
				if err != nil {
					return fail(e, "%v", err)
				}
				if err := st.SetCouncil(ctx, actor(), c); err != nil {
					return fail(e, "%v", err)
				}
			}
			c, err := st.Council(ctx)
			if errors.Is(err, store.ErrNotFound) {
				return fail(e, "no council is set yet: use --set FILE.json")
			}
			if err != nil {
				return fail(e, "%v", err)
			}
			out, _ := json.MarshalIndent(c, "", "  ")
			fmt.Fprintf(e.stdout, "%s\n", out)
			return exitOK
		},
	}
}

// readCouncil reads council settings, refusing unknown fields and what store.Council.Check
// refuses.
func readCouncil(path string) (store.Council, error) {
	var c store.Council
	raw, err := os.ReadFile(path)
	if err != nil {
		return c, fmt.Errorf("could not read %s: %w", path, err)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&c); err != nil {
		return c, fmt.Errorf("%s is not council settings: %w", path, err)
	}
	if problems := c.Check(); len(problems) > 0 {
		return c, fmt.Errorf("%s: %w", path, problems)
	}
	return c, nil
}
