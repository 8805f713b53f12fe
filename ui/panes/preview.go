package panes

import (
	"context"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/ui"
)

// preview is a pane's photo preview of the selected item: p [ ] o s, and
// what the detail column shows — the open action, else the preview, else
// the item.
type preview struct {
	env    ui.Env
	photos *ui.PhotoView
	// item is the item the preview was last given.
	item string
}

func newPreview(env ui.Env, pane ui.PaneID) *preview {
	return &preview{env: env, photos: ui.NewPhotoView(env, pane, env.Photos)}
}

// on reports whether photo previews are on.
func (v *preview) on() bool { return v.env.Photos.Previewer != nil }

// key handles the preview keys in normal mode: p [ ] o s, and esc while
// the preview is shown (it closes the preview rather than leaving the
// detail). size is the detail column the preview renders into.
func (v *preview) key(k tea.KeyPressMsg, size func() (int, int)) (tea.Cmd, bool) {
	if !v.on() {
		return nil, false
	}
	if v.photos.On() && key.Matches(k, v.env.Keys.List.Back) {
		v.photos.Close()
		return nil, true
	}
	cmd, ok := v.photos.Keys(k)
	if !ok {
		return nil, false
	}
	// a preview just switched on renders at the column's size
	return tea.Batch(cmd, v.photos.Resize(size())), true
}

// follow hands the preview the selected item's media when the selection
// moved to another item (selected: there is one, named itemKey) or its
// media changed; media is read only then.
func (v *preview) follow(selected bool, itemKey string, changed bool, media func() []ui.Media) tea.Cmd {
	if !selected {
		itemKey = ""
	}
	if itemKey == v.item && !changed {
		return nil
	}
	if !selected {
		return v.set("", nil)
	}
	return v.set(itemKey, media())
}

// set hands the preview the selected item's media; the same item only
// updates the list (a chat's conversation grows).
func (v *preview) set(itemKey string, media []ui.Media) tea.Cmd {
	v.item = itemKey
	return v.photos.SetItem(itemKey, media)
}

// mediaHint names the preview keys after a media count; "" when previews
// are off.
func (v *preview) mediaHint() string {
	if !v.on() {
		return ""
	}
	r := v.env.Keys.Reply
	return v.env.Tr.Get("act.media_hint", r.Photo.Help().Key, r.PrevPhoto.Help().Key+" "+r.NextPhoto.Help().Key,
		r.Open.Help().Key, r.Save.Help().Key)
}

// browseHint is mediaHint as the returns and claims details word it:
// "p preview · [ ] browse · o open · s save".
func (v *preview) browseHint() string {
	if !v.on() {
		return ""
	}
	r := v.env.Keys.Reply
	return v.env.Tr.Get("rc.media_hint", r.Photo.Help().Key, r.PrevPhoto.Help().Key, r.NextPhoto.Help().Key,
		r.Open.Help().Key, r.Save.Help().Key)
}

// cdnFetch downloads one linked file (feedback photos and videos, chat
// images); FetchURL never sends the token to those hosts, and the photo
// layer bounds size and time.
func cdnFetch(t *api.Transport, u string) func(ctx context.Context) ([]byte, string, error) {
	return func(ctx context.Context) ([]byte, string, error) {
		resp, err := t.FetchURL(ctx, u, 0)
		if err != nil {
			return nil, "", err
		}
		return resp.Body, resp.ContentType(), nil
	}
}
