// Package serve is `sellerinbox serve`: the inbox served over SSH to a
// support team on a jump host. Each SSH session runs its own Bubble Tea
// program (its window size, its colour profile from the client's TERM,
// the agent's language) built by internal/app over one shared store,
// syncer and outbox (app.Team), so the marketplaces see one client and
// the tokens never leave the server.
//
// Agents sign in with a public key listed in an OpenSSH authorized-keys
// file whose comments are their names; their roles come from the config
// ([agents.NAME] role). Nothing else is accepted: no passwords, no
// keyboard-interactive.
package serve
