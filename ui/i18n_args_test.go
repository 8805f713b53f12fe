package ui_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/sellerinbox/sellerinbox/ui/i18n"
	_ "github.com/sellerinbox/sellerinbox/ui/panes" // registers the panes' messages
)

// verb is one fmt verb of a message ("%s", "%d", "%-5s"); "%%" is not.
var verb = regexp.MustCompile(`%[-+# 0]*[0-9]*(?:\.[0-9]+)?[a-zA-Z]`)

// TestMessagesGetTheirArguments: a message that names a key takes the key
// from its binding as an argument ("press %s to retry"). A call left
// without it shows "%s" on screen, since Get formats only when given
// arguments; one with too many shows "%!(EXTRA …)". Every Get with a
// literal message id in ui and its panes passes as many arguments as the
// message has verbs, in both languages.
func TestMessagesGetTheirArguments(t *testing.T) {
	known := map[string]bool{}
	for _, id := range i18n.IDs(i18n.EN) {
		known[id] = true
	}
	var files []string
	for _, dir := range []string{".", "panes"} {
		m, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	fset := token.NewFileSet()
	calls := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) == 0 || call.Ellipsis.IsValid() {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok || sel.Sel.Name != "Get" {
				return true
			}
			lit, ok := call.Args[0].(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			id, err := strconv.Unquote(lit.Value)
			if err != nil || !known[id] {
				return true
			}
			calls++
			for _, lang := range []i18n.Lang{i18n.EN, i18n.RU} {
				msg := strings.ReplaceAll(i18n.New(lang).Get(id), "%%", "")
				if want, got := len(verb.FindAllString(msg, -1)), len(call.Args)-1; want != got {
					t.Errorf("%s: %s message %q has %d verbs, the call passes %d arguments", fset.Position(call.Pos()), lang, id, want, got)
				}
			}
			return true
		})
	}
	if calls < 100 {
		t.Fatalf("only %d calls checked: the walk missed the sources", calls)
	}
}
