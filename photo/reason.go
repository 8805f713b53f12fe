package photo

import (
	"errors"
	"strings"
)

// Reason says in one line why a photo cannot be shown, opened or saved.
// The UI shows String() or Russian(); Code() is stable for logs and tests.
type Reason int

const (
	ReasonNone Reason = iota
	ReasonEmpty
	ReasonTooLarge
	ReasonTooManyPixels
	ReasonBadSize
	ReasonTruncated
	ReasonCorrupt
	ReasonUnsupported
	ReasonUnsupportedImage
	ReasonPDF
	ReasonVideo
	ReasonTimeout
	ReasonCanceled
	ReasonFetch
	ReasonNoRoom
	ReasonNoDisplay
	ReasonNoOpener
	ReasonOpenFailed
	ReasonSaveFailed
	ReasonTooMuchMemory
	ReasonNotImage
)

type reasonText struct{ code, en, ru string }

var reasonTexts = map[Reason]reasonText{
	ReasonNone:             {"none", "no error", "нет ошибки"},
	ReasonEmpty:            {"empty", "the file is empty", "файл пуст"},
	ReasonTooLarge:         {"too-large", "the file is larger than 50 MB", "файл больше 50 МБ"},
	ReasonTooManyPixels:    {"too-many-pixels", "the image is larger than 64 megapixels", "изображение больше 64 мегапикселей"},
	ReasonBadSize:          {"bad-size", "the image claims an impossible size", "у изображения невозможный размер"},
	ReasonTruncated:        {"truncated", "the image is cut short (incomplete download?)", "изображение обрезано (файл загружен не полностью?)"},
	ReasonCorrupt:          {"corrupt", "the image data is damaged", "данные изображения повреждены"},
	ReasonUnsupported:      {"unsupported", "this file format is not supported", "этот формат файла не поддерживается"},
	ReasonUnsupportedImage: {"unsupported-image", "this image format cannot be shown in the terminal: open or save it", "этот формат изображения нельзя показать в терминале: откройте или сохраните файл"},
	ReasonPDF:              {"pdf", "this is a PDF document, not an image: open or save it", "это PDF-документ, а не изображение: откройте или сохраните его"},
	ReasonVideo:            {"video", "this is a video, not an image: open or save it", "это видео, а не изображение: откройте или сохраните его"},
	ReasonTimeout:          {"timeout", "the photo took too long to download", "фото загружалось слишком долго"},
	ReasonCanceled:         {"canceled", "loading the photo was canceled", "загрузка фото отменена"},
	ReasonFetch:            {"fetch", "the photo could not be downloaded", "не удалось загрузить фото"},
	ReasonNoRoom:           {"no-room", "there is no room to draw the photo", "нет места, чтобы показать фото"},
	ReasonNoDisplay:        {"no-display", "there is no graphical display (SSH?): the file was saved instead", "нет графического дисплея (SSH?): файл сохранён"},
	ReasonNoOpener:         {"no-opener", "no program to open the file was found: the file was saved instead", "не найдена программа, чтобы открыть файл: файл сохранён"},
	ReasonOpenFailed:       {"open-failed", "the file could not be opened", "не удалось открыть файл"},
	ReasonSaveFailed:       {"save-failed", "the file could not be saved", "не удалось сохранить файл"},
	ReasonNotImage:         {"not-image", "this file is not an image: open or save it", "этот файл не изображение: откройте или сохраните его"},
	ReasonTooMuchMemory:    {"too-much-memory", "the image would take more than 128 MB of memory to show: open or save it", "для показа изображения нужно больше 128 МБ памяти: откройте или сохраните его"},
}

func (r Reason) text() reasonText {
	if t, ok := reasonTexts[r]; ok {
		return t
	}
	return reasonText{"unknown", "unknown photo error", "неизвестная ошибка фото"}
}

// String is the English sentence.
func (r Reason) String() string { return r.text().en }

// Russian is the same sentence in Russian.
func (r Reason) Russian() string { return r.text().ru }

// Code is a stable kebab-case identifier.
func (r Reason) Code() string { return r.text().code }

// Error is every failure of this package. Err keeps the cause (a decoder
// message, an *api.Error from a fetch, an *os.PathError) for errors.As.
type Error struct {
	Reason Reason
	Err    error
}

// Error is one line. Decoder messages are left out: they are jargon
// ("invalid JPEG format: missing SOI marker") and the reason says it better;
// causes that tell the user something (a download or disk failure) are kept.
func (e *Error) Error() string {
	s := e.Reason.String()
	switch e.Reason {
	case ReasonFetch, ReasonOpenFailed, ReasonSaveFailed, ReasonNoOpener, ReasonTooMuchMemory:
		if e.Err != nil {
			s += ": " + oneLine(e.Err.Error())
		}
	}
	return s
}

func (e *Error) Unwrap() error { return e.Err }

// ReasonOf extracts the Reason from an error chain; ReasonNone when err is
// nil or not from this package.
func ReasonOf(err error) Reason {
	var e *Error
	if errors.As(err, &e) {
		return e.Reason
	}
	return ReasonNone
}

func fail(r Reason, err error) *Error { return &Error{Reason: r, Err: err} }

// oneLine keeps an error message on the status bar's single line.
func oneLine(s string) string {
	s = strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' || r == '\t' {
			return ' '
		}
		return r
	}, s)
	return strings.TrimSpace(s)
}
