package sandbox

import (
	"fmt"
	"net/http"
	"path"
	"strings"
)

// feedbackPhotoVariants is how many WebP photo pairs assets/ holds.
const feedbackPhotoVariants = 4

// registerFQMedia serves feedback photos. It is more specific than the
// generic /_media/{kind}/{name} route so that a "-mini" photo is the same
// picture as its full-size sibling, only smaller, as on WB's CDN. Since
// February 2026 WB serves feedback photos as WebP; Go cannot encode WebP, so
// the pictures come from assets/ (feedbackN.webp and feedbackN-mini.webp).
func (s *Server) registerFQMedia() {
	s.mux.HandleFunc("GET /_media/feedback/{name}", func(w http.ResponseWriter, r *http.Request) {
		name := r.PathValue("name")
		if base, ok := strings.CutSuffix(name, ".webp"); ok {
			base, mini := strings.CutSuffix(base, "-mini")
			body := feedbackWebP(base, mini)
			if body == nil {
				http.NotFound(w, r)
				return
			}
			w.Header().Set("Content-Type", "image/webp")
			_, _ = w.Write(body)
			return
		}
		if base, ok := strings.CutSuffix(name, "-mini.jpg"); ok {
			key := "feedback/" + base + ".jpg"
			body := s.media.get(key+"#mini", func() []byte { return drawJPEG(key, 200, 150) })
			w.Header().Set("Content-Type", "image/jpeg")
			_, _ = w.Write(body)
			return
		}
		ct, body := s.mediaBytes("feedback/"+name, path.Ext(name))
		if body == nil {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", ct)
		_, _ = w.Write(body)
	})
}

// feedbackWebP picks the photo for base (e.g. "<feedback id>-2") so that
// its mini and full sizes show the same picture.
func feedbackWebP(base string, mini bool) []byte {
	n := keyHash("feedback/"+base)%feedbackPhotoVariants + 1
	name := fmt.Sprintf("assets/feedback%d.webp", n)
	if mini {
		name = fmt.Sprintf("assets/feedback%d-mini.webp", n)
	}
	b, err := assets.ReadFile(name)
	if err != nil {
		return nil
	}
	return b
}
