package ui

import (
	"fmt"
	"log/slog"
	"reflect"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/ui/safe"
)

// MessageLog wraps the root model for --debug-messages: every message the
// program delivers to Update is written to the debug log, numbered, with
// its Go type, the pane it is for, its sequence number, and the time
// Update spent on it, so that a report of a lost key can be read back in
// order ("the j arrived before the page it was meant for").
//
// Only what identifies a message is written, never what it carries: no
// texts, no errors' wording, no values of unknown fields. Keys are written
// by name (they are what a replay needs), a paste by its length, items by
// their count and IDs. Tokens never travel in messages, and a message that
// held one would still show only its type.
type MessageLog struct {
	inner tea.Model
	log   *slog.Logger
	n     uint64
}

// NewMessageLog wraps m; every message goes to log at debug level.
func NewMessageLog(m tea.Model, log *slog.Logger) *MessageLog {
	return &MessageLog{inner: m, log: log}
}

func (m *MessageLog) Init() tea.Cmd { return m.inner.Init() }

func (m *MessageLog) View() tea.View { return m.inner.View() }

// Update times the wrapped model's Update and logs the message after it,
// so the line says how long the message held the program up.
func (m *MessageLog) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	start := time.Now()
	next, cmd := m.inner.Update(msg)
	took := time.Since(start)
	m.inner = next
	m.n++
	attrs := append([]any{"n", m.n}, describeMsg(msg)...)
	m.log.Debug("msg", append(attrs, "took", took)...)
	return m, cmd
}

// Inner is the wrapped model.
func (m *MessageLog) Inner() tea.Model { return m.inner }

// modulePrefix is cut from type names: "ui.windowMsg[*ui/panes.questionRow]"
// reads better than the full import paths.
const modulePrefix = "github.com/sellerinbox/sellerinbox/"

// describeMsg is the log attributes of one message: its type, then what
// identifies it. Only fields with known names and harmless kinds are read.
func describeMsg(msg tea.Msg) (attrs []any) {
	typ := []any{"type", strings.ReplaceAll(fmt.Sprintf("%T", msg), modulePrefix, "")}
	// a message whose TargetPane panics (a nil pointer) is logged by its
	// type: the log must never be what stops the program
	defer func() {
		if recover() != nil {
			attrs = typ
		}
	}()
	attrs = slices.Clone(typ)
	switch k := msg.(type) {
	case tea.KeyPressMsg:
		return append(attrs, "key", safe.Line(k.String()))
	case tea.KeyReleaseMsg:
		return append(attrs, "key", safe.Line(k.String()))
	case tea.PasteMsg:
		return append(attrs, "len", utf8.RuneCountInString(k.Content))
	case tea.WindowSizeMsg:
		return append(attrs, "size", fmt.Sprintf("%dx%d", k.Width, k.Height))
	}
	if r, ok := msg.(Routed); ok {
		attrs = append(attrs, "pane", string(r.TargetPane()))
	}
	v := reflect.ValueOf(msg)
	for v.Kind() == reflect.Pointer && !v.IsNil() {
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return attrs
	}
	t := v.Type()
	for i := range t.NumField() {
		f, fv := t.Field(i), v.Field(i)
		switch name := strings.ToLower(f.Name); {
		case name == "pane" && f.Type == reflect.TypeFor[PaneID]() && !implementsRouted(msg):
			attrs = append(attrs, "pane", fv.String())
		case name == "seq" && isInteger(fv):
			attrs = append(attrs, "seq", integer(fv))
		case (name == "id" || name == "itemid") && (fv.Kind() == reflect.String || isInteger(fv)):
			attrs = append(attrs, "id", idString(fv))
		case name == "items" && (fv.Kind() == reflect.Slice || fv.Kind() == reflect.Map):
			attrs = append(attrs, "items", fv.Len())
		case name == "err" && f.Type == reflect.TypeFor[error]() && !fv.IsNil():
			// the type says what failed; its wording may quote a server
			attrs = append(attrs, "err", strings.ReplaceAll(fv.Elem().Type().String(), modulePrefix, ""))
		}
	}
	return attrs
}

func implementsRouted(msg tea.Msg) bool { _, ok := msg.(Routed); return ok }

func isInteger(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return true
	}
	return false
}

// integer reads an integer field, exported or not (reflect reads
// unexported fields' numbers, it only refuses to hand out their values).
func integer(v reflect.Value) any {
	if v.CanInt() {
		return v.Int()
	}
	return v.Uint()
}

// idString is an ID as one short inert line: IDs come from the
// marketplaces, and a hostile one must not write escape sequences into
// the log a developer reads in a terminal.
func idString(v reflect.Value) string {
	if v.Kind() != reflect.String {
		return fmt.Sprint(integer(v))
	}
	return safe.Truncate(safe.Line(v.String()), 64)
}
