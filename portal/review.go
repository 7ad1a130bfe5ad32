package portal

import (
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/familyportal/portal/portal/store"
	"github.com/familyportal/portal/render"
	"github.com/familyportal/portal/render/document"
	"github.com/familyportal/portal/render/plain"
)

// reviewPage shows every text a family reads with what the plain-language check found in
// it, a form to change the parents' and the child's wording, and the family's versions.
type reviewPage struct {
	formPage
	ChildRef string
	Version  store.PlanVersion
	Imported int    // the version just brought in, to say so
	Saved    string // the anchor of the text just saved
	Dropped  string // the languages whose translations of the saved text were removed
	Texts    []reviewText
	Family   []familyLink
	// Preview is the family member whose version is shown beside My Journey, in their
	// language when the portal has it.
	Preview     *familyLink
	PreviewLang string
	Withheld    int
	Open        int // findings still open in family texts
}

// reviewText is one family text under review.
type reviewText struct {
	Path, Anchor, Name string
	Text, ForChild     string
	Marked             template.HTML // the words, with each finding marked
	Findings           []reviewFinding
	Reading            *plain.TextReadability
	ChildReading       *plain.TextReadability
	Error              *formError
}

// reviewFinding is a finding with what the worker can do about it.
type reviewFinding struct {
	plain.DocFinding
	Field string // text or for_child: which wording it is in
	Index int    // its place among that wording's findings, to accept its suggestion
}

// reviewTexts builds the texts of a document as the review page shows them.
func (s *Server) reviewTexts(page *reviewPage, doc *document.Document) {
	report := s.renderer.Check(doc, "en")
	findings := map[string][]plain.DocFinding{}
	for _, f := range report.Findings {
		findings[f.Path] = append(findings[f.Path], f)
	}
	reading := map[string]*plain.TextReadability{}
	for i := range report.Readability {
		reading[report.Readability[i].Path] = &report.Readability[i]
	}
	for path, t := range doc.Texts() {
		if t.Withheld() {
			page.Withheld++
			continue
		}
		words := wordsPath(path, t)
		rt := reviewText{Path: path, Anchor: render.Anchor(path), Name: fieldName(page.Translator, path), Text: t.Text, ForChild: t.ForChild,
			Reading: reading[words], ChildReading: reading[path+".for_child"]}
		rt.Marked = markFindings(t.Text, findings[words])
		for field, fs := range map[string][]plain.DocFinding{"text": findings[words], "for_child": findings[path+".for_child"]} {
			for i, f := range fs {
				rt.Findings = append(rt.Findings, reviewFinding{DocFinding: f, Field: field, Index: i})
			}
		}
		slices.SortFunc(rt.Findings, func(a, b reviewFinding) int {
			return strings.Compare(a.Field+fmt.Sprintf("%06d", a.Start), b.Field+fmt.Sprintf("%06d", b.Start))
		})
		page.Open += len(rt.Findings)
		page.Texts = append(page.Texts, rt)
	}
}

// wordsPath is the JSON path of a text's words: the text's own, or its "text" field when it
// was written as an object — how the check names it.
func wordsPath(path string, t *document.Text) string {
	if t.IsObject() {
		return path + ".text"
	}
	return path
}

// markFindings writes a text as HTML with each finding in a <mark>.
func markFindings(text string, findings []plain.DocFinding) template.HTML {
	runes := []rune(text)
	var b strings.Builder
	at := 0
	for _, f := range findings {
		if f.Start < at || f.End > len(runes) {
			continue
		}
		b.WriteString(template.HTMLEscapeString(string(runes[at:f.Start])))
		b.WriteString(`<mark>` + template.HTMLEscapeString(string(runes[f.Start:f.End])) + `</mark>`)
		at = f.End
	}
	b.WriteString(template.HTMLEscapeString(string(runes[at:])))
	return template.HTML(b.String())
}

func (s *Server) reviewPageFor(c echo.Context, ref string) (reviewPage, *document.Document, error) {
	doc, v, err := s.store.PlanDocument(c.Request().Context(), ref, "", 0)
	if err != nil {
		return reviewPage{}, nil, err
	}
	page := reviewPage{formPage: s.form(c, "review.title"), ChildRef: ref, Version: v}
	page.Title = page.T("review.title_for", "Name", doc.Child.Name)
	for _, m := range doc.Family {
		page.Family = append(page.Family, familyLink{Ref: m.Ref, Name: m.Name, Language: m.Language})
	}
	for i, m := range page.Family {
		if i == 0 || m.Ref == c.QueryParam("member") {
			page.Preview = &page.Family[i]
		}
	}
	if p := page.Preview; p != nil && p.Language != "" && p.Language != "en" && s.renderer.Offers(p.Language) {
		page.PreviewLang = p.Language
	}
	return page, doc, nil
}

// review shows the latest version of a child's plan for review.
func (s *Server) review(c echo.Context) error {
	ref := c.Param("ref")
	page, doc, err := s.reviewPageFor(c, ref)
	if err != nil {
		return err
	}
	page.Imported, _ = strconv.Atoi(c.QueryParam("imported"))
	page.Saved = c.QueryParam("saved")
	page.Dropped = strings.Join(c.QueryParams()["dropped"], ", ")
	s.reviewTexts(&page, doc)
	if err := s.store.Record(c.Request().Context(), actorOf(principal(c)), store.ActionView, "child:"+ref, "review of plan "+page.Version.PlanRef+" version "+strconv.Itoa(page.Version.Version)); err != nil {
		return err
	}
	allowFrames(c)
	return s.render(c, http.StatusOK, "review", page)
}

// errStale is an edit made to a version that is no longer the latest.
var errStale = errors.New("the plan changed since the page was opened")

// reviewSave saves one text's wording, or accepts one suggestion, as a new plan version.
// Changing the parents' words removes that text's translations: they translated the old
// words, and a family must never read a translation of something the plan no longer says.
func (s *Server) reviewSave(c echo.Context) error {
	ctx := c.Request().Context()
	ref, path := c.Param("ref"), c.FormValue("path")
	page, doc, err := s.reviewPageFor(c, ref)
	if err != nil {
		return err
	}
	text := findText(doc, path)
	if text == nil || text.Withheld() {
		return echo.NewHTTPError(http.StatusBadRequest, "path")
	}
	words, forChild := normalise(c.FormValue("text")), normalise(c.FormValue("for_child"))
	if c.FormValue("accept") != "" {
		words, forChild, err = s.acceptSuggestion(doc, path, text, c.FormValue("field"), c.FormValue("accept"), c.FormValue("term"))
	}
	base, _ := strconv.Atoi(c.FormValue("base"))
	switch {
	case err != nil:
		page.Errors = append(page.Errors, formError{Field: "text-" + render.Anchor(path), Message: page.T("review.suggestion_gone"), Prefix: page.T("form.error_prefix")})
	case base != page.Version.Version:
		err = errStale
		page.fail("text-"+render.Anchor(path), "review.stale", "Version", page.Version.Version, "By", page.Version.ImportedBy)
	case strings.TrimSpace(words) == "":
		err = errors.New("no words")
		page.fail("text-"+render.Anchor(path), "review.empty")
	}
	if err != nil {
		s.reviewTexts(&page, doc)
		for i := range page.Texts {
			if page.Texts[i].Path == path {
				page.Texts[i].Text, page.Texts[i].ForChild = words, forChild // nothing typed is lost
				page.Texts[i].Error = page.Error("text-" + render.Anchor(path))
			}
		}
		allowFrames(c)
		status := http.StatusUnprocessableEntity
		if errors.Is(err, errStale) {
			status = http.StatusConflict
		}
		return s.render(c, status, "review", page)
	}
	var dropped []string
	if words != text.Text {
		for lang := range text.Translations {
			dropped = append(dropped, lang)
		}
		slices.Sort(dropped)
		text.Translations = nil
	}
	text.Text, text.ForChild = words, forChild
	what := "parents' wording"
	if c.FormValue("accept") != "" {
		what = "suggestion accepted"
	}
	council, err := s.store.ChildCouncil(ctx, ref)
	if err != nil {
		return err
	}
	source := fmt.Sprintf("review: %s (%s)", path, what)
	if _, err := s.store.Import(ctx, actorOf(principal(c)), []store.Incoming{{Source: source, Doc: doc, Council: council}}); err != nil {
		return fmt.Errorf("save review of %s: %w", path, err)
	}
	next := "/children/" + ref + "/review?saved=" + render.Anchor(path)
	for _, lang := range dropped {
		next += "&dropped=" + lang
	}
	return c.Redirect(http.StatusSeeOther, next+"#"+render.Anchor(path))
}

// acceptSuggestion puts a finding's suggested plain words in place of the term, keeping a
// capital letter where the term had one. The term is checked, so a finding that moved since
// the page was drawn is not applied to other words.
func (s *Server) acceptSuggestion(doc *document.Document, path string, t *document.Text, field, index, term string) (string, string, error) {
	want := wordsPath(path, t)
	target := &t.Text
	if field == "for_child" {
		want, target = path+".for_child", &t.ForChild
	}
	n, err := strconv.Atoi(index)
	if err != nil {
		return t.Text, t.ForChild, err
	}
	var found []plain.DocFinding
	for _, f := range s.renderer.Check(doc, "en").Findings {
		if f.Path == want {
			found = append(found, f)
		}
	}
	if n < 0 || n >= len(found) || found[n].Text != term || found[n].Suggestion == "" {
		return t.Text, t.ForChild, errors.New("no such suggestion")
	}
	f := found[n]
	runes := []rune(*target)
	suggestion := f.Suggestion
	if startsSentence(string(runes[:f.Start])) {
		suggestion = upperFirst(suggestion)
	}
	words := string(runes[:f.Start]) + suggestion + string(runes[f.End:])
	if field == "for_child" {
		return t.Text, words, nil
	}
	return words, t.ForChild, nil
}

// startsSentence reports whether words written after before begin a sentence.
func startsSentence(before string) bool {
	before = strings.TrimRight(before, " \t")
	return before == "" || strings.ContainsAny(before[len(before)-1:], ".!?\n")
}

// findText returns the text at a JSON path, or nil.
func findText(doc *document.Document, path string) *document.Text {
	for p, t := range doc.Texts() {
		if p == path {
			return t
		}
	}
	return nil
}

// normalise keeps a text as typed, with browsers' CRLF line ends made LF and spaces around
// it trimmed.
func normalise(s string) string {
	return strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n"))
}
