package ui

import (
	"testing"

	"github.com/sellerinbox/sellerinbox/photo"
)

// A file that is not an image is named for what it is: the marketplace's
// content type first, then a name the buyer chose, and never "a video"
// for a file only known not to be an image (a PDF named .exe was).
func TestMediaThatIsNotAnImageIsNamedForWhatItIs(t *testing.T) {
	cases := []struct {
		name string
		m    Media
		want photo.Reason
	}{
		{"PDF by content type, named .exe", Media{Name: "invoice.exe", ContentType: "application/pdf"}, photo.ReasonPDF},
		{"PDF with parameters in its type", Media{Name: "x", ContentType: "Application/PDF; name=x"}, photo.ReasonPDF},
		{"PDF by name only", Media{Name: "Акт.PDF"}, photo.ReasonPDF},
		{"video by content type", Media{Name: "clip.bin", ContentType: "video/quicktime"}, photo.ReasonVideo},
		{"video by name only", Media{Name: "claim-1-video-1.mp4"}, photo.ReasonVideo},
		{"video said by the pane", Media{Name: "raw", Video: true}, photo.ReasonVideo},
		{"an executable is no video", Media{Name: "setup.exe"}, photo.ReasonNotImage},
		{"an archive by type", Media{Name: "docs.zip", ContentType: "application/zip"}, photo.ReasonNotImage},
		{"no name, no type", Media{}, photo.ReasonNotImage},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := reasonFor(c.m); got != c.want {
				t.Fatalf("reasonFor(%+v) = %s, want %s", c.m, got.Code(), c.want.Code())
			}
		})
	}
}
