package reply

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"
)

// Template is a canned reply. Panes and Ratings restrict where it is
// offered; empty means everywhere.
type Template struct {
	Name    string `toml:"name"`
	Text    string `toml:"text"`
	Panes   []Pane `toml:"panes"`
	Ratings []int  `toml:"ratings"`
}

// Check reports what makes t unusable, in one sentence per problem.
func (t Template) Check() error {
	var errs []error
	if strings.TrimSpace(t.Name) == "" {
		errs = append(errs, errors.New("the template has no name"))
	}
	if strings.TrimSpace(t.Text) == "" {
		errs = append(errs, errors.New("the template has no text"))
	}
	used, err := UsedPlaceholders(t.Text)
	if err != nil {
		errs = append(errs, err)
	}
	var unknown []string
	for _, p := range used {
		if !knownPlaceholder(p) {
			unknown = append(unknown, p)
		}
	}
	if len(unknown) > 0 {
		names := make([]string, len(Placeholders))
		for i, p := range Placeholders {
			names[i] = p.Name
		}
		errs = append(errs, fmt.Errorf("unknown placeholders %s (known: %s)", Braces(unknown), Braces(names)))
	}
	for _, p := range t.Panes {
		if !slices.Contains(Panes, p) {
			errs = append(errs, fmt.Errorf("unknown pane %q (panes: returns, questions, feedbacks, chats, claims)", string(p)))
		}
	}
	for _, r := range t.Ratings {
		if r < 1 || r > 5 {
			errs = append(errs, fmt.Errorf("rating %d is not 1 to 5", r))
		}
	}
	return errors.Join(errs...)
}

// Fits reports whether t is offered for an item of pane with rating
// (0 when the item has none).
func (t Template) Fits(pane Pane, rating int) bool {
	return (len(t.Panes) == 0 || slices.Contains(t.Panes, pane)) &&
		(len(t.Ratings) == 0 || slices.Contains(t.Ratings, rating))
}

// Templates is the user's templates.toml. Changes are saved at once. It
// is safe for concurrent use: the UI reads it on its own goroutine while a
// command writes it.
type Templates struct {
	path string
	// wmu serialises changes and is held across the file write; mu guards
	// list only and is never held during I/O, so a reader (the picker,
	// on the UI goroutine) never waits for a disk.
	wmu  sync.Mutex
	mu   sync.Mutex
	list []Template
	// shared, when set, holds them instead of the file
	// (template_shared.go).
	shared TemplateStore
}

type templatesFile struct {
	Template []Template `toml:"template"`
}

// LoadTemplates reads the templates file; path "" is
// ConfigDir()/templates.toml. A missing file is created with the default
// templates. Errors name the file and line.
func LoadTemplates(path string) (*Templates, error) {
	if path == "" {
		dir, err := ConfigDir()
		if err != nil {
			return nil, err
		}
		path = filepath.Join(dir, "templates.toml")
	}
	s := &Templates{path: path}
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		s.list = DefaultTemplates()
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return nil, fmt.Errorf("cannot create %s: %w", filepath.Dir(path), err)
		}
		return s, s.save(s.list)
	}
	if err != nil {
		return nil, err
	}
	list, err := parseTemplates(path, data)
	if err != nil {
		return nil, err
	}
	s.list = list
	return s, nil
}

var tableHeader = regexp.MustCompile(`^\s*\[\[\s*template\s*\]\]`)

func parseTemplates(path string, data []byte) ([]Template, error) {
	var f templatesFile
	md, err := toml.Decode(string(data), &f)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, fmt.Errorf("%s:%d: %s", path, pe.Position.Line, pe.Message)
		}
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	// TOML decoding keeps no positions of tables, so each template's line
	// is that of its [[template]] header, in order.
	var headers []int
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, len(data)+1)
	for n := 1; sc.Scan(); n++ {
		if tableHeader.MatchString(sc.Text()) {
			headers = append(headers, n)
		}
	}
	line := func(i int) int {
		if i < len(headers) {
			return headers[i]
		}
		return 0
	}
	var errs []error
	for _, k := range md.Undecoded() {
		errs = append(errs, fmt.Errorf("%s:%d: unknown setting %q (a template has name, text, panes, ratings)", path, keyLine(data, k), k.String()))
	}
	seen := map[string]int{}
	for i, t := range f.Template {
		if err := t.Check(); err != nil {
			for _, e := range unjoin(err) {
				errs = append(errs, fmt.Errorf("%s:%d: template %q: %v", path, line(i), t.Name, e))
			}
		}
		key := strings.ToLower(strings.TrimSpace(t.Name))
		if j, dup := seen[key]; dup && key != "" {
			errs = append(errs, fmt.Errorf("%s:%d: template %q: the name is already used at line %d", path, line(i), t.Name, line(j)))
		}
		seen[key] = i
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return f.Template, nil
}

// keyLine finds where a misspelt key is set, for the error.
func keyLine(data []byte, k toml.Key) int {
	if len(k) == 0 {
		return 0
	}
	re := regexp.MustCompile(`^\s*"?` + regexp.QuoteMeta(k[len(k)-1]) + `"?\s*=`)
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, len(data)+1)
	for n := 1; sc.Scan(); n++ {
		if re.MatchString(sc.Text()) {
			return n
		}
	}
	return 0
}

func unjoin(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

// Path is the file the templates live in.
func (s *Templates) Path() string {
	if s.shared != nil {
		return s.shared.TemplatesWhere()
	}
	return s.path
}

// All returns the templates in file order.
func (s *Templates) All() []Template {
	s.mu.Lock()
	defer s.mu.Unlock()
	return cloneTemplates(s.list)
}

// Get finds a template by name, ignoring case.
func (s *Templates) Get(name string) (Template, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if i := index(s.list, name); i >= 0 {
		return cloneTemplates(s.list[i : i+1])[0], true
	}
	return Template{}, false
}

// Applicable lists the templates offered for an item of pane with rating
// (0 when it has none).
func (s *Templates) Applicable(pane Pane, rating int) []Template {
	var out []Template
	for _, t := range s.All() {
		if t.Fits(pane, rating) {
			out = append(out, t)
		}
	}
	return out
}

// Add appends a new template and saves the file.
func (s *Templates) Add(t Template) error {
	if err := t.Check(); err != nil {
		return err
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	list := s.All()
	if index(list, t.Name) >= 0 {
		return fmt.Errorf("a template named %q already exists", t.Name)
	}
	return s.save(append(list, t))
}

// Update replaces the template called name (which t may rename) and saves.
func (s *Templates) Update(name string, t Template) error {
	if err := t.Check(); err != nil {
		return err
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	list := s.All()
	i := index(list, name)
	if i < 0 {
		return fmt.Errorf("there is no template named %q", name)
	}
	if j := index(list, t.Name); j >= 0 && j != i {
		return fmt.Errorf("a template named %q already exists", t.Name)
	}
	list[i] = t
	return s.save(list)
}

// Delete removes the template called name and saves.
func (s *Templates) Delete(name string) error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	list := s.All()
	i := index(list, name)
	if i < 0 {
		return fmt.Errorf("there is no template named %q", name)
	}
	return s.save(slices.Delete(list, i, i+1))
}

// Save writes the templates as they are (after the user edited the list).
func (s *Templates) Save() error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	return s.save(s.All())
}

func index(list []Template, name string) int {
	key := strings.ToLower(strings.TrimSpace(name))
	return slices.IndexFunc(list, func(t Template) bool { return strings.ToLower(strings.TrimSpace(t.Name)) == key })
}

// save writes list atomically (0600: replies may name customers) and
// adopts it only once it is on disk. The caller holds wmu, not mu.
func (s *Templates) save(list []Template) error {
	if s.shared != nil {
		if err := s.shared.WriteTemplates(encodeTemplates(list)); err != nil {
			return fmt.Errorf("cannot save %s: %w", s.shared.TemplatesWhere(), err)
		}
	} else if err := writeFileAtomic(s.path, encodeTemplates(list), 0o600); err != nil {
		return fmt.Errorf("cannot save %s: %w", s.path, err)
	}
	s.mu.Lock()
	s.list = list
	s.mu.Unlock()
	return nil
}

func cloneTemplates(ts []Template) []Template {
	out := make([]Template, len(ts))
	for i, t := range ts {
		t.Panes, t.Ratings = slices.Clone(t.Panes), slices.Clone(t.Ratings)
		out[i] = t
	}
	return out
}
