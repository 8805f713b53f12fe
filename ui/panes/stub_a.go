package panes

import "github.com/sellerinbox/sellerinbox/ui"

// Placeholders until the returns and claims panes land; their author
// deletes this file.
func newReturnsPane(env ui.Env, d Deps) ui.Pane { return placeholder(env, ui.PaneReturns) }
func newClaimsPane(env ui.Env, d Deps) ui.Pane  { return placeholder(env, ui.PaneClaims) }
