package app

import (
	"slices"

	"github.com/sellerinbox/sellerinbox/sandbox"
)

// DemoProfiles are the profiles the demo offers in the P switcher: the
// same sandbox started from another seed, so that switching profiles can
// be tried without an account.
var DemoProfiles = []string{"demo", "demo-2"}

// demoProfile is the demo profile asked for, the first for anything else
// (a real profile's name must never name demo data).
func demoProfile(asked string) string {
	if slices.Contains(DemoProfiles, asked) {
		return asked
	}
	return DemoProfiles[0]
}

// demoSandboxOptions seeds each demo profile differently: the first with
// the seed given (--seed), the next ones with the seeds after it.
func demoSandboxOptions(o sandbox.Options, profile string) sandbox.Options {
	if o.Seed == 0 {
		o.Seed = 1
	}
	o.Seed += uint64(slices.Index(DemoProfiles, profile))
	return o
}
