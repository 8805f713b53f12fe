package ui

import "github.com/sellerinbox/sellerinbox/store"

// ProfileStore is another profile's local store, opened read-only so the
// inbox can show what awaits the seller there too.
type ProfileStore struct {
	Name  string
	Store *store.Store
}

// SwitchProfileMsg asks the app to reopen everything for another profile
// (as the P switcher does) and, when Jump is set, to jump to that item
// once the new profile's panes are up.
type SwitchProfileMsg struct {
	Profile string
	Jump    *JumpMsg
}
