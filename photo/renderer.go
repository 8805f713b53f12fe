package photo

import (
	"image"
	"strings"

	"github.com/charmbracelet/colorprofile"
)

// Renderer is how pixels become text.
type Renderer int

const (
	// RendererAuto picks by colour profile, unless SELLERINBOX_IMAGE says.
	RendererAuto Renderer = iota
	// RendererBlocks draws "▀" cells: foreground the upper pixel,
	// background the lower, twice the vertical resolution.
	RendererBlocks
	// RendererASCII draws a character ramp (image2ascii), coloured when
	// the terminal has colours.
	RendererASCII
)

// EnvRenderer names the variable that overrides the automatic choice.
const EnvRenderer = "SELLERINBOX_IMAGE"

func (r Renderer) String() string {
	switch r {
	case RendererBlocks:
		return "blocks"
	case RendererASCII:
		return "ascii"
	}
	return "auto"
}

// ParseRenderer reads "ascii" or "blocks" (any case); anything else is auto.
func ParseRenderer(s string) Renderer {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "blocks", "block", "halfblocks":
		return RendererBlocks
	case "ascii":
		return RendererASCII
	}
	return RendererAuto
}

// Choose resolves the renderer for a colour profile. want is the caller's
// choice, env the value of SELLERINBOX_IMAGE; the first that is not auto
// wins. Half-blocks need 256 colours to look like a photo; with 16 colours
// a character ramp carries more of the picture. NO_COLOR needs no handling
// here: colorprofile.Detect already reports Ascii for it.
func Choose(p colorprofile.Profile, want Renderer, env string) Renderer {
	if want == RendererAuto {
		want = ParseRenderer(env)
	}
	if want == RendererAuto {
		if p == colorprofile.TrueColor || p == colorprofile.ANSI256 {
			return RendererBlocks
		}
		return RendererASCII
	}
	if want == RendererBlocks && !hasColour(p) {
		// "▀" without colours draws nothing: the mono fallback is the ramp.
		return RendererASCII
	}
	return want
}

// hasColour: Unknown is treated as 16 colours, which every terminal of the
// last thirty years has; NoTTY and Ascii get plain characters.
func hasColour(p colorprofile.Profile) bool {
	return p != colorprofile.NoTTY && p != colorprofile.ASCII
}

// colourProfile is the palette a renderer writes in; Unknown becomes ANSI.
func colourProfile(p colorprofile.Profile) colorprofile.Profile {
	if p == colorprofile.Unknown {
		return colorprofile.ANSI
	}
	return p
}

// pxPerCell is how many image rows one text row shows.
func (r Renderer) pxPerCell() int {
	if r == RendererBlocks {
		return 2
	}
	return 1
}

// render draws a thumbnail already scaled by fit for this renderer into
// lines exactly cols wide, the picture centred.
func render(r Renderer, p colorprofile.Profile, thumb *image.RGBA, cols int) string {
	if r == RendererBlocks {
		return renderBlocks(colourProfile(p), thumb, cols)
	}
	return renderASCII(colourProfile(p), thumb, cols)
}
