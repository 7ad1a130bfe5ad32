package pack

import (
	"io/fs"
	"math"
	"strings"
	"testing"

	"github.com/familyportal/portal/assets"
)

// TestEveryPictureDraws reads every icon the pages use: each is drawn in packs, so each must
// be made only of what the drawer knows.
func TestEveryPictureDraws(t *testing.T) {
	icons, err := fs.Glob(assets.Files(), "icons/*.svg")
	if err != nil || len(icons) == 0 {
		t.Fatalf("no icons: %v", err)
	}
	for _, path := range icons {
		name := strings.TrimSuffix(strings.TrimPrefix(path, "icons/"), ".svg")
		p, err := parseIcon(assets.Icon(name))
		if err != nil || len(p.paths) == 0 {
			t.Errorf("%s: %v (%d paths)", name, err, len(p.paths))
		}
	}
	if _, err := parseIcon(`<svg><ellipse cx="1" cy="1" rx="1" ry="2"/></svg>`); err == nil {
		t.Error("an ellipse is not drawn, and must be refused rather than left out")
	}
}

// TestArcEndsWhereSVGSays turns half a circle into curves: they end on the arc's end point,
// and their middle lies on the circle.
func TestArcEndsWhereSVGSays(t *testing.T) {
	segs := arc(0, 10, 10, 10, 0, false, true, 20, 10)
	if len(segs) != 2 {
		t.Fatalf("half a turn in %d curves, want 2", len(segs))
	}
	if end := segs[len(segs)-1]; end.x != 20 || end.y != 10 {
		t.Errorf("ends at %v,%v", end.x, end.y)
	}
	if mid := segs[0]; math.Abs(math.Hypot(mid.x-10, mid.y-10)-10) > 1e-9 {
		t.Errorf("the quarter point %v,%v is off the circle", mid.x, mid.y)
	}
}
