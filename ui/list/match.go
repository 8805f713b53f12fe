package list

import (
	"bytes"
	"strings"
)

// Scores. A substring hit always outranks a scattered (fuzzy) one; within
// each kind, hits at word starts and longer consecutive runs rank higher.
// maxScore bounds the counting sort in rank.
const (
	scoreSubstring = 100
	bonusStart     = 30 // the key starts with the query
	bonusWordStart = 20 // the hit starts a word
	bonusRun       = 4  // fuzzy: this letter follows the previous one
	bonusFuzzyWord = 3  // fuzzy: this letter starts a word
	maxScore       = 255
)

// score reports whether q matches key and how well. q is non-empty.
func score(key, q []byte) (int, bool) {
	if i := bytes.Index(key, q); i >= 0 {
		s := scoreSubstring + min(len(q), 60)
		switch {
		case i == 0:
			s += bonusStart
		case isBoundary(key[i-1]):
			s += bonusWordStart
		}
		return s, true
	}
	s, pos, prev := 0, 0, -2
	for _, c := range q {
		j := bytes.IndexByte(key[pos:], c)
		if j < 0 {
			return 0, false
		}
		j += pos
		if j == prev+1 {
			s += bonusRun
		}
		if j == 0 || isBoundary(key[j-1]) {
			s += bonusFuzzyWord
		}
		prev, pos = j, j+1
	}
	return min(s, scoreSubstring-1), true
}

// matchSlow handles queries outside the folding alphabet (emoji, CJK,
// Latin with diacritics): exact case-insensitive substring search on the
// item's own text. It is slow but such queries are rare.
func matchSlow(text, lowerQuery string) (int, bool) {
	i := strings.Index(strings.ToLower(dropIgnorable(text)), dropIgnorable(lowerQuery))
	if i < 0 {
		return 0, false
	}
	if i == 0 {
		return scoreSubstring + bonusStart, true
	}
	return scoreSubstring, true
}

// ranker turns (index, score) pairs collected in index order into a
// ranking by score, ties by index, with a counting sort: linear, and
// stable for free because the input is in index order.
type ranker struct {
	idx    []int32
	scores []uint8
	counts [maxScore + 1]int
}

func (r *ranker) reset() { r.idx, r.scores = r.idx[:0], r.scores[:0] }

func (r *ranker) add(i int, s int) {
	r.idx = append(r.idx, int32(i))
	r.scores = append(r.scores, uint8(min(s, maxScore)))
}

// rank writes the ranking into dst (reused) and returns it.
func (r *ranker) rank(dst []int32) []int32 {
	clear(r.counts[:])
	for _, s := range r.scores {
		r.counts[s]++
	}
	// start offset of each score, highest score first
	pos := 0
	for s := maxScore; s >= 0; s-- {
		n := r.counts[s]
		r.counts[s] = pos
		pos += n
	}
	if cap(dst) < len(r.idx) {
		dst = make([]int32, len(r.idx))
	}
	dst = dst[:len(r.idx)]
	for k, i := range r.idx {
		s := r.scores[k]
		dst[r.counts[s]] = i
		r.counts[s]++
	}
	return dst
}
