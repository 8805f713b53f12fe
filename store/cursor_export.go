package store

// A Rows source other than a Store (the UI tests' in-memory stand-in for
// the store) reads the cursors a pane hands back and makes the rows it
// serves through these, so a cursor means the same whatever the pane
// reads: an edge, an item, or the place an item had in an order.

// ID is the item the cursor anchors at; "" at the start or the end.
func (c Cursor) ID() string { return c.id }

// IsStart reports a cursor at the first row (Start).
func (c Cursor) IsStart() bool { return c.edge == edgeStart }

// IsEnd reports a cursor at the last row (End).
func (c Cursor) IsEnd() bool { return c.edge == edgeEnd }

// Place is where the cursor's row stood in the order sort: v is its value
// of that order's sort column (ties go by ID), as the row that made the
// cursor had it. A window anchored at a row that has left the list starts
// at the row that took this place. ok is false for an edge and for At(id),
// which name no place.
func (c Cursor) Place() (sort Sort, v int64, ok bool) {
	if c.edge != 0 || !c.key.ok {
		return 0, 0, false
	}
	return c.key.sort, c.key.v, true
}

// RowAt is r as a window of another source returns it: at list position
// pos of the order sort, where it stands by v in that order's sort column
// (for a stored row, what Place of its Cursor reports).
func RowAt(r Row, pos int, sort Sort, v int64) PaneRow {
	return PaneRow{Row: r, Pos: pos, key: sortKey{sort: sort, v: v, id: r.ID, ok: true}}
}
