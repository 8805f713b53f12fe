package ui

import (
	"context"
	"errors"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

func keyPress(s string) tea.KeyPressMsg {
	switch s {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "right":
		return tea.KeyPressMsg{Code: tea.KeyRight}
	}
	r := []rune(s)[0]
	return tea.KeyPressMsg{Code: r, Text: s}
}

func TestFormChoicesTextAndValidation(t *testing.T) {
	env := NewEnv(context.Background(), i18n.EN)
	f := NewForm(env, "Filter",
		&Field{ID: "state", Label: "Show", Choices: []Choice{{"Unanswered", "no"}, {"Answered", "yes"}}},
		&Field{ID: "nm", Label: "nmId", Kind: FieldText, Validate: func(s string) error {
			if strings.ContainsAny(s, "abc") {
				return errors.New("digits only")
			}
			return nil
		}},
	)
	steps := []struct {
		key  string
		want FormResult
	}{
		{"right", FormOpen}, {"down", FormOpen}, {"1", FormOpen}, {"a", FormOpen}, {"q", FormOpen},
		{"enter", FormOpen}, // invalid: stays open with the error
	}
	for _, s := range steps {
		if got, _ := f.Update(keyPress(s.key)); got != s.want {
			t.Fatalf("%s: %v", s.key, got)
		}
	}
	if f.Value("state") != "yes" || f.Value("nm") != "1aq" {
		t.Fatalf("values %q %q", f.Value("state"), f.Value("nm"))
	}
	if v := f.View(80); !strings.Contains(v, "digits only") || !strings.Contains(v, "Answered") {
		t.Errorf("view:\n%s", v)
	}
	f.SetValue("nm", "12345")
	if got, _ := f.Update(keyPress("enter")); got != FormApplied || f.Value("nm") != "12345" {
		t.Errorf("apply: %v %q", got, f.Value("nm"))
	}
	if got, _ := f.Update(keyPress("esc")); got != FormCanceled {
		t.Errorf("esc: %v", got)
	}
}

// TestFormWordsStartingWithHOrLStayText: in a dialog that takes a comment,
// a comment that starts with h or l ("hello", "looks broken") goes into
// the comment and leaves the chosen action alone; only the arrows move it.
func TestFormWordsStartingWithHOrLStayText(t *testing.T) {
	env := NewEnv(context.Background(), i18n.EN)
	for _, word := range []string{"hello", "looks broken"} {
		f := NewForm(env, "Claim",
			&Field{ID: "action", Label: "Action", Choices: []Choice{{"Reject with your comment", "rejectcustom"}, {"Approve", "approve1"}}},
			&Field{ID: "comment", Label: "Comment", Kind: FieldText},
		)
		f.TextTo = "comment"
		for _, r := range word {
			f.Update(keyPress(string(r)))
		}
		if f.Value("action") != "rejectcustom" || f.Value("comment") != word {
			t.Errorf("typing %q: action %q, comment %q", word, f.Value("action"), f.Value("comment"))
		}
		f.setFocus(0)
		f.Update(keyPress("right"))
		if f.Value("action") != "approve1" {
			t.Errorf("the arrow no longer moves the choice: %q", f.Value("action"))
		}
	}
	// A dialog without a comment keeps h/l as the choice keys.
	f := NewForm(env, "Filter", &Field{ID: "state", Label: "Show", Choices: []Choice{{"Unanswered", "no"}, {"Answered", "yes"}}})
	f.Update(keyPress("l"))
	if f.Value("state") != "yes" {
		t.Errorf("l in a dialog without text: %q", f.Value("state"))
	}
}
