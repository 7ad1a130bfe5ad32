package portal

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"
	"golang.org/x/text/language"

	"github.com/familyportal/portal/portal/store"
	"github.com/familyportal/portal/render"
	"github.com/familyportal/portal/render/document"
	"github.com/familyportal/portal/render/exchange"
)

// translatePage lists every text a family reads with its English and its translation into
// one family member's language, to fill in by hand or from a translator's file.
type translatePage struct {
	formPage
	ChildRef     string
	Lang         string
	LanguageName string
	For          string // the family members who read this language
	Version      store.PlanVersion
	Units        []translateUnit
	Missing      int
	Saved        bool     // translations were just brought in: say what happened
	Changed      int      // how many translations were added or changed
	Stale        []string // the names of texts not applied because their English changed
	Unknown      int      // texts in the file not in this plan, or not for the family
}

type translateUnit struct {
	exchange.Unit
	Anchor, Name string
	Dir          string
}

// translationLanguage checks :lang is the language of a family member of the child, and
// returns its base code and the members who read it.
func translationLanguage(doc *document.Document, lang string) (string, []string, error) {
	tag, err := language.Parse(lang)
	if err != nil {
		return "", nil, echo.ErrNotFound
	}
	base, _ := tag.Base()
	var members []string
	for _, m := range doc.Family {
		if mb, _ := language.Make(m.Language).Base(); mb == base && base.String() != "en" {
			members = append(members, m.Name)
		}
	}
	if len(members) == 0 {
		return "", nil, echo.ErrNotFound
	}
	return base.String(), members, nil
}

func (s *Server) translatePageFor(c echo.Context) (translatePage, *document.Document, error) {
	ref := c.Param("ref")
	doc, v, err := s.store.PlanDocument(c.Request().Context(), ref, "", 0)
	if err != nil {
		return translatePage{}, nil, err
	}
	lang, members, err := translationLanguage(doc, c.Param("lang"))
	if err != nil {
		return translatePage{}, nil, err
	}
	page := translatePage{formPage: s.form(c, "translate.title"), ChildRef: ref, Lang: lang, For: strings.Join(members, ", "), Version: v}
	page.LanguageName = render.LanguageName(page.Translator, lang)
	page.Title = page.T("translate.title_for", "Language", page.LanguageName, "Name", doc.Child.Name)
	dir := s.renderer.Translator(lang).Dir()
	for _, u := range exchange.Units(doc, lang) {
		page.Units = append(page.Units, translateUnit{Unit: u, Anchor: render.Anchor(u.ID), Name: fieldName(page.Translator, u.ID), Dir: dir})
		if u.Target == "" {
			page.Missing++
		}
	}
	return page, doc, nil
}

// translate shows the translation page of one language.
func (s *Server) translate(c echo.Context) error {
	page, _, err := s.translatePageFor(c)
	if err != nil {
		return err
	}
	if n, err := strconv.Atoi(c.QueryParam("saved")); err == nil {
		page.Saved, page.Changed = true, n
	}
	return s.render(c, http.StatusOK, "translate", page)
}

// translateSave saves the translations typed on the page. Only what the worker typed is
// stored: nothing is translated by machine.
func (s *Server) translateSave(c echo.Context) error {
	form, err := c.FormParams()
	if err != nil {
		return echo.NewHTTPError(http.StatusBadRequest, "form")
	}
	ids, sources, targets := form["id"], form["source"], form["target"]
	if len(ids) != len(sources) || len(ids) != len(targets) {
		return echo.NewHTTPError(http.StatusBadRequest, "form")
	}
	units := make([]exchange.Unit, len(ids))
	for i := range ids {
		units[i] = exchange.Unit{ID: ids[i], Source: sources[i], Target: strings.TrimSpace(targets[i])}
	}
	return s.applyTranslations(c, units, "typed")
}

// translateImport reads a file a translator returned (CSV or XLIFF) and applies it.
func (s *Server) translateImport(c echo.Context) error {
	file, err := c.FormFile("file")
	if err != nil {
		page, _, perr := s.translatePageFor(c)
		if perr != nil {
			return perr
		}
		page.fail("file", "translate.import.none")
		return s.render(c, http.StatusUnprocessableEntity, "translate", page)
	}
	f, err := file.Open()
	if err != nil {
		return fmt.Errorf("open %s: %w", file.Filename, err)
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	if err != nil {
		return fmt.Errorf("read %s: %w", file.Filename, err)
	}
	var fileLang string
	var units []exchange.Unit
	if trimmed := bytes.TrimLeft(data, "\ufeff \t\r\n"); bytes.HasPrefix(trimmed, []byte("<")) {
		fileLang, units, err = exchange.ReadXLIFF(bytes.NewReader(data))
	} else {
		fileLang, units, err = exchange.ReadCSV(bytes.NewReader(data))
	}
	if err == nil {
		err = exchange.CheckLanguage(c.Param("lang"), fileLang)
	}
	if errors.Is(err, exchange.ErrInvalid) {
		page, _, perr := s.translatePageFor(c)
		if perr != nil {
			return perr
		}
		page.Errors = append(page.Errors, formError{Field: "file", Message: page.T("translate.import.bad", "File", file.Filename, "Problem", err.Error()), Prefix: page.T("form.error_prefix")})
		return s.render(c, http.StatusUnprocessableEntity, "translate", page)
	}
	if err != nil {
		return err
	}
	return s.applyTranslations(c, units, "file "+file.Filename)
}

// applyTranslations applies translations to the latest version and, when any changed, saves
// a new version. What was not applied (English changed since, unknown texts) is shown.
func (s *Server) applyTranslations(c echo.Context, units []exchange.Unit, from string) error {
	ctx := c.Request().Context()
	page, doc, err := s.translatePageFor(c)
	if err != nil {
		return err
	}
	result, err := exchange.Apply(doc, page.Lang, units)
	if errors.Is(err, exchange.ErrInvalid) {
		page.Errors = append(page.Errors, formError{Field: "file", Message: err.Error(), Prefix: page.T("form.error_prefix")})
		return s.render(c, http.StatusUnprocessableEntity, "translate", page)
	}
	if err != nil {
		return err
	}
	if len(result.Changed) > 0 {
		council, err := s.store.ChildCouncil(ctx, page.ChildRef)
		if err != nil {
			return err
		}
		source := fmt.Sprintf("translation into %s (%s): %d texts", page.Lang, from, len(result.Changed))
		if _, err := s.store.Import(ctx, actorOf(principal(c)), []store.Incoming{{Source: source, Doc: doc, Council: council}}); err != nil {
			return fmt.Errorf("save translations of %s: %w", page.ChildRef, err)
		}
	}
	if len(result.Stale) == 0 && len(result.Unknown) == 0 && len(result.Withheld) == 0 {
		return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/children/%s/translate/%s?saved=%d", page.ChildRef, page.Lang, len(result.Changed)))
	}
	// Something was not applied: show the page as it now is, with what to send again.
	if page, _, err = s.translatePageFor(c); err != nil {
		return err
	}
	page.Saved, page.Changed = true, len(result.Changed)
	for _, path := range result.Stale {
		page.Stale = append(page.Stale, fieldName(page.Translator, path))
	}
	page.Unknown = len(result.Unknown) + len(result.Withheld)
	return s.render(c, http.StatusOK, "translate", page)
}

// translateExport sends the texts of one language to a translator as CSV or XLIFF. The
// texts leave the portal, so the export is in the audit trail.
func (s *Server) translateExport(c echo.Context) error {
	page, doc, err := s.translatePageFor(c)
	if err != nil {
		return err
	}
	format := c.Param("format")
	if !slices.Contains([]string{"csv", "xlf"}, format) {
		return echo.ErrNotFound
	}
	units := exchange.Units(doc, page.Lang)
	var buf bytes.Buffer
	name := fmt.Sprintf("%s-%s-v%d-%s.%s", page.ChildRef, page.Version.PlanRef, page.Version.Version, page.Lang, format)
	contentType := "text/csv; charset=utf-8"
	if format == "csv" {
		err = exchange.WriteCSV(&buf, page.Lang, units)
	} else {
		contentType = "application/xliff+xml"
		err = exchange.WriteXLIFF(&buf, fmt.Sprintf("%s %s version %d", page.ChildRef, page.Version.PlanRef, page.Version.Version), page.Lang, units)
	}
	if err != nil {
		return err
	}
	if err := s.store.Record(c.Request().Context(), actorOf(principal(c)), "plan.export_translation", "child:"+page.ChildRef, fmt.Sprintf("%d texts for translation into %s as %s", len(units), page.Lang, format)); err != nil {
		return err
	}
	c.Response().Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	return c.Blob(http.StatusOK, contentType, buf.Bytes())
}
