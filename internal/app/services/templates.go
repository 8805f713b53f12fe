package services

import "time"

// templatesEvery is how often templates kept in the team's store are read
// again.
var templatesEvery = 5 * time.Second

// templatesLoop reads the team's templates again until the services stop,
// so that a lead's edit on one machine reaches the pickers on the others.
func (sv *Services) templatesLoop() {
	for sleep(sv.ctx, templatesEvery) {
		if changed, err := sv.tpl.Reload(); err != nil {
			sv.log.Warn("templates: the team's templates cannot be read again; keeping these", "err", err)
		} else if changed {
			sv.log.Info("templates: changed in the team's store")
		}
	}
}
