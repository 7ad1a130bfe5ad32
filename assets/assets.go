// Package assets embeds the portal's static files: style sheets, icons and pictures, and
// the fonts PDFs are set in.
package assets

import (
	"embed"
	"io/fs"
)

//go:embed css
var files embed.FS

// Files returns the static files, rooted so that "css/portal.css" is the style sheet.
func Files() fs.FS { return files }

// StyleSheet returns the portal's style sheet.
func StyleSheet() string {
	css, err := files.ReadFile("css/portal.css")
	if err != nil {
		panic("assets: css/portal.css is not embedded: " + err.Error())
	}
	return string(css)
}
