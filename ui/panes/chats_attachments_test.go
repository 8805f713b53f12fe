package panes

import (
	"testing"

	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// TestAttachmentCountsAgree: the chat's attachment line never says
// "0 images, 1 files": kinds it has none of are left out and every noun
// agrees with its number, in both languages.
func TestAttachmentCountsAgree(t *testing.T) {
	tests := []struct {
		lang        i18n.Lang
		imgs, files int
		want        string
	}{
		{i18n.EN, 0, 1, "Attachments: 1 file"},
		{i18n.EN, 1, 0, "Attachments: 1 image"},
		{i18n.EN, 2, 3, "Attachments: 2 images, 3 files"},
		{i18n.RU, 0, 1, "Вложения: 1 файл"},
		{i18n.RU, 2, 0, "Вложения: 2 изображения"},
		{i18n.RU, 5, 22, "Вложения: 5 изображений, 22 файла"},
		{i18n.RU, 21, 11, "Вложения: 21 изображение, 11 файлов"},
	}
	for _, tc := range tests {
		tr := i18n.New(tc.lang)
		if got := tr.Get("wbc.media", attachmentCounts(tr, tc.imgs, tc.files)); got != tc.want {
			t.Errorf("%s %d/%d: %q, want %q", tc.lang, tc.imgs, tc.files, got, tc.want)
		}
	}
}
