package models

import "testing"

func TestKindsAndPanesMapOneToOne(t *testing.T) {
	if len(Kinds) != len(Panes) {
		t.Fatalf("%d kinds, %d panes", len(Kinds), len(Panes))
	}
	for i, k := range Kinds {
		p := k.Pane()
		if p != Panes[i] || p.Kind() != k {
			t.Errorf("%s → %s → %s; want the pane at %d (%s) and back", k, p, p.Kind(), i, Panes[i])
		}
		want := Wildberries
		if k == KindReturn {
			want = YandexMarket
		}
		if k.Marketplace() != want {
			t.Errorf("%s comes from %s, want %s", k, k.Marketplace(), want)
		}
	}
	if PaneInbox.Kind() != Kind(PaneInbox) {
		t.Errorf("the inbox lists every kind, not %s", PaneInbox.Kind())
	}
}
