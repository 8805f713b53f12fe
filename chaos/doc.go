// Package chaos holds only tests: the whole app, assembled as the
// sellerinbox command assembles it, driven by a scripted keyboard session
// against a sandbox that fails, stalls, truncates and drops connections,
// then checked for panics, lost or doubled replies, drafts and a responsive
// Update. See chaos_test.go for the knobs.
package chaos
