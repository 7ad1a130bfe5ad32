package store

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"math"
	"testing"
	"time"
)

func TestContrastWithWhite(t *testing.T) {
	tests := []struct {
		colour string
		ratio  float64 // 0 when not a colour
		enough bool
	}{
		{"#ffffff", 1, false},
		{"#000000", 21, true},
		{"#1d70b8", 5.17, true}, // GOV.UK blue
		{"#1D70B8", 5.17, true},
		{"#767676", 4.54, true}, // the lightest grey that passes
		{"#777777", 4.48, false},
		{"#ffdd00", 1.35, false},
		{"blue", 0, false},
		{"#12345", 0, false},
		{"#1234567", 0, false},
		{"1d70b8", 0, false},
		{"#1d70bg", 0, false},
	}
	for _, tt := range tests {
		ratio, ok := ContrastWithWhite(tt.colour)
		if ok != (tt.ratio != 0) {
			t.Errorf("%s: read as a colour = %v", tt.colour, ok)
			continue
		}
		if ok && math.Abs(ratio-tt.ratio) > 0.01*tt.ratio {
			t.Errorf("%s: contrast %.2f, want about %.2f", tt.colour, ratio, tt.ratio)
		}
		if got := (Council{Name: "X", Nation: "england", Colour: tt.colour}).Check(); (len(got) == 0) != tt.enough {
			t.Errorf("%s: Check() = %v, want accepted %v", tt.colour, got, tt.enough)
		}
	}
}

func encoded(t *testing.T, encode func(*bytes.Buffer, image.Image) error) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 120, 40))
	for x := range 120 {
		img.Set(x, 20, color.RGBA{0, 0x30, 0x78, 0xff})
	}
	var b bytes.Buffer
	if err := encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestCheckLogo(t *testing.T) {
	pngLogo := encoded(t, func(b *bytes.Buffer, i image.Image) error { return png.Encode(b, i) })
	jpegLogo := encoded(t, func(b *bytes.Buffer, i image.Image) error { return jpeg.Encode(b, i, nil) })
	gifLogo := encoded(t, func(b *bytes.Buffer, i image.Image) error { return gif.Encode(b, i, nil) })
	tests := []struct {
		name string
		body []byte
		kind string // "" when refused
		code string
	}{
		{"png", pngLogo, "image/png", ""},
		{"jpeg", jpegLogo, "image/jpeg", ""},
		{"gif", gifLogo, "", "logo_type"},
		{"svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`), "", "logo_type"},
		{"html", []byte(`<!DOCTYPE html><html><script>alert(1)</script></html>`), "", "logo_type"},
		{"empty", nil, "", "logo_type"},
		{"png header, then nonsense", append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{7}, 100)...), "", "logo_type"},
		{"too big", append(pngLogo, make([]byte, MaxLogoBytes)...), "", "logo_too_big"},
	}
	for _, tt := range tests {
		logo, problems := CheckLogo(tt.body)
		switch {
		case tt.kind != "" && (len(problems) > 0 || logo.ContentType != tt.kind || logo.Width != 120 || logo.Height != 40 || logo.Hash == ""):
			t.Errorf("%s: %+v %v, want a %s of 120×40", tt.name, logo, problems, tt.kind)
		case tt.kind == "" && (len(problems) != 1 || problems[0].Code != tt.code):
			t.Errorf("%s: problems %v, want %s", tt.name, problems, tt.code)
		}
	}
}

func TestCouncilCheck(t *testing.T) {
	good := Council{Name: "Westshire", Nation: "wales", Advocacy: []Contact{{Name: "Advocacy", Web: "https://example.org"}}}
	if problems := good.Check(); len(problems) > 0 {
		t.Fatalf("good settings refused: %v", problems)
	}
	tests := []struct {
		name  string
		edit  func(*Council)
		field string
		code  string
	}{
		{"no name", func(c *Council) { c.Name = " " }, "name", "council_name_missing"},
		{"a nation the table does not take", func(c *Council) { c.Nation = "northern-ireland" }, "nation", "nation_unknown"},
		{"no nation", func(c *Council) { c.Nation = "" }, "nation", "nation_unknown"},
		{"a service without a name", func(c *Council) { c.Advocacy = append(c.Advocacy, Contact{Phone: "0800"}) }, "advocacy.1.name", "contact_needs_name"},
		{"a script for a website", func(c *Council) { c.Complaints = Contact{Name: "C", Web: "javascript:alert(1)"} }, "complaints.web", "contact_web_format"},
	}
	for _, tt := range tests {
		c := good
		c.Advocacy = append([]Contact(nil), good.Advocacy...)
		tt.edit(&c)
		problems := c.Check()
		if len(problems) != 1 || problems[0] != (Problem{tt.field, tt.code}) {
			t.Errorf("%s: %v, want %s at %s", tt.name, problems, tt.code, tt.field)
		}
	}
}

// TestSetCouncilRefusesAndAudits: refused settings change nothing; saved ones are audited
// with what changed; the same again writes nothing.
func TestSetCouncilRefusesAndAudits(t *testing.T) {
	s, _ := openStore(t)
	ctx := context.Background()
	c := Council{Name: "Westshire", Nation: "wales"}
	if err := s.SetCouncil(ctx, "person:1", c); err != nil {
		t.Fatal(err)
	}
	bad := c
	bad.Colour = "#ffdd00"
	var problems Problems
	if err := s.SetCouncil(ctx, "person:1", bad); !errors.As(err, &problems) || problems[0].Code != "colour_contrast" {
		t.Errorf("a pale colour: %v", err)
	}
	c.Colour, c.Languages = "#00703c", []string{}
	if err := s.SetCouncil(ctx, "person:1", c); err != nil {
		t.Fatal(err)
	}
	if err := s.SetCouncil(ctx, "person:1", c); err != nil {
		t.Fatal(err)
	}
	got, err := s.Council(ctx)
	if err != nil || got.Colour != "#00703c" || got.Languages == nil || len(got.Languages) != 0 {
		t.Errorf("council = %+v, %v; want the colour and no languages besides English", got, err)
	}
	trail, err := s.SettingsTrail(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(trail) != 2 || trail[0].Detail != `colour "" → "#00703c"; languages besides English "all" → ""` {
		t.Errorf("settings trail = %+v", trail)
	}
}

// TestStaffLifecycle: added with a password link, role changed, deactivated (and signed
// out), never deleted.
func TestStaffLifecycle(t *testing.T) {
	s, _ := openStore(t)
	ctx := context.Background()
	team, _ := s.CreateTeam(ctx, "Team 1")
	m := StaffMember{Name: "Ann Lee", Email: "ann@example.org", Kind: KindWorker, TeamID: team}
	id, err := s.AddStaff(ctx, "person:1", m, "link-hash", time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	var problems Problems
	if _, err := s.AddStaff(ctx, "person:1", StaffMember{Name: "Ann Again", Email: "ANN@example.org", Kind: KindWorker, TeamID: team}, "h2", time.Hour); !errors.As(err, &problems) || problems[0].Code != "email_taken" {
		t.Errorf("the same email again: %v", err)
	}
	if _, err := s.AddStaff(ctx, "person:1", StaffMember{Name: "Bo", Email: "bo@example.org", Kind: KindWorker, TeamID: team + 99}, "h3", time.Hour); !errors.As(err, &problems) || problems[0].Code != "team_unknown" {
		t.Errorf("a team that is not there: %v", err)
	}
	if got, err := s.PasswordLinkFor(ctx, "link-hash"); err != nil || got.ID != id {
		t.Errorf("password link = %+v, %v", got, err)
	}
	if err := s.ChangeStaff(ctx, "person:1", id, KindManager, team); err != nil {
		t.Fatal(err)
	}
	if err := s.CreateSession(ctx, id, "session", time.Hour, "test"); err != nil {
		t.Fatal(err)
	}
	if err := s.DeactivateStaff(ctx, "person:1", id); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SessionPerson(ctx, "session"); !errors.Is(err, ErrNotFound) {
		t.Errorf("a deactivated person's session lives on: %v", err)
	}
	if _, err := s.StaffByEmail(ctx, "ann@example.org"); !errors.Is(err, ErrNotFound) {
		t.Errorf("a deactivated person is found to sign in: %v", err)
	}
	if err := s.SetStaffPassword(ctx, "link-hash", "hash"); !errors.Is(err, ErrNotFound) {
		t.Errorf("a deactivated person's password link works: %v", err)
	}
	got, err := s.StaffMemberByID(ctx, id)
	if err != nil || got.Kind != KindManager || got.Active() {
		t.Errorf("after deactivating: %+v, %v", got, err)
	}
}
