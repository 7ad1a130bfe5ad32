// Package assets embeds the portal's static files: style sheets, icons and pictures, and
// the fonts PDFs are set in.
package assets

import (
	"embed"
	"io/fs"
)

//go:embed css icons
var files embed.FS

// fonts are kept apart from files: PDFs embed them, pages do not serve them.
//
//go:embed fonts/*.ttf
var fonts embed.FS

// Files returns the static files, rooted so that "css/portal.css" is the style sheet.
func Files() fs.FS { return files }

// Icon returns the SVG picture called name (icons/NAME.svg), or "" when there is none.
func Icon(name string) string {
	svg, err := files.ReadFile("icons/" + name + ".svg")
	if err != nil {
		return ""
	}
	return string(svg)
}

// StyleSheet returns the portal's style sheet.
func StyleSheet() string {
	css, err := files.ReadFile("css/portal.css")
	if err != nil {
		panic("assets: css/portal.css is not embedded: " + err.Error())
	}
	return string(css)
}

// Font returns a TrueType font PDFs are set in (fonts/NAME.ttf; licence in fonts/OFL.txt).
func Font(name string) ([]byte, error) { return fonts.ReadFile("fonts/" + name + ".ttf") }
