package wb

import (
	"errors"

	"github.com/sellerinbox/sellerinbox/api"
)

// ErrAlreadyAnswered is wrapped by the conflict AnswerQuestion and
// AnswerFeedback return when the item already has a different answer,
// most likely a colleague's: sending anyway would replace it and spend the
// one edit Wildberries allows. Check with errors.Is; the way forward is
// the edit, on purpose.
var ErrAlreadyAnswered = errors.New("already answered")

// answeredError is the conflict for an item that has an answer already.
func answeredError(op, format string, args ...any) *api.Error {
	e := fqError(op, api.KindConflict, format, args...)
	e.Err = ErrAlreadyAnswered
	return e
}
