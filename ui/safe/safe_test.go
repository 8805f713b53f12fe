package safe

import (
	"strings"
	"testing"
	"unicode/utf8"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// hostile mirrors the sandbox's hostile buyer texts plus a few forms the
// sandbox does not generate (raw 8-bit C1, unterminated strings).
var hostile = []struct {
	name, in, line, text string
}{
	{"osc0 title", "Товар пришёл \x1b]0;HACKED TITLE\x07сломанный", "Товар пришёл сломанный", "Товар пришёл сломанный"},
	{"csi clear", "Верните деньги\x1b[2J\x1b[H — экран очищен?", "Верните деньги — экран очищен?", "Верните деньги — экран очищен?"},
	{"osc52 clipboard", "Скопируйте: \x1b]52;c;cm0gLXJmIH4vKg==\x07 спасибо", "Скопируйте: спасибо", "Скопируйте:  спасибо"},
	{"osc8 link", "Ссылка \x1b]8;;https://evil.example/\x1b\\нажми\x1b]8;;\x1b\\ сюда", "Ссылка нажми сюда", "Ссылка нажми сюда"},
	{"dcs and c1", "DCS \x1bP1$qm\x1b\\ и C1 \u009b31m красный \u0085 конец", "DCS и C1 красный конец", "DCS  и C1  красный  конец"},
	{"raw 8-bit csi", "a\x9b2Jb", "ab", "ab"},
	{"raw 8-bit osc to BEL", "a\x9d0;t\x07b", "ab", "ab"},
	{"c1 st ends dcs", "a\u0090payload\u009cb", "ab", "ab"},
	{"apc pm sos", "a\x1b_apc\x1b\\b\x1b^pm\x1b\\c\x1bXsos\x1b\\d", "abcd", "abcd"},
	{"unterminated osc", "ok\x1b]52;c;AAAA", "ok", "ok"},
	{"bare esc at end", "ok\x1b", "ok", "ok"},
	{"esc charset", "a\x1b(Bb\x1bcc", "abc", "abc"},
	{"bidi", "Двунаправленный \u202eтекст\u202c и \u2066изоляция\u2069", "Двунаправленный текст и изоляция", "Двунаправленный текст и изоляция"},
	{"invalid utf8", "Неверный UTF-8: \xff\xfe\xc3\x28 конец", "Неверный UTF-8: \ufffd\ufffd\ufffd( конец", "Неверный UTF-8: \ufffd\ufffd\ufffd( конец"},
	{"controls", "\t\tтабуляция\rвозврат каретки\bзабой\x00нуль\x7f", "табуляция возврат кареткизабойнуль", "        табуляция\nвозврат кареткизабойнуль"},
	{"crlf", "a\r\nb\n\nc", "a b c", "a\nb\n\nc"},
	{"zwj family first emoji", "Семья 👨\u200d👩\u200d👧\u200d👦 и флаг 🇷🇺", "Семья 👨 и флаг RU", "Семья 👨 и флаг RU"},
	{"skin tone and vs16", "👍\U0001F3FD ❤\ufe0f ⚠\ufe0f 🏳\ufe0f\u200d🌈 👩\U0001F3FD\u200d💻", "👍 ❤ ⚠ 🏳 👩", "👍 ❤ ⚠ 🏳 👩"},
	{"tag flag", "🏴\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F!", "🏴!", "🏴!"},
	{"zero width", "сло\u200bво\u200c \u200d\u200e\u200fи\u2060\u2061\ufeffещё\u00ad", "слово иещё", "слово иещё"},
	{"zwj between letters", "a\u200db", "ab", "ab"},
	{"combining kept", "й (и\u0306)", "й (и\u0306)", "й (и\u0306)"},
	{"zalgo capped", "A" + strings.Repeat("\u0301", 50), "A" + strings.Repeat("\u0301", maxMarks), "A" + strings.Repeat("\u0301", maxMarks)},
	{"red name", "\x1b[31mКрасный\x1b[0m Покупатель", "Красный Покупатель", "Красный Покупатель"},
	{"plain ascii", "plain text", "plain text", "plain text"},
	{"spaces collapse", "  a   b  ", "a b", "  a   b  "},
}

func TestLineText(t *testing.T) {
	for _, tc := range hostile {
		t.Run(tc.name, func(t *testing.T) {
			if got := Line(tc.in); got != tc.line {
				t.Errorf("Line = %q, want %q", got, tc.line)
			}
			if got := Text(tc.in); got != tc.text {
				t.Errorf("Text = %q, want %q", got, tc.text)
			}
			assertInert(t, Line(tc.in), false)
			assertInert(t, Text(tc.in), true)
		})
	}
}

func TestTruncate(t *testing.T) {
	tests := []struct {
		in    string
		width int
		want  string
	}{
		{"Кабель USB-C", 20, "Кабель USB-C"},
		{"Кабель USB-C", 8, "Кабель …"},
		{"Кабель USB-C", 1, "…"},
		{"Кабель USB-C", 0, ""},
		{"Кабель USB-C", -3, ""},
		{"中文字符", 5, "中文…"},                                         // a wide char never straddles the edge
		{"👨\u200d👩\u200d👧\u200d👦👨\u200d👩\u200d👧\u200d👦x", 4, "👨…"}, // a ZWJ family keeps its first emoji
		{"a\x1b]0;t\x07bc", 2, "a…"},
		{"строка\nвторая", 40, "строка вторая"},
	}
	for _, tc := range tests {
		got := Truncate(tc.in, tc.width)
		if got != tc.want {
			t.Errorf("Truncate(%q, %d) = %q, want %q", tc.in, tc.width, got, tc.want)
		}
		if w := lipgloss.Width(got); w > max(tc.width, 0) {
			t.Errorf("Truncate(%q, %d) width %d", tc.in, tc.width, w)
		}
	}
}

func TestWidths(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"Возврат", 7},
		{"ёЁ", 2},
		{"中", 2},
		{"👍", 2},
		{"👨\u200d👩\u200d👧\u200d👦", 2},
		{"🇷🇺", 2},
		{"и\u0306", 1},
	}
	for _, tc := range tests {
		if got := Width(tc.in); got != tc.want {
			t.Errorf("Width(%q) = %d, want %d", tc.in, got, tc.want)
		}
	}
}

func TestPad(t *testing.T) {
	if got := Pad("Чай", 6); got != "Чай   " {
		t.Errorf("Pad = %q", got)
	}
	if got := Pad("Чай зелёный", 6); got != "Чай з…" {
		t.Errorf("Pad = %q", got)
	}
}

func TestWrap(t *testing.T) {
	long := strings.Repeat("Очень длинная строка без переносов ", 290)
	out := Wrap(long+"\x1b[2J\n"+strings.Repeat("ж", 10000), 37)
	for i, l := range strings.Split(out, "\n") {
		if w := lipgloss.Width(l); w > 37 {
			t.Fatalf("line %d width %d > 37", i, w)
		}
	}
	assertInert(t, out, true)
	if got := Wrap("один два три", 8); got != "один два\nтри" {
		t.Errorf("Wrap = %q", got)
	}
	if got := Wrap("中文", 1); got != "中\n文" {
		t.Errorf("Wrap narrow = %q", got)
	}
}

func TestLongLineIsLinear(t *testing.T) {
	// Hostile lines must not blow up: an unterminated OSC followed by text
	// would be quadratic with a naive rescan. The cost of a line ten times
	// longer is compared with the short one's (a ratio, so a loaded or
	// race-instrumented machine does not matter): linear is about 10×,
	// quadratic about 100×.
	line := func(n int) string {
		return strings.Repeat("\x1b[31mкрасный\x1b[0m ", n/10) + "\x1b]" + strings.Repeat("x", n)
	}
	cost := func(in string) int64 {
		best := int64(0)
		for range 2 {
			res := testing.Benchmark(func(b *testing.B) {
				for b.Loop() {
					_ = Line(in)
				}
			})
			if per := res.NsPerOp(); best == 0 || per < best {
				best = per
			}
		}
		return best
	}
	short, long := cost(line(2000)), cost(line(20000))
	if ratio := float64(long) / float64(short); ratio > 30 {
		t.Errorf("a 10× longer line costs %.0f× more (%d ns against %d ns): not linear", ratio, long, short)
	}
	in := line(10000)
	if got := Line(in); strings.Contains(got, "x") || !strings.HasPrefix(got, "красный красный") {
		t.Errorf("unexpected %q...", got[:min(len(got), 40)])
	}
}

// assertInert checks the sanitizer's promise: nothing a terminal would
// interpret, valid UTF-8.
func assertInert(t *testing.T, s string, multiline bool) {
	t.Helper()
	if !utf8.ValidString(s) {
		t.Fatalf("invalid UTF-8: %q", s)
	}
	for _, r := range s {
		switch {
		case r == '\n' && multiline:
		case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
			t.Fatalf("control %U in %q", r, s)
		case Ignorable(r):
			t.Fatalf("invisible %U in %q", r, s)
		}
	}
}

// TestClustersDrawnAsMeasured: after sanitizing, every cluster is as wide
// to lipgloss (grapheme width, which lays the columns out) as to a
// terminal that adds up wcwidth per code point (tmux 3.3 and others):
// otherwise a row overruns the separator by the difference.
func TestClustersDrawnAsMeasured(t *testing.T) {
	in := []string{
		"Семья 👨\u200d👩\u200d👧\u200d👦 пишет", "👩\u200d❤\ufe0f\u200d💋\u200d👨", "🧑\U0001F3FF\u200d🤝\u200d🧑\U0001F3FB", "🐻\u200d❄\ufe0f", "❤\ufe0f\u200d🔥",
		"Флаги 🇷🇺🇰🇿🇧🇾 и 🇺", "🏴\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F",
		"👍\U0001F3FD👋\U0001F3FF", "⚠\ufe0f ☺\ufe0f ✔\ufe0f ©\ufe0f ™\ufe0f ↔\ufe0f", "1\ufe0f\u20e3 #\ufe0f\u20e3 *\ufe0f\u20e3",
		"Ёжик, й (и\u0306), е\u0301\u0301", "中文 ｱｲｳ", "a\u200bb\u200dc",
	}
	for _, s := range in {
		for _, out := range []string{Line(s), Text(s), Truncate(s, 7), Wrap(s, 5)} {
			for _, l := range strings.Split(out, "\n") {
				if g, wc := ansi.StringWidth(l), ansi.StringWidthWc(l); g != wc {
					t.Errorf("%q → %q: grapheme width %d, wcwidth %d", s, l, g, wc)
				}
			}
		}
	}
}
