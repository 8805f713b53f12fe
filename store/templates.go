package store

import (
	"context"
	"time"

	"github.com/sellerinbox/sellerinbox/reply"
)

// templatesKey is the setting the team's templates live under, as the
// templates file's TOML (reply.LoadSharedTemplates).
const templatesKey = "templates.toml"

// TemplateStore keeps the templates in this store, for a team whose
// processes share it across machines (PostgreSQL).
func (s *Store) TemplateStore() reply.TemplateStore { return templateRows{s} }

type templateRows struct{ s *Store }

func (t templateRows) ReadTemplates() ([]byte, bool, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	v, ok, err := t.s.Setting(ctx, templatesKey)
	return []byte(v), ok, err
}

func (t templateRows) WriteTemplates(text []byte) error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return t.s.SetSetting(ctx, templatesKey, string(text))
}

func (t templateRows) TemplatesWhere() string { return "the team's store " + t.s.Path() }
