package portal

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/familyportal/portal/locales"
	"github.com/familyportal/portal/portal/store"
)

// changeCouncil changes the council's settings with edit and saves them: store.Problems
// when edit or the store refuses them.
func (s *Server) changeCouncil(c echo.Context, edit func(*store.Council) error) error {
	ctx := c.Request().Context()
	council, err := s.store.Council(ctx)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return err
	}
	if err := edit(&council); err != nil {
		return err
	}
	return s.store.SetCouncil(ctx, actorOf(principal(c)), council)
}

// currentCouncil is the council's settings, empty before any are set.
func (s *Server) currentCouncil(c echo.Context) (store.Council, error) {
	council, err := s.store.Council(c.Request().Context())
	if errors.Is(err, store.ErrNotFound) {
		return council, nil
	}
	return council, err
}

// councilForm: the council's name, nation (whose bank holidays count), out-of-hours number
// and complaints service.
func (s *Server) councilForm() settingsForm {
	return settingsForm{
		template: "admin-council", title: "admin.council.title", back: "/admin?saved=changes",
		current: func(c echo.Context) (map[string]string, error) {
			council, err := s.currentCouncil(c)
			return map[string]string{
				"name": council.Name, "nation": council.Nation, "out-of-hours-phone": council.OutOfHoursPhone,
				"complaints-name": council.Complaints.Name, "complaints-phone": council.Complaints.Phone, "complaints-web": council.Complaints.Web,
			}, err
		},
		save: func(c echo.Context, v map[string]string) error {
			return s.changeCouncil(c, func(council *store.Council) error {
				council.Name, council.Nation, council.OutOfHoursPhone = v["name"], v["nation"], v["out-of-hours-phone"]
				council.Complaints = store.Contact{Name: v["complaints-name"], Phone: v["complaints-phone"], Web: v["complaints-web"]}
				return nil
			})
		},
	}
}

// advocacyPage lists the advocacy services, as rows of the form.
type advocacyPage struct {
	adminPage
	Rows []int // numbered from 1; the fields of row n are advocacy-(n-1)-name ...
}

// advocacyForm: the services that help families find an advocate, in the order shown on
// "Your rights". Two empty rows add services; emptying a row removes its service.
func (s *Server) advocacyForm() settingsForm {
	return settingsForm{
		template: "admin-advocacy", title: "admin.advocacy.title", back: "/admin?saved=changes",
		current: func(c echo.Context) (map[string]string, error) {
			council, err := s.currentCouncil(c)
			values := map[string]string{}
			for i, a := range append(council.Advocacy, store.Contact{}, store.Contact{}) {
				values[advocacyField(i, "name")], values[advocacyField(i, "phone")], values[advocacyField(i, "web")] = a.Name, a.Phone, a.Web
			}
			return values, err
		},
		save: func(c echo.Context, v map[string]string) error {
			rows := advocacyRows(v)
			return s.changeCouncil(c, func(council *store.Council) error {
				// Checked as numbered on the page, so that each problem points at its row.
				council.Advocacy = rows
				if problems := council.Check(); len(problems) > 0 {
					return problems
				}
				council.Advocacy = slices.DeleteFunc(rows, func(a store.Contact) bool { return a == store.Contact{} })
				return nil
			})
		},
		page: func(c echo.Context, page adminPage) (any, error) {
			p := advocacyPage{adminPage: page}
			for i := range len(advocacyRows(page.Values)) {
				p.Rows = append(p.Rows, i+1)
			}
			return p, nil
		},
	}
}

func advocacyField(row int, name string) string { return fmt.Sprintf("advocacy-%d-%s", row, name) }

// advocacyRows reads the advocacy services' rows, empty ones too, until the first row
// missing from the form.
func advocacyRows(v map[string]string) []store.Contact {
	var rows []store.Contact
	for i := 0; ; i++ {
		name, ok := v[advocacyField(i, "name")]
		if !ok {
			return rows
		}
		rows = append(rows, store.Contact{Name: name, Phone: v[advocacyField(i, "phone")], Web: v[advocacyField(i, "web")]})
	}
}

// languageChoice is a language the portal has words in, other than English, and whether
// the council offers it to families.
type languageChoice struct {
	Lang, Name string
	Offered    bool
}

// languagesOffered returns the languages offered to families: English always, and of the
// languages the portal has words in those the council chose (all until it chooses).
func (s *Server) languagesOffered(ctx context.Context) ([]string, error) {
	all := s.renderer.Languages()
	council, err := s.store.Council(ctx)
	if errors.Is(err, store.ErrNotFound) || (err == nil && council.Languages == nil) {
		return all, nil
	}
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(all, func(lang string) bool {
		return lang != locales.Source.String() && !slices.Contains(council.Languages, lang)
	}), nil
}

// languageChoices are the languages the council may offer besides English.
func (s *Server) languageChoices(c echo.Context) ([]languageChoice, error) {
	offered, err := s.languagesOffered(c.Request().Context())
	if err != nil {
		return nil, err
	}
	var out []languageChoice
	for _, lang := range s.renderer.Languages() {
		if lang != locales.Source.String() {
			out = append(out, languageChoice{Lang: lang, Name: s.renderer.Translator(lang).T("language.name"), Offered: slices.Contains(offered, lang)})
		}
	}
	return out, nil
}

type languagesPage struct {
	adminPage
	Languages []languageChoice
}

// languagesForm: the languages offered to families, one checkbox each (lang-pl=yes).
func (s *Server) languagesForm() settingsForm {
	return settingsForm{
		template: "admin-languages", title: "admin.languages.title", back: "/admin?saved=changes",
		current: func(c echo.Context) (map[string]string, error) {
			choices, err := s.languageChoices(c)
			values := map[string]string{}
			for _, l := range choices {
				if l.Offered {
					values["lang-"+l.Lang] = "yes"
				}
			}
			return values, err
		},
		save: func(c echo.Context, v map[string]string) error {
			known := s.renderer.Languages()
			chosen := []string{}
			for name, value := range v {
				lang, ok := strings.CutPrefix(name, "lang-")
				if !ok || value != "yes" {
					continue
				}
				if !slices.Contains(known, lang) {
					return store.Problems{{Field: "languages", Code: "language_unknown"}}
				}
				if lang != locales.Source.String() {
					chosen = append(chosen, lang)
				}
			}
			slices.Sort(chosen)
			return s.changeCouncil(c, func(council *store.Council) error {
				council.Languages = chosen
				return nil
			})
		},
		page: func(c echo.Context, page adminPage) (any, error) {
			choices, err := s.languageChoices(c)
			for i := range choices {
				choices[i].Offered = page.Values["lang-"+choices[i].Lang] == "yes"
			}
			return languagesPage{adminPage: page, Languages: choices}, err
		},
	}
}

// rulePage is one of the service's timescales.
type rulePage struct {
	adminPage
	Rule store.PromiseRule
}

// ruleForm: a timescale's length, in working or calendar days. Promises already running
// keep the length they started with.
func (s *Server) ruleForm() settingsForm {
	return settingsForm{
		template: "admin-rule", title: "admin.rule.title", back: "/admin?saved=changes#timescales",
		current: func(c echo.Context) (map[string]string, error) {
			rule, err := s.ruleOf(c)
			return map[string]string{"days": strconv.Itoa(rule.Days), "counting": counting(rule.Working)}, err
		},
		save: func(c echo.Context, v map[string]string) error {
			rule, err := s.ruleOf(c)
			if err != nil {
				return err
			}
			var problems store.Problems
			days, err := strconv.Atoi(v["days"])
			if err != nil {
				problems = append(problems, store.Problem{Field: "days", Code: "days_format"})
			}
			if v["counting"] != counting(true) && v["counting"] != counting(false) {
				problems = append(problems, store.Problem{Field: "counting", Code: "counting_unknown"})
			}
			if len(problems) > 0 {
				return problems
			}
			rule.Days, rule.Working = days, v["counting"] == counting(true)
			if problems := rule.Check(); len(problems) > 0 {
				return problems
			}
			return s.store.SetPromiseRule(c.Request().Context(), actorOf(principal(c)), rule)
		},
		page: func(c echo.Context, page adminPage) (any, error) {
			rule, err := s.ruleOf(c)
			return rulePage{adminPage: page, Rule: rule}, err
		},
	}
}

func counting(working bool) string {
	if working {
		return "working"
	}
	return "calendar"
}

// ruleOf is the promise rule named in the address.
func (s *Server) ruleOf(c echo.Context) (store.PromiseRule, error) {
	rules, err := s.store.PromiseRules(c.Request().Context())
	if err != nil {
		return store.PromiseRule{}, err
	}
	for _, r := range rules {
		if r.ID == c.Param("id") {
			return r, nil
		}
	}
	return store.PromiseRule{}, fmt.Errorf("promise rule %q: %w", c.Param("id"), store.ErrNotFound)
}
