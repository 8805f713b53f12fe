package api

import (
	"strings"
	"testing"
)

func TestReadEnvSeveralWBTokens(t *testing.T) {
	cases := []struct {
		name string
		v    string
		want []string
		err  string
	}{
		{"unset", "", nil, ""},
		{"one", " tok-feedbacks-1 ", []string{"tok-feedbacks-1"}, ""},
		{"three, spaces and Bearer", "tok-a-0001, Bearer tok-b-0002 ,tok-c-0003", []string{"tok-a-0001", "tok-b-0002", "tok-c-0003"}, ""},
		{"blanks and repeats dropped", ",tok-a-0001,,tok-a-0001, ,tok-b-0002,", []string{"tok-a-0001", "tok-b-0002"}, ""},
		{"four is too many", "tok-a-0001,tok-b-0002,tok-c-0003,tok-d-0004", nil, "holds 4 tokens; at most 3"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e, err := ReadEnv(func(k string) string {
				if k == EnvWBToken {
					return c.v
				}
				return ""
			})
			if c.err != "" {
				if err == nil || !strings.Contains(err.Error(), c.err) {
					t.Fatalf("err = %v, want %q", err, c.err)
				}
				for _, tok := range strings.Split(c.v, ",") {
					if strings.Contains(err.Error(), tok) {
						t.Fatalf("the error quotes a token (masked %s)", NewSecret(tok).Mask())
					}
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, s := range e.WBTokens {
				got = append(got, s.Reveal())
			}
			if strings.Join(got, "|") != strings.Join(c.want, "|") {
				t.Fatalf("got %d tokens, want %d (masked: %v)", len(got), len(c.want), e.WBTokens)
			}
		})
	}
}
