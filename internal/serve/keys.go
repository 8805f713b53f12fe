package serve

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	gossh "golang.org/x/crypto/ssh"
)

// HostKey returns the PEM of the server's host key at path, creating an
// Ed25519 key there with mode 0600 on first start. An existing key that
// others can read is refused, as OpenSSH refuses one.
func HostKey(path string) ([]byte, error) {
	data, err := os.ReadFile(path)
	switch {
	case err == nil:
		fi, err := os.Stat(path)
		if err != nil {
			return nil, err
		}
		if fi.Mode().Perm()&0o077 != 0 {
			return nil, fmt.Errorf("host key %s can be read by others (mode %o): run chmod 600 %s", path, fi.Mode().Perm(), path)
		}
		if _, err := gossh.ParsePrivateKey(data); err != nil {
			return nil, fmt.Errorf("host key %s: %w", path, err)
		}
		return data, nil
	case !errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("host key: %w", err)
	}
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, err
	}
	block, err := gossh.MarshalPrivateKey(priv, "sellerinbox serve host key")
	if err != nil {
		return nil, err
	}
	data = pem.EncodeToMemory(block)
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("host key: %w", err)
	}
	// O_EXCL: two servers starting at once must not both write a key
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, fmt.Errorf("host key: %w", err)
	}
	if _, err := f.Write(data); err != nil {
		_ = f.Close()
		_ = os.Remove(path)
		return nil, fmt.Errorf("host key: %w", err)
	}
	if err := f.Close(); err != nil {
		return nil, fmt.Errorf("host key: %w", err)
	}
	return data, nil
}

// authorized is one key of the authorized-keys file and its agent.
type authorized struct {
	key  gossh.PublicKey
	name string
}

// parseAuthorizedKeys reads an OpenSSH authorized-keys file: each key's
// comment is its agent's name. A key without a name cannot be told
// apart in the team, so it is an error, as is a line that is not a key.
func parseAuthorizedKeys(data []byte) ([]authorized, error) {
	var out []authorized
	line := 0
	for len(bytes.TrimSpace(data)) > 0 {
		line++
		next := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			next, data = data[:i], data[i+1:]
		} else {
			data = nil
		}
		next = bytes.TrimSpace(next)
		if len(next) == 0 || next[0] == '#' {
			continue
		}
		key, comment, _, _, err := gossh.ParseAuthorizedKey(next)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		if comment == "" {
			return nil, fmt.Errorf("line %d: the key has no comment: the comment is the agent's name", line)
		}
		out = append(out, authorized{key: key, name: comment})
	}
	return out, nil
}

// agentOf is the name of the agent whose key k is, read from the file at
// each sign-in so that adding or removing an agent needs no restart.
func agentOf(read func() ([]byte, error), k gossh.PublicKey) (string, bool, error) {
	data, err := read()
	if err != nil {
		return "", false, err
	}
	list, err := parseAuthorizedKeys(data)
	if err != nil {
		return "", false, err
	}
	want := k.Marshal()
	for _, a := range list {
		if bytes.Equal(a.key.Marshal(), want) {
			return a.name, true, nil
		}
	}
	return "", false, nil
}

// agentNames are the team's agents as the authorized-keys file names them
// now, each once, in the file's order; an unreadable file names none.
func agentNames(read func() ([]byte, error)) []string {
	data, err := read()
	if err != nil {
		return nil
	}
	list, err := parseAuthorizedKeys(data)
	if err != nil {
		return nil
	}
	var out []string
	seen := map[string]bool{}
	for _, a := range list {
		if !seen[a.name] {
			seen[a.name] = true
			out = append(out, a.name)
		}
	}
	return out
}
