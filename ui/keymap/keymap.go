// Package keymap is every key binding of the UI, grouped by scope. Help is
// generated from these bindings, the duplicate test checks them, and the
// config's [keys] table rebinds them by scope and action name.
package keymap

import (
	"strings"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"

	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// Scope is where a group of bindings is active.
type Scope string

const (
	ScopeGlobal  Scope = "global"  // normal mode, whatever pane
	ScopeList    Scope = "list"    // a focused list
	ScopeDetail  Scope = "detail"  // a focused detail view
	ScopeFilter  Scope = "filter"  // typing into /
	ScopeEditor  Scope = "editor"  // writing an answer
	ScopeConfirm Scope = "confirm" // a yes/no question
	// ScopeForm is a small modal of fields (filter menus, dialogs, the
	// profile switcher); keys it does not bind are text.
	ScopeForm  Scope = "form"
	ScopeReply Scope = "reply" // item actions, active with list and detail
	// ScopeTemplates is the T templates manager, which owns the keyboard
	// while open.
	ScopeTemplates Scope = "templates"
)

// Scopes lists every scope in help order.
var Scopes = []Scope{ScopeGlobal, ScopeList, ScopeDetail, ScopeFilter, ScopeEditor, ScopeConfirm, ScopeForm, ScopeReply, ScopeTemplates}

// Global keys work in normal mode whatever pane has focus. ForceQuit is the
// exception that works in every mode, so no mode can trap the user.
type Global struct {
	Pane1, Pane2, Pane3, Pane4, Pane5, Inbox key.Binding
	NextTab, PrevTab                         key.Binding
	Help, Redraw, Refresh, Retry             key.Binding
	Search, Templates                        key.Binding
	// Stats opens the team's answers and response times.
	Stats           key.Binding
	Quit, ForceQuit key.Binding
	// Undo takes back the newest reply still in its undo window.
	Undo key.Binding
}

// List moves through a list.
type List struct {
	Up, Down, Top, Bottom          key.Binding
	PageUp, PageDown               key.Binding
	HalfUp, HalfDown               key.Binding
	Open, Back, Filter, FilterMenu key.Binding
	Sort, NextAction, PrevAction   key.Binding
	// Narrower and Wider move the list/detail split.
	Narrower, Wider key.Binding
	// Mine shows only the items assigned to the agent (team inbox).
	Mine key.Binding
	// Mark and MarkRange choose items for a bulk answer (Bulk), which
	// answers them, or the whole section, with one template;
	// PrevSection and NextSection switch the config's saved sections.
	Mark, MarkRange, Bulk    key.Binding
	PrevSection, NextSection key.Binding
}

// Detail scrolls an item's detail view.
type Detail struct {
	Up, Down, Top, Bottom key.Binding
	PageUp, PageDown      key.Binding
	HalfUp, HalfDown      key.Binding
	Back                  key.Binding
}

// Filter is active while typing into the / filter; any other key is text.
type Filter struct {
	Apply, Clear, Up, Down key.Binding
}

// Editor is active while writing an answer. ManageTemplates acts in the
// template picker opened from the editor.
type Editor struct {
	Send, Leave, External, Attach, Templates key.Binding
	ManageTemplates                          key.Binding
}

// Confirm answers a yes/no question.
type Confirm struct {
	Yes, No key.Binding
}

// Form moves through a form's fields and choices. The choice keys h and l
// are letters: a form that takes a comment reads them as text (see
// ui.Form), so only the arrows move its choices.
type Form struct {
	Apply, Cancel          key.Binding
	PrevField, NextField   key.Binding
	PrevChoice, NextChoice key.Binding
}

// Reply acts on the selected item; panes wire the ones they support.
type Reply struct {
	Answer, Edit, Templates     key.Binding
	Photo, PrevPhoto, NextPhoto key.Binding
	Open, Save, Profiles        key.Binding
	Reject, Pin, ReturnOrder    key.Binding
	// Pipe sends the item to the config's pipe_command for a draft.
	Pipe key.Binding
	// Assign gives the item to an agent of the team inbox.
	Assign key.Binding
}

// Templates is the templates manager: its list, then its form (where the
// choice keys act on the panes field and the rest is text).
type Templates struct {
	Up, Down, New, Edit, Delete, Close key.Binding
	Save, NextField, PrevField         key.Binding
	Toggle, PrevChoice, NextChoice     key.Binding
}

// KeyMap is the whole key map. It is a value: Rebind returns a new one.
type KeyMap struct {
	Global  Global
	List    List
	Detail  Detail
	Filter  Filter
	Editor  Editor
	Confirm Confirm
	Form    Form
	Reply   Reply
	// Templates is named for its scope; the manager is opened by
	// Global.Templates.
	Templates Templates
}

// entry names one binding for help, rebinding and duplicate checks.
type entry struct {
	action string
	b      *key.Binding
}

// table is the single list of (scope, action) → binding; everything that
// walks the key map goes through it, so a new binding needs one line here.
func (k *KeyMap) table() map[Scope][]entry {
	g, l, d, f, e, c, r, t := &k.Global, &k.List, &k.Detail, &k.Filter, &k.Editor, &k.Confirm, &k.Reply, &k.Templates
	fm := &k.Form
	return map[Scope][]entry{
		ScopeGlobal: {
			{"pane1", &g.Pane1}, {"pane2", &g.Pane2}, {"pane3", &g.Pane3}, {"pane4", &g.Pane4}, {"pane5", &g.Pane5},
			{"inbox", &g.Inbox}, {"next_tab", &g.NextTab}, {"prev_tab", &g.PrevTab},
			{"help", &g.Help}, {"redraw", &g.Redraw}, {"refresh", &g.Refresh}, {"retry", &g.Retry}, {"search", &g.Search},
			{"templates", &g.Templates}, {"stats", &g.Stats}, {"quit", &g.Quit}, {"force_quit", &g.ForceQuit}, {"undo", &g.Undo},
		},
		ScopeList: {
			{"up", &l.Up}, {"down", &l.Down}, {"top", &l.Top}, {"bottom", &l.Bottom},
			{"page_up", &l.PageUp}, {"page_down", &l.PageDown}, {"half_up", &l.HalfUp}, {"half_down", &l.HalfDown},
			{"open", &l.Open}, {"back", &l.Back}, {"filter", &l.Filter}, {"filter_menu", &l.FilterMenu}, {"sort", &l.Sort},
			{"next_action", &l.NextAction}, {"prev_action", &l.PrevAction},
			{"narrower", &l.Narrower}, {"wider", &l.Wider}, {"mine", &l.Mine},
			{"mark", &l.Mark}, {"mark_range", &l.MarkRange}, {"bulk", &l.Bulk},
			{"prev_section", &l.PrevSection}, {"next_section", &l.NextSection},
		},
		ScopeDetail: {
			{"up", &d.Up}, {"down", &d.Down}, {"top", &d.Top}, {"bottom", &d.Bottom},
			{"page_up", &d.PageUp}, {"page_down", &d.PageDown}, {"half_up", &d.HalfUp}, {"half_down", &d.HalfDown},
			{"back", &d.Back},
		},
		ScopeFilter: {{"apply", &f.Apply}, {"clear", &f.Clear}, {"up", &f.Up}, {"down", &f.Down}},
		ScopeEditor: {{"send", &e.Send}, {"leave", &e.Leave}, {"external", &e.External},
			{"attach", &e.Attach}, {"templates", &e.Templates}, {"manage_templates", &e.ManageTemplates}},
		ScopeConfirm: {{"yes", &c.Yes}, {"no", &c.No}},
		ScopeForm: {{"apply", &fm.Apply}, {"cancel", &fm.Cancel}, {"prev_field", &fm.PrevField}, {"next_field", &fm.NextField},
			{"prev_choice", &fm.PrevChoice}, {"next_choice", &fm.NextChoice}},
		ScopeReply: {
			{"answer", &r.Answer}, {"edit", &r.Edit}, {"templates", &r.Templates},
			{"photo", &r.Photo}, {"prev_photo", &r.PrevPhoto}, {"next_photo", &r.NextPhoto},
			{"open", &r.Open}, {"save", &r.Save}, {"profiles", &r.Profiles},
			{"reject", &r.Reject}, {"pin", &r.Pin}, {"return_order", &r.ReturnOrder}, {"pipe", &r.Pipe}, {"assign", &r.Assign},
		},
		ScopeTemplates: {
			{"up", &t.Up}, {"down", &t.Down}, {"new", &t.New}, {"edit", &t.Edit}, {"delete", &t.Delete}, {"close", &t.Close},
			{"save", &t.Save}, {"next_field", &t.NextField}, {"prev_field", &t.PrevField},
			{"toggle", &t.Toggle}, {"prev_choice", &t.PrevChoice}, {"next_choice", &t.NextChoice},
		},
	}
}

// defaults are the shipped bindings, by scope and action.
var defaults = map[Scope]map[string][]string{
	ScopeGlobal: {
		"pane1": {"1"}, "pane2": {"2"}, "pane3": {"3"}, "pane4": {"4"}, "pane5": {"5"}, "inbox": {"0"},
		"next_tab": {"tab"}, "prev_tab": {"shift+tab"},
		"help": {"?"}, "redraw": {"ctrl+l"}, "refresh": {"R"}, "retry": {"r"}, "search": {"ctrl+f"},
		"templates": {"T"}, "stats": {"ctrl+r"}, "quit": {"q"}, "force_quit": {"ctrl+c"}, "undo": {"u"},
	},
	ScopeList: {
		"up": {"k", "up"}, "down": {"j", "down"}, "top": {"g", "home"}, "bottom": {"G", "end"},
		"page_up": {"pgup"}, "page_down": {"pgdown"}, "half_up": {"ctrl+u"}, "half_down": {"ctrl+d"},
		"open": {"enter"}, "back": {"esc"}, "filter": {"/"}, "filter_menu": {"f"}, "sort": {"S"},
		"next_action": {"n"}, "prev_action": {"N"}, "narrower": {"<"}, "wider": {">"}, "mine": {"M"},
		"mark": {"space"}, "mark_range": {"V"}, "bulk": {"A"}, "prev_section": {"{"}, "next_section": {"}"},
	},
	ScopeDetail: {
		"up": {"k", "up"}, "down": {"j", "down"}, "top": {"g", "home"}, "bottom": {"G", "end"},
		"page_up": {"pgup"}, "page_down": {"pgdown"}, "half_up": {"ctrl+u"}, "half_down": {"ctrl+d"},
		"back": {"esc"},
	},
	ScopeFilter: {"apply": {"enter"}, "clear": {"esc"}, "up": {"up", "ctrl+p"}, "down": {"down", "ctrl+n"}},
	ScopeEditor: {"send": {"ctrl+s"}, "leave": {"esc"}, "external": {"ctrl+e"},
		"attach": {"ctrl+o"}, "templates": {"ctrl+t"}, "manage_templates": {"ctrl+g"}},
	// enter takes the default answer, which is no: two enters never
	// confirm what the first one did not mean
	ScopeConfirm: {"yes": {"y"}, "no": {"n", "esc", "enter"}},
	ScopeForm: {"apply": {"enter"}, "cancel": {"esc"}, "prev_field": {"shift+tab", "up"}, "next_field": {"tab", "down"},
		"prev_choice": {"left", "h"}, "next_choice": {"right", "l"}},
	ScopeReply: {
		"answer": {"a"}, "edit": {"e"}, "templates": {"t"},
		"photo": {"p"}, "prev_photo": {"["}, "next_photo": {"]"},
		"open": {"o"}, "save": {"s"}, "profiles": {"P"},
		"reject": {"x"}, "pin": {"*"}, "return_order": {"v"}, "pipe": {"|"}, "assign": {"@"},
	},
	ScopeTemplates: {
		"up": {"k", "up"}, "down": {"j", "down"}, "new": {"n"}, "edit": {"e", "enter"}, "delete": {"d"}, "close": {"esc"},
		"save": {"ctrl+s"}, "next_field": {"tab"}, "prev_field": {"shift+tab"},
		"toggle": {"space"}, "prev_choice": {"left"}, "next_choice": {"right"},
	},
}

// Default is the shipped key map with help texts in the given language.
func Default(tr i18n.T) KeyMap {
	var k KeyMap
	for scope, entries := range k.table() {
		for _, e := range entries {
			*e.b = bind(tr, scope, e.action, defaults[scope][e.action])
		}
	}
	return k
}

func bind(tr i18n.T, scope Scope, action string, ks []string) key.Binding {
	return key.NewBinding(
		// Keys are exactly the configured ones: a Cyrillic letter is never a
		// hotkey by default (see the README's "Keys"), so typing an answer
		// on a list cannot run a command.
		key.WithKeys(ks...),
		key.WithHelp(helpKeys(ks), tr.Get("key."+string(scope)+"."+action)),
	)
}

// helpKeys shows keys the way help lists them: arrows as symbols, at most
// two alternatives so the short help stays short.
func helpKeys(ks []string) string {
	shown := make([]string, 0, 2)
	for _, k := range ks {
		if len(shown) == 2 {
			break
		}
		shown = append(shown, keyLabel(k))
	}
	return strings.Join(shown, "/")
}

func keyLabel(k string) string {
	switch k {
	case "up":
		return "↑"
	case "down":
		return "↓"
	case "left":
		return "←"
	case "right":
		return "→"
	case "pgdown":
		return "pgdn"
	}
	return k
}

// Name is how a message names a binding in few cells: its shortest key as
// help shows it, the first of equally short ones ("ctrl+s", "↓" of tab
// and down, "j" of j and down). Messages that say "press r to retry" take
// it from the binding, so a key rebound in the config is the key they
// name.
func Name(b key.Binding) string {
	name := ""
	for _, k := range b.Keys() {
		if l := keyLabel(k); name == "" || utf8.RuneCountInString(l) < utf8.RuneCountInString(name) {
			name = l
		}
	}
	if name == "" {
		return b.Help().Key
	}
	return name
}

// Pair names two opposite bindings as one ("↑/↓", "←/→").
func Pair(a, b key.Binding) string { return Name(a) + "/" + Name(b) }

// Bindings returns the bindings of one scope in table order, for help.
func (k KeyMap) Bindings(s Scope) []key.Binding {
	entries := k.table()[s]
	out := make([]key.Binding, 0, len(entries))
	for _, e := range entries {
		out = append(out, *e.b)
	}
	return out
}

// Actions lists the action names of a scope, in table order.
func Actions(s Scope) []string {
	var k KeyMap
	var out []string
	for _, e := range k.table()[s] {
		out = append(out, e.action)
	}
	return out
}
