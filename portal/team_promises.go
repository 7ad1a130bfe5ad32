package portal

import (
	"encoding/csv"
	"fmt"
	"html/template"
	"net/http"
	"sort"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/familyportal/portal/portal/store"
)

type teamPage struct {
	layout
	Late, DueWeek int
	ByWorker      []teamRow
	ByRule        []teamRow
	Shares        []share
	Chart         template.HTML
}

type teamRow struct {
	Name          string
	Late, DueWeek int
}

type share struct {
	Months      int
	Due, OnTime int
	Percent     int
}

// teamPromises is the manager's view of their team's promises: what is late and due this
// week, by worker and by rule; the share kept on time over 3, 6 and 12 months; a chart by
// month; and every promise as CSV (?format=csv).
func (s *Server) teamPromises(c echo.Context) error {
	ctx := c.Request().Context()
	team := principal(c).TeamID
	if c.QueryParam("format") == "csv" {
		return s.teamPromisesCSV(c, team)
	}
	counts, months, err := s.store.TeamDashboard(ctx, team, s.now())
	if err != nil {
		return err
	}
	page := teamPage{layout: s.layoutFor(c, "")}
	page.Title = page.T("worker.team.title")
	byWorker, byRule := map[string]*teamRow{}, map[string]*teamRow{}
	for _, n := range counts {
		for key, m := range map[string]map[string]*teamRow{n.Worker: byWorker, n.Rule: byRule} {
			if m[key] == nil {
				m[key] = &teamRow{Name: key}
			}
			m[key].Late += n.Late
			m[key].DueWeek += n.DueWeek
		}
		page.Late += n.Late
		page.DueWeek += n.DueWeek
	}
	page.ByWorker, page.ByRule = sortedRows(byWorker), sortedRows(byRule)
	for i := range page.ByRule {
		page.ByRule[i].Name = page.T("worker.rule." + page.ByRule[i].Name)
	}
	for _, n := range []int{3, 6, 12} {
		sh := share{Months: n}
		for _, m := range months[max(0, len(months)-n):] {
			sh.Due += m.Due
			sh.OnTime += m.OnTime
		}
		if sh.Due > 0 {
			sh.Percent = 100 * sh.OnTime / sh.Due
		}
		page.Shares = append(page.Shares, sh)
	}
	page.Chart = keptChart(months, page.T("worker.team.chart"))
	return s.render(c, http.StatusOK, "team-promises", page)
}

func sortedRows(m map[string]*teamRow) []teamRow {
	var out []teamRow
	for _, r := range m {
		out = append(out, *r)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Late != out[j].Late {
			return out[i].Late > out[j].Late
		}
		return out[i].Name < out[j].Name
	})
	return out
}

// keptChart draws the share of promises kept on time, month by month, as an SVG bar chart
// that needs no JavaScript and no style sheet; its text alternative lists the figures.
func keptChart(months []store.MonthKept, title string) template.HTML {
	const w, h, bar, gap = 480, 160, 32, 8
	var b strings.Builder
	var alt []string
	for _, m := range months {
		pct := 0
		if m.Due > 0 {
			pct = 100 * m.OnTime / m.Due
		}
		alt = append(alt, fmt.Sprintf("%s %d%%", m.Month, pct))
	}
	fmt.Fprintf(&b, `<svg class="chart" viewBox="0 0 %d %d" width="100%%" role="img" aria-label="%s: %s">`, w, h+30, template.HTMLEscapeString(title), template.HTMLEscapeString(strings.Join(alt, ", ")))
	fmt.Fprintf(&b, `<line x1="0" y1="%d" x2="%d" y2="%d" stroke="#0b0c0c"/>`, h, w, h)
	for i, m := range months {
		pct := 0
		if m.Due > 0 {
			pct = 100 * m.OnTime / m.Due
		}
		x, bh := i*(bar+gap)+gap, h*pct/100
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%d" height="%d" fill="#1d70b8"/>`, x, h-bh, bar, bh)
		fmt.Fprintf(&b, `<text x="%d" y="%d" font-size="11" text-anchor="middle" fill="#0b0c0c">%d%%</text>`, x+bar/2, h-bh-4, pct)
		fmt.Fprintf(&b, `<text x="%d" y="%d" font-size="10" text-anchor="middle" fill="#505a5f">%s</text>`, x+bar/2, h+16, m.Month[2:])
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

func (s *Server) teamPromisesCSV(c echo.Context, team int64) error {
	promises, workers, err := s.store.TeamPromises(c.Request().Context(), team)
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderContentType, "text/csv; charset=utf-8")
	c.Response().Header().Set("Content-Disposition", `attachment; filename="team-promises.csv"`)
	c.Response().WriteHeader(http.StatusOK)
	w := csv.NewWriter(c.Response())
	w.Write([]string{"worker", "child", "rule", "about", "member", "days", "working_days", "started", "due", "kept_on", "status"})
	for i, p := range promises {
		kept := ""
		if !p.Kept.IsZero() {
			kept = p.Kept.Format(time.DateOnly)
		}
		w.Write([]string{workers[i], p.ChildRef, p.Rule, p.Subject, p.MemberRef, fmt.Sprint(p.Days), fmt.Sprint(p.Working),
			p.Started.Format(time.DateOnly), p.Due.Format(time.DateOnly), kept, p.Status(s.now())})
	}
	w.Flush()
	return w.Error()
}
