package keys

// Support staff in Russia type with the ЙЦУКЕН layout switched on half the
// time; without the Kitty keyboard protocol the terminal then sends "о"
// for the j key. Every single-letter binding therefore also answers to the
// letter on the same physical key. The map is one-to-one, so aliases never
// create conflicts the Latin bindings do not already have.
var jcuken = map[rune]rune{
	'q': 'й', 'w': 'ц', 'e': 'у', 'r': 'к', 't': 'е', 'y': 'н', 'u': 'г', 'i': 'ш', 'o': 'щ', 'p': 'з', '[': 'х', ']': 'ъ',
	'a': 'ф', 's': 'ы', 'd': 'в', 'f': 'а', 'g': 'п', 'h': 'р', 'j': 'о', 'k': 'л', 'l': 'д', ';': 'ж', '\'': 'э',
	'z': 'я', 'x': 'ч', 'c': 'с', 'v': 'м', 'b': 'и', 'n': 'т', 'm': 'ь', ',': 'б', '.': 'ю', '`': 'ё',
	'Q': 'Й', 'W': 'Ц', 'E': 'У', 'R': 'К', 'T': 'Е', 'Y': 'Н', 'U': 'Г', 'I': 'Ш', 'O': 'Щ', 'P': 'З', '{': 'Х', '}': 'Ъ',
	'A': 'Ф', 'S': 'Ы', 'D': 'В', 'F': 'А', 'G': 'П', 'H': 'Р', 'J': 'О', 'K': 'Л', 'L': 'Д', ':': 'Ж', '"': 'Э',
	'Z': 'Я', 'X': 'Ч', 'C': 'С', 'V': 'М', 'B': 'И', 'N': 'Т', 'M': 'Ь', '<': 'Б', '>': 'Ю', '~': 'Ё',
}

// withLayoutAliases returns ks plus the ЙЦУКЕН letter of every
// single-character key that has one. Modified keys (ctrl+…) are left
// alone: terminals report them by the Latin key already.
func withLayoutAliases(ks []string) []string {
	out := append([]string(nil), ks...)
	for _, k := range ks {
		r := []rune(k)
		if len(r) != 1 {
			continue
		}
		if alias, ok := jcuken[r[0]]; ok {
			out = append(out, string(alias))
		}
	}
	return out
}
