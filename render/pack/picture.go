package pack

import (
	"encoding/xml"
	"fmt"
	"math"
	"regexp"
	"strconv"

	"github.com/familyportal/portal/assets"
)

// The pictures are the pages' own line icons (assets/icons), drawn as vector paths so they
// print sharp at any size. fpdf's SVG reader knows no arcs, circles or rectangles, which the
// icons use, so this draws the small part of SVG they need: path (M L H V C S Q A Z, both
// cases), circle and rect (with rounded corners).

// iconBox is the icons' viewBox: 48 by 48 units, stroked 3 units wide.
const (
	iconBox    = 48.0
	iconStroke = 3.0
)

// picture is an icon as lines and curves in its own units.
type picture struct {
	paths []subpath
}

// subpath starts at a point and goes through segments; closed goes back to the start.
type subpath struct {
	x, y   float64
	segs   []segment
	closed bool
}

// segment is a straight line (line true) to x, y, or a cubic curve through two control
// points.
type segment struct {
	line                     bool
	cx0, cy0, cx1, cy1, x, y float64
}

// Picture draws the named icon size millimetres square with its top left corner at x, y.
func (w *Writer) Picture(name string, x, y, size float64) error {
	p, err := parseIcon(assets.Icon(name))
	if err != nil {
		return fmt.Errorf("picture %s: %w", name, err)
	}
	scale := size / iconBox
	pdf := w.pdf
	// Drawing a path moves fpdf's current point, which is also where text goes next.
	atX, atY := pdf.GetXY()
	defer pdf.SetXY(atX, atY)
	pdf.SetDrawColor(29, 112, 184) // GOV.UK blue
	pdf.SetLineWidth(iconStroke * scale)
	pdf.SetLineCapStyle("round")
	pdf.SetLineJoinStyle("round")
	for _, sp := range p.paths {
		pdf.MoveTo(x+sp.x*scale, y+sp.y*scale)
		for _, s := range sp.segs {
			if s.line {
				pdf.LineTo(x+s.x*scale, y+s.y*scale)
				continue
			}
			pdf.CurveBezierCubicTo(x+s.cx0*scale, y+s.cy0*scale, x+s.cx1*scale, y+s.cy1*scale, x+s.x*scale, y+s.y*scale)
		}
		if sp.closed {
			pdf.ClosePath()
		}
		pdf.DrawPath("D")
	}
	pdf.SetDrawColor(0, 0, 0)
	pdf.SetLineWidth(0.2)
	return nil
}

// WithPicture writes what write writes beside an icon on the side lines start on, the icon
// as tall as about three lines of text.
func (w *Writer) WithPicture(name string, write func()) error {
	size := lineHeight(w.size) * 3
	w.room(size)
	top, page := w.pdf.GetY(), w.pdf.PageNo()
	x := w.startX(0)
	if w.rtl {
		x -= size
	}
	if err := w.Picture(name, x, top, size); err != nil {
		return err
	}
	left, topMargin, right, _ := w.pdf.GetMargins()
	if w.rtl {
		w.pdf.SetRightMargin(right + size + 4)
	} else {
		w.pdf.SetLeftMargin(left + size + 4)
	}
	write()
	w.pdf.SetMargins(left, topMargin, right)
	if w.pdf.PageNo() == page && w.pdf.GetY() < top+size+2 {
		w.pdf.SetY(top + size + 2)
	}
	return nil
}

// parseIcon reads an icon's paths, circles and rectangles in document order.
func parseIcon(svg string) (picture, error) {
	var doc struct {
		Shapes []struct {
			XMLName xml.Name
			Attrs   []xml.Attr `xml:",any,attr"`
		} `xml:",any"`
	}
	if err := xml.Unmarshal([]byte(svg), &doc); err != nil {
		return picture{}, err
	}
	var p picture
	for _, s := range doc.Shapes {
		attr := map[string]float64{}
		d := ""
		for _, a := range s.Attrs {
			if a.Name.Local == "d" {
				d = a.Value
				continue
			}
			if f, err := strconv.ParseFloat(a.Value, 64); err == nil {
				attr[a.Name.Local] = f
			}
		}
		switch s.XMLName.Local {
		case "path":
		case "circle":
			cx, cy, r := attr["cx"], attr["cy"], attr["r"]
			d = fmt.Sprintf("M%g %gA%g %g 0 1 1 %g %gA%g %g 0 1 1 %g %gZ", cx-r, cy, r, r, cx+r, cy, r, r, cx-r, cy)
		case "rect":
			x, y, wd, h, rx := attr["x"], attr["y"], attr["width"], attr["height"], attr["rx"]
			d = fmt.Sprintf("M%g %gH%gA%g %g 0 0 1 %g %gV%gA%g %g 0 0 1 %g %gH%gA%g %g 0 0 1 %g %gV%gA%g %g 0 0 1 %g %gZ",
				x+rx, y, x+wd-rx, rx, rx, x+wd, y+rx, y+h-rx, rx, rx, x+wd-rx, y+h, x+rx, rx, rx, x, y+h-rx, y+rx, rx, rx, x+rx, y)
		default:
			return picture{}, fmt.Errorf("the picture has a <%s>, which packs cannot draw", s.XMLName.Local)
		}
		paths, err := parsePath(d)
		if err != nil {
			return picture{}, err
		}
		p.paths = append(p.paths, paths...)
	}
	return p, nil
}

var pathToken = regexp.MustCompile(`[A-Za-z]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?`)

// argCounts is how many numbers each path command takes.
var argCounts = map[byte]int{'M': 2, 'L': 2, 'H': 1, 'V': 1, 'C': 6, 'S': 4, 'Q': 4, 'A': 7, 'Z': 0}

// parsePath reads SVG path data into subpaths of lines and cubic curves.
func parsePath(d string) ([]subpath, error) {
	tokens := pathToken.FindAllString(d, -1)
	var (
		out            []subpath
		cur            *subpath
		x, y           float64 // the current point
		lastCX, lastCY float64 // the last curve's second control point, for S
		cmd            byte
	)
	for i := 0; i < len(tokens); {
		if c := tokens[i][0]; (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') {
			cmd = c
			i++
		} else if cmd == 0 {
			return nil, fmt.Errorf("path %q does not start with a command", d)
		}
		upper := cmd &^ 0x20
		n, ok := argCounts[upper]
		if !ok {
			return nil, fmt.Errorf("path command %q is not drawn in packs", cmd)
		}
		if i+n > len(tokens) {
			return nil, fmt.Errorf("path %q ends inside a command", d)
		}
		args := make([]float64, n)
		for j := range args {
			v, err := strconv.ParseFloat(tokens[i+j], 64)
			if err != nil {
				return nil, fmt.Errorf("path %q: %w", d, err)
			}
			args[j] = v
		}
		i += n
		rel := cmd != upper
		abs := func(k int) (float64, float64) {
			if rel {
				return x + args[k], y + args[k+1]
			}
			return args[k], args[k+1]
		}
		if upper != 'M' && cur == nil {
			out = append(out, subpath{x: x, y: y})
			cur = &out[len(out)-1]
		}
		switch upper {
		case 'M':
			x, y = abs(0)
			out = append(out, subpath{x: x, y: y})
			cur = &out[len(out)-1]
			// Numbers after a moveto are lines to.
			cmd = map[bool]byte{true: 'l', false: 'L'}[rel]
		case 'L':
			x, y = abs(0)
			cur.segs = append(cur.segs, segment{line: true, x: x, y: y})
		case 'H':
			if rel {
				x += args[0]
			} else {
				x = args[0]
			}
			cur.segs = append(cur.segs, segment{line: true, x: x, y: y})
		case 'V':
			if rel {
				y += args[0]
			} else {
				y = args[0]
			}
			cur.segs = append(cur.segs, segment{line: true, x: x, y: y})
		case 'C':
			cx0, cy0 := abs(0)
			cx1, cy1 := abs(2)
			ex, ey := abs(4)
			cur.segs = append(cur.segs, segment{cx0: cx0, cy0: cy0, cx1: cx1, cy1: cy1, x: ex, y: ey})
			lastCX, lastCY, x, y = cx1, cy1, ex, ey
		case 'S':
			cx0, cy0 := x, y
			if n := len(cur.segs); n > 0 && !cur.segs[n-1].line {
				cx0, cy0 = 2*x-lastCX, 2*y-lastCY
			}
			cx1, cy1 := abs(0)
			ex, ey := abs(2)
			cur.segs = append(cur.segs, segment{cx0: cx0, cy0: cy0, cx1: cx1, cy1: cy1, x: ex, y: ey})
			lastCX, lastCY, x, y = cx1, cy1, ex, ey
		case 'Q':
			qx, qy := abs(0)
			ex, ey := abs(2)
			cur.segs = append(cur.segs, segment{cx0: x + 2.0/3*(qx-x), cy0: y + 2.0/3*(qy-y), cx1: ex + 2.0/3*(qx-ex), cy1: ey + 2.0/3*(qy-ey), x: ex, y: ey})
			x, y = ex, ey
		case 'A':
			ex, ey := abs(5)
			cur.segs = append(cur.segs, arc(x, y, args[0], args[1], args[2], args[3] != 0, args[4] != 0, ex, ey)...)
			x, y = ex, ey
		case 'Z':
			cur.closed = true
			x, y = cur.x, cur.y
			cur = nil
		}
	}
	return out, nil
}

// arc turns an SVG elliptical arc from (x1, y1) to (x2, y2) into cubic curves of at most a
// quarter turn each (the SVG specification's appendix on arcs, "conversion from endpoint to
// centre parameterisation").
func arc(x1, y1, rx, ry, rotation float64, large, sweep bool, x2, y2 float64) []segment {
	if rx == 0 || ry == 0 || (x1 == x2 && y1 == y2) {
		return []segment{{line: true, x: x2, y: y2}}
	}
	rx, ry = math.Abs(rx), math.Abs(ry)
	phi := rotation * math.Pi / 180
	cos, sin := math.Cos(phi), math.Sin(phi)
	dx, dy := (x1-x2)/2, (y1-y2)/2
	x1p, y1p := cos*dx+sin*dy, -sin*dx+cos*dy
	// Radii too small to reach are scaled up until they just do.
	if l := x1p*x1p/(rx*rx) + y1p*y1p/(ry*ry); l > 1 {
		rx, ry = rx*math.Sqrt(l), ry*math.Sqrt(l)
	}
	num := rx*rx*ry*ry - rx*rx*y1p*y1p - ry*ry*x1p*x1p
	den := rx*rx*y1p*y1p + ry*ry*x1p*x1p
	k := math.Sqrt(math.Max(0, num/den))
	if large == sweep {
		k = -k
	}
	cxp, cyp := k*rx*y1p/ry, -k*ry*x1p/rx
	cx, cy := cos*cxp-sin*cyp+(x1+x2)/2, sin*cxp+cos*cyp+(y1+y2)/2
	angle := func(ux, uy, vx, vy float64) float64 { return math.Atan2(ux*vy-uy*vx, ux*vx+uy*vy) }
	start := angle(1, 0, (x1p-cxp)/rx, (y1p-cyp)/ry)
	delta := angle((x1p-cxp)/rx, (y1p-cyp)/ry, (-x1p-cxp)/rx, (-y1p-cyp)/ry)
	if !sweep && delta > 0 {
		delta -= 2 * math.Pi
	} else if sweep && delta < 0 {
		delta += 2 * math.Pi
	}
	n := int(math.Ceil(math.Abs(delta) / (math.Pi / 2)))
	step := delta / float64(n)
	t := 4.0 / 3 * math.Tan(step/4)
	point := func(a float64) (float64, float64) {
		ex, ey := rx*math.Cos(a), ry*math.Sin(a)
		return cx + cos*ex - sin*ey, cy + sin*ex + cos*ey
	}
	tangent := func(a float64) (float64, float64) {
		ex, ey := -rx*math.Sin(a), ry*math.Cos(a)
		return cos*ex - sin*ey, sin*ex + cos*ey
	}
	var out []segment
	for i := range n {
		a0, a1 := start+float64(i)*step, start+float64(i+1)*step
		px0, py0 := point(a0)
		px1, py1 := point(a1)
		tx0, ty0 := tangent(a0)
		tx1, ty1 := tangent(a1)
		out = append(out, segment{cx0: px0 + t*tx0, cy0: py0 + t*ty0, cx1: px1 - t*tx1, cy1: py1 - t*ty1, x: px1, y: py1})
	}
	out[len(out)-1].x, out[len(out)-1].y = x2, y2
	return out
}
