package keys

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/zalando/go-keyring"
)

func TestKeyringStoreUsesServiceAndProfileAccount(t *testing.T) {
	fk := newFakeKeyring()
	s := NewKeyringStore(fk, 0)
	mustSet(t, s, "shop", api.YandexMarket, api.NewSecret("ym-secret-value-123456"))
	if v := fk.items["sellerinbox\x00shop/ym"]; v != "ym-secret-value-123456" {
		t.Fatalf("item not stored under service=sellerinbox username=shop/ym: %q", fk.items)
	}
}

func TestKeyringStoreTimesOut(t *testing.T) {
	fk := newFakeKeyring()
	fk.hang = make(chan struct{})
	t.Cleanup(func() { close(fk.hang) })
	s := NewKeyringStore(fk, 50*time.Millisecond)
	start := time.Now()
	_, err := s.Get("shop", api.Wildberries)
	if took := time.Since(start); took > 2*time.Second {
		t.Fatalf("Get took %s despite a 50 ms timeout", took)
	}
	var ke *KeyringError
	if !errors.As(err, &ke) || !ke.Timeout {
		t.Fatalf("err = %v, want a timeout KeyringError", err)
	}
	if !strings.Contains(err.Error(), "did not answer within 50ms") {
		t.Fatalf("timeout error is unclear: %q", err)
	}
	if err := s.Set("shop", api.Wildberries, api.NewSecret("wb-secret-value-abcdef")); err == nil {
		t.Fatal("Set on a hung keyring succeeded")
	}
}

func TestKeyringErrorTranslation(t *testing.T) {
	cases := []struct {
		in       error
		notFound bool
		want     string
	}{
		{keyring.ErrNotFound, true, ""},
		{keyring.ErrSetDataTooBig, false, "too large"},
		{errors.New(`exec: "dbus-launch": executable file not found in $PATH`), false, "no D-Bus session bus"},
		{errors.New("The name org.freedesktop.secrets was not provided by any .service files"), false, "no Secret Service"},
		{errors.New("failed to unlock correct collection '/org/freedesktop/secrets/aliases/default'"), false, "locked"},
		{errors.New("something odd"), false, "answered: something odd"},
	}
	for _, c := range cases {
		err := translateKeyringErr("read", c.in)
		if c.notFound {
			if !errors.Is(err, ErrNotFound) {
				t.Errorf("%v: got %v, want ErrNotFound", c.in, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), "cannot read the token in the system keyring: ") {
			t.Errorf("%v: got %q, want a sentence containing %q", c.in, err, c.want)
		}
		if !errors.Is(err, c.in) {
			t.Errorf("%v: translated error lost its cause", c.in)
		}
	}
}

func TestKeyringProbe(t *testing.T) {
	if err := NewKeyringStore(newFakeKeyring(), 0).Probe(); err != nil {
		t.Fatalf("healthy keyring: %v", err)
	}
	fk := newFakeKeyring()
	fk.err = errors.New("The name org.freedesktop.secrets was not provided by any .service files")
	if err := NewKeyringStore(fk, 0).Probe(); err == nil {
		t.Fatal("probe of a bus without a secret service succeeded")
	}
}
