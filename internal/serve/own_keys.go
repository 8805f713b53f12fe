package serve

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	gossh "golang.org/x/crypto/ssh"
)

// OwnKeys is an authorized-keys text of the keys of the user running the
// server (~/.ssh/authorized_keys and ~/.ssh/id_*.pub under home), each
// named by its comment or else by user: what `serve --demo` admits when
// no agents file exists, so that `ssh -p 2222 localhost` just works.
func OwnKeys(home, user string) ([]byte, error) {
	files, _ := filepath.Glob(filepath.Join(home, ".ssh", "id_*.pub"))
	files = append([]string{filepath.Join(home, ".ssh", "authorized_keys")}, files...)
	var out bytes.Buffer
	seen := map[string]bool{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		for rest := data; len(bytes.TrimSpace(rest)) > 0; {
			key, comment, _, next, err := gossh.ParseAuthorizedKey(rest)
			if err != nil {
				break // what follows is not a key; the keys before it count
			}
			rest = next
			if seen[string(key.Marshal())] {
				continue
			}
			seen[string(key.Marshal())] = true
			name := strings.TrimSpace(comment)
			if name == "" {
				name = user
			}
			out.Write(bytes.TrimSpace(gossh.MarshalAuthorizedKey(key)))
			out.WriteString(" " + name + "\n")
		}
	}
	if out.Len() == 0 {
		return nil, errors.New("no SSH keys in " + filepath.Join(home, ".ssh") + ": create one with ssh-keygen -t ed25519")
	}
	return out.Bytes(), nil
}

// CheckAuthorizedKeys reports the first problem of an authorized-keys
// text, for the command to refuse to start with it.
func CheckAuthorizedKeys(data []byte) (agents int, err error) {
	list, err := parseAuthorizedKeys(data)
	return len(list), err
}

// DemoAgentKey is the demo's own agent key for a machine with no SSH keys
// of its user (a fresh container): a private key at path, created with
// mode 0600 like the host key, for `ssh -i path`; it returns the key's
// authorized-keys line, for the agent "demo".
func DemoAgentKey(path string) ([]byte, error) {
	pem, err := HostKey(path)
	if err != nil {
		return nil, err
	}
	signer, err := gossh.ParsePrivateKey(pem)
	if err != nil {
		return nil, err
	}
	return append(bytes.TrimSpace(gossh.MarshalAuthorizedKey(signer.PublicKey())), []byte(" demo\n")...), nil
}
