package reply

import (
	"slices"
	"strings"
	"unicode"
)

// Match is a template the picker shows for a query; Positions are the
// matched rune indexes of the name, for highlighting (nil when only the
// text matched).
type Match struct {
	Template  Template
	Score     int
	Positions []int
}

// Rank orders templates by how well query matches: its letters must
// appear in order (not necessarily together) in the name, or failing that
// in the text. Case is ignored, for Cyrillic too, and ё equals е. Runs of
// consecutive letters and matches at word starts score higher. An empty
// query keeps every template in its order.
func Rank(query string, templates []Template) []Match {
	q := fold(strings.Join(strings.Fields(query), ""))
	out := make([]Match, 0, len(templates))
	for _, t := range templates {
		if len(q) == 0 {
			out = append(out, Match{Template: t})
			continue
		}
		if score, pos, ok := subsequence(q, fold(t.Name)); ok {
			out = append(out, Match{Template: t, Score: score + 1000, Positions: pos})
			continue
		}
		if score, _, ok := subsequence(q, fold(t.Text)); ok {
			out = append(out, Match{Template: t, Score: score})
		}
	}
	slices.SortStableFunc(out, func(a, b Match) int { return b.Score - a.Score })
	return out
}

// fold lower-cases and merges ё into е, rune by rune so that positions
// stay those of the original string.
func fold(s string) []rune {
	rs := []rune(s)
	for i, r := range rs {
		r = unicode.ToLower(r)
		if r == 'ё' {
			r = 'е'
		}
		rs[i] = r
	}
	return rs
}

// subsequence matches q in s and scores the match. It first prefers word
// starts; jumping ahead can strand later letters, so when that fails it
// falls back to the leftmost match, which exists whenever any does.
func subsequence(q, s []rune) (int, []int, bool) {
	if score, pos, ok := matchRunes(q, s, true); ok {
		return score, pos, true
	}
	return matchRunes(q, s, false)
}

func matchRunes(q, s []rune, preferStarts bool) (int, []int, bool) {
	pos := make([]int, 0, len(q))
	score, from := 0, 0
	for qi, r := range q {
		at := -1
		for i := from; i < len(s); i++ {
			if s[i] != r {
				continue
			}
			if at < 0 {
				at = i
				if !preferStarts {
					break
				}
			}
			// Consecutive wins; otherwise a later word start beats an
			// earlier mid-word hit ("ос" → "Отклонение Скидки").
			if (qi > 0 && i == from) || wordStart(s, i) {
				at = i
				break
			}
		}
		if at < 0 {
			return 0, nil, false
		}
		score += 10
		if qi > 0 && at == pos[len(pos)-1]+1 {
			score += 15
		}
		if wordStart(s, at) {
			score += 20
		}
		if qi == 0 {
			score -= min(at, 20)
		}
		pos = append(pos, at)
		from = at + 1
	}
	return score, pos, true
}

func wordStart(s []rune, i int) bool {
	return i == 0 || !(unicode.IsLetter(s[i-1]) || unicode.IsDigit(s[i-1]))
}
