package sandbox

import (
	"net/http"
	"path"
	"strings"
)

// registerFQMedia serves feedback photos. It is more specific than the
// generic /_media/{kind}/{name} route so that a "-mini" photo is the same
// picture as its full-size sibling, only smaller, as on WB's CDN.
func (s *Server) registerFQMedia() {
	s.mux.HandleFunc("GET /_media/feedback/{name}", func(w http.ResponseWriter, r *http.Request) {
		name := r.PathValue("name")
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
