package theme

import (
	"image/color"
	"reflect"
	"strings"
	"testing"

	"github.com/charmbracelet/colorprofile"
)

// colours lists every colour of a palette by field name.
func colours(p Palette) map[string]color.Color {
	out := map[string]color.Color{}
	v := reflect.ValueOf(p)
	for i := range v.NumField() {
		c, _ := v.Field(i).Interface().(color.Color)
		out[v.Type().Field(i).Name] = c
	}
	return out
}

func TestLightAndDarkDiffer(t *testing.T) {
	light, dark := colours(DefaultPalette(false)), colours(DefaultPalette(true))
	for name, c := range dark {
		if c == nil || light[name] == nil {
			t.Errorf("%s missing", name)
			continue
		}
		if name != "BadgeFg" && reflect.DeepEqual(c, light[name]) {
			t.Errorf("%s is the same on light and dark backgrounds", name)
		}
	}
}

func TestNoColor(t *testing.T) {
	tests := []struct {
		name string
		s    Styles
	}{
		{"option", NewWith(Options{Dark: true, NoColor: true})},
		{"ascii profile", NewWith(Options{Profile: colorprofile.Ascii})},
	}
	t.Setenv("NO_COLOR", "1")
	tests = append(tests, struct {
		name string
		s    Styles
	}{"NO_COLOR env", New(true)})
	for _, tc := range tests {
		if !tc.s.NoColor {
			t.Errorf("%s: NoColor not set", tc.name)
		}
		for name, c := range colours(tc.s.Palette) {
			if c != nil {
				t.Errorf("%s: %s has colour %v", tc.name, name, c)
			}
		}
		// Selection must stay visible without colour, and no colour
		// sequence (38;/48;) may be emitted.
		sel := tc.s.RowSelected.Render("x")
		if !strings.Contains(sel, "7") || strings.Contains(sel, "38;") || strings.Contains(sel, "48;") {
			t.Errorf("%s: selected row renders as %q", tc.name, sel)
		}
	}
}

func TestProfilesDegrade(t *testing.T) {
	t.Setenv("NO_COLOR", "")
	tests := []struct {
		profile colorprofile.Profile
		want    string // colour type after conversion
	}{
		{colorprofile.TrueColor, "color.RGBA"},
		{colorprofile.ANSI256, "ansi.IndexedColor"},
		{colorprofile.ANSI, "ansi.BasicColor"},
	}
	for _, tc := range tests {
		s := NewWith(Options{Dark: true, Profile: tc.profile})
		if s.NoColor {
			t.Errorf("%v: NoColor", tc.profile)
		}
		if got := reflect.TypeOf(s.Palette.Accent).String(); got != tc.want {
			t.Errorf("%v: accent is %s, want %s", tc.profile, got, tc.want)
		}
	}
	if New(false).NoColor {
		t.Error("New without NO_COLOR has no colour")
	}
}
