package photo

// fit returns the pixel size of a w x h image drawn into a box of cols x
// rows cells, keeping the aspect ratio. A terminal cell is about twice as
// tall as wide, so a pixel that takes a whole cell (ASCII) is 2 units tall
// while a half-block pixel (pxPerCell 2) is square.
func fit(w, h, cols, rows, pxPerCell int) (tw, th int) {
	if w <= 0 || h <= 0 || cols <= 0 || rows <= 0 {
		return 0, 0
	}
	pxAspect := 2 / pxPerCell // visual height of one pixel in cell widths
	maxH := rows * pxPerCell
	// The widest image that still fits in height: w/h = tw/(th*pxAspect).
	tw = int((int64(maxH)*int64(pxAspect)*int64(w)*2 + int64(h)) / (2 * int64(h)))
	if tw > cols {
		tw = cols
	}
	tw = max(tw, 1)
	th = int((int64(tw)*int64(h)*2 + int64(w)*int64(pxAspect)) / (2 * int64(w) * int64(pxAspect)))
	th = min(max(th, 1), maxH)
	return tw, th
}
