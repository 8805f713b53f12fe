package reply

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// TemplateStore keeps the templates where every process of a team reads
// them: the team's PostgreSQL store, when its agents' serve processes run
// on several machines, each with a templates.toml of its own otherwise.
// The text is the templates file's TOML.
type TemplateStore interface {
	ReadTemplates() (text []byte, ok bool, err error)
	WriteTemplates(text []byte) error
	// TemplatesWhere names the place for the template manager's footer.
	TemplatesWhere() string
}

// LoadSharedTemplates reads the templates kept in ts. A store without
// any takes the local file's at path ("" is ConfigDir()/templates.toml) or,
// without one, the defaults: the first machine to start brings its
// templates, and the others find them there.
func LoadSharedTemplates(ts TemplateStore, path string) (*Templates, error) {
	text, ok, err := ts.ReadTemplates()
	if err != nil {
		return nil, fmt.Errorf("cannot read the team's templates: %w", err)
	}
	s := &Templates{shared: ts}
	if ok {
		list, err := parseTemplates(ts.TemplatesWhere(), text)
		if err != nil {
			return nil, err
		}
		s.list = list
		return s, nil
	}
	if path == "" {
		dir, err := ConfigDir()
		if err != nil {
			return nil, err
		}
		path = filepath.Join(dir, "templates.toml")
	}
	s.list = DefaultTemplates()
	if data, err := os.ReadFile(path); err == nil {
		if s.list, err = parseTemplates(path, data); err != nil {
			return nil, err
		}
	} else if !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}
	return s, s.save(s.list)
}

// Reload reads the shared templates again: a lead on another machine may
// have edited them. It reports whether they changed; a text that does not
// parse leaves the list as it was. File templates are not reloaded.
func (s *Templates) Reload() (changed bool, err error) {
	if s.shared == nil {
		return false, nil
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	text, ok, err := s.shared.ReadTemplates()
	if err != nil || !ok {
		return false, err
	}
	if bytes.Equal(text, encodeTemplates(s.All())) {
		return false, nil
	}
	list, err := parseTemplates(s.shared.TemplatesWhere(), text)
	if err != nil {
		return false, err
	}
	s.mu.Lock()
	s.list = list
	s.mu.Unlock()
	return true, nil
}

// Shared reports whether the templates live in a TemplateStore.
func (s *Templates) Shared() bool { return s.shared != nil }
