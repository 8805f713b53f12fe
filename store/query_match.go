package store

import (
	"strings"
	"unicode"
)

// queryTerms are the words of a MatchExpr expression, folded as indexed.
func queryTerms(expr string) []string {
	var out []string
	for _, f := range strings.Fields(expr) {
		out = append(out, strings.TrimSuffix(strings.Trim(strings.TrimSuffix(f, "*"), `"`), `"`))
	}
	return out
}

// passageOf is the passage of text as written (ё kept); when an
// invisible character splits a word there, which the index does not see
// (foldText drops it), the passage of the folded text.
func passageOf(text string, terms []string) (passage, bool) {
	if p, ok := matchPassage(text, terms); ok {
		return p, true
	}
	return matchPassage(foldText(text), terms)
}

// passage is why a text matched: the words around the first match, the
// matched words marked.
type passage struct {
	text  string
	whole bool
}

// passageWords is how many words a passage shows.
const passageWords = 10

// matchPassage finds the terms in text as the index does (each term
// starts a word; case and ё/е do not matter) and returns the passage
// around the first matched word. whole reports that every term is a whole
// word of the text.
func matchPassage(text string, terms []string) (passage, bool) {
	type word struct {
		start, end int
		folded     string
	}
	var words []word
	start := -1
	for i, r := range text + " " {
		inWord := unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
		switch {
		case inWord && start < 0:
			start = i
		case !inWord && start >= 0:
			words = append(words, word{start, i, foldQuery(text[start:i])})
			start = -1
		}
	}
	marked := make([]bool, len(words))
	first := -1
	whole := true
	for _, t := range terms {
		found, exact := false, false
		for i, w := range words {
			if strings.HasPrefix(w.folded, t) {
				found, marked[i] = true, true
				exact = exact || w.folded == t
				if first < 0 || i < first {
					first = i
				}
			}
		}
		if !found {
			return passage{}, false
		}
		whole = whole && exact
	}
	if first < 0 {
		return passage{}, false
	}
	from := max(first-passageWords/3, 0)
	to := min(from+passageWords, len(words))
	var b strings.Builder
	if from > 0 {
		b.WriteString("…")
	}
	pos := words[from].start
	for i := from; i < to; i++ {
		w := words[i]
		b.WriteString(text[pos:w.start])
		if marked[i] {
			b.WriteString(MarkStart + text[w.start:w.end] + MarkEnd)
		} else {
			b.WriteString(text[w.start:w.end])
		}
		pos = w.end
	}
	if to < len(words) {
		b.WriteString("…")
	}
	return passage{text: b.String(), whole: whole}, true
}
