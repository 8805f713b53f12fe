package cli

import (
	"fmt"
	"io"
)

// explainWBTokenTypes tells which kind of WB token to issue. The token
// itself does not say its type; the services' rate-limit headers do, and
// the transport follows them (NOTES.md, "Checked 2026-12").
func explainWBTokenTypes(w io.Writer) {
	fmt.Fprint(w, `Wildberries issues four types of API token:
  personal  for software that runs on your own computer, like sellerinbox; WB recommends this type here
  service   for services run by a third party on your behalf
  basic     limits far below the others (questions and feedbacks: 5 requests per hour instead of 3 per second;
            chats and returns: 1 per hour), so panes refresh slowly
  test      for WB's test environment only, not for real buyers
sellerinbox follows the limits the service announces for your token; `+"`sellerinbox status`"+` shows them.
`)
}
