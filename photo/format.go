package photo

import (
	"bytes"
	"mime"
	"strings"
)

// Format is what the bytes are, whatever the URL or the server says.
type Format int

const (
	FormatUnknown Format = iota
	FormatJPEG
	FormatPNG
	FormatGIF
	FormatWebP
	FormatPDF
	FormatMP4
	FormatWebM
	FormatHEIF // HEIC/AVIF: images we cannot decode
	FormatBMP
	FormatTIFF
)

type formatInfo struct{ name, mime, ext string }

var formats = map[Format]formatInfo{
	FormatUnknown: {"unknown", "application/octet-stream", ".bin"},
	FormatJPEG:    {"JPEG", "image/jpeg", ".jpg"},
	FormatPNG:     {"PNG", "image/png", ".png"},
	FormatGIF:     {"GIF", "image/gif", ".gif"},
	FormatWebP:    {"WebP", "image/webp", ".webp"},
	FormatPDF:     {"PDF", "application/pdf", ".pdf"},
	FormatMP4:     {"MP4", "video/mp4", ".mp4"},
	FormatWebM:    {"WebM", "video/webm", ".webm"},
	FormatHEIF:    {"HEIF", "image/heif", ".heic"},
	FormatBMP:     {"BMP", "image/bmp", ".bmp"},
	FormatTIFF:    {"TIFF", "image/tiff", ".tiff"},
}

func (f Format) String() string      { return formats[f].name }
func (f Format) ContentType() string { return formats[f].mime }

// Ext is the extension files of this format are saved with, dot included.
func (f Format) Ext() string { return formats[f].ext }

// Renderable reports whether the terminal renderers can draw it.
func (f Format) Renderable() bool {
	return f == FormatJPEG || f == FormatPNG || f == FormatGIF || f == FormatWebP
}

// Sniff identifies the format from magic bytes only.
func Sniff(data []byte) Format {
	switch {
	case bytes.HasPrefix(data, []byte{0xFF, 0xD8, 0xFF}):
		return FormatJPEG
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return FormatPNG
	case bytes.HasPrefix(data, []byte("GIF87a")), bytes.HasPrefix(data, []byte("GIF89a")):
		return FormatGIF
	case len(data) >= 12 && string(data[:4]) == "RIFF" && string(data[8:12]) == "WEBP":
		return FormatWebP
	case bytes.HasPrefix(data, []byte("%PDF-")):
		return FormatPDF
	case bytes.HasPrefix(data, []byte{0x1A, 0x45, 0xDF, 0xA3}):
		return FormatWebM
	case bytes.HasPrefix(data, []byte("BM")) && len(data) >= 26:
		return FormatBMP
	case bytes.HasPrefix(data, []byte("II*\x00")), bytes.HasPrefix(data, []byte("MM\x00*")):
		return FormatTIFF
	case len(data) >= 12 && string(data[4:8]) == "ftyp":
		// HEIC and AVIF are ISO media files too; the major brand tells
		// a still image from a video.
		switch string(data[8:12]) {
		case "heic", "heix", "hevc", "heim", "heis", "mif1", "msf1", "avif", "avis":
			return FormatHEIF
		}
		return FormatMP4
	}
	return FormatUnknown
}

// fromContentType maps a media type to a format, for bytes whose magic we
// do not know: it only ever decides which "cannot show" reason to give.
func fromContentType(ct string) Format {
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		mt = strings.ToLower(strings.TrimSpace(ct))
	}
	switch {
	case mt == "application/pdf":
		return FormatPDF
	case mt == "video/webm":
		return FormatWebM
	case strings.HasPrefix(mt, "video/"):
		return FormatMP4
	case mt == "image/heic", mt == "image/heif", mt == "image/avif":
		return FormatHEIF
	}
	return FormatUnknown
}

// Identify is the format the bytes are, with the content type as a hint
// when the magic bytes are unknown; a URL's extension is never consulted.
func Identify(data []byte, contentType string) Format {
	if f := Sniff(data); f != FormatUnknown {
		return f
	}
	return fromContentType(contentType)
}
