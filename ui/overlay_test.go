package ui

// Test views of the overlay stack.

func helpOpen(a *App) bool {
	_, ok := find[*helpScreen](&a.over)
	return ok
}

func helpTop(a *App) int {
	if hs, ok := find[*helpScreen](&a.over); ok {
		return hs.top
	}
	return -1
}

func openSearch(a *App) *search {
	s, _ := find[*search](&a.over)
	return s
}

func openSwitcherForm(a *App) *Form {
	if s, ok := find[*switcherOverlay](&a.over); ok {
		return s.form
	}
	return nil
}

func openTemplates(a *App) *tmplManager {
	m, _ := find[*tmplManager](&a.over)
	return m
}
