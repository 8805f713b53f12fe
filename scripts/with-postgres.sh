#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL server: a new cluster in a
# temporary directory, on a free loopback port, removed afterwards. The
# command finds it in SELLERINBOX_TEST_POSTGRES (the store's suite and the
# e2e tests then run on PostgreSQL too). As root, the server runs as the
# postgres user (initdb refuses root).
set -euo pipefail

bindir=""
if command -v pg_config >/dev/null && [ -x "$(pg_config --bindir)/initdb" ]; then
	bindir="$(pg_config --bindir)"
else
	for d in /usr/lib/postgresql/*/bin; do
		[ -x "$d/initdb" ] && bindir="$d"
	done
fi
if [ -z "$bindir" ]; then
	echo "with-postgres: no initdb found (install Debian's postgresql)" >&2
	exit 127
fi

port=55432
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
	port=$((port + 1))
done

dir="$(mktemp -d /tmp/sellerinbox-pg.XXXXXX)"
as=()
if [ "$(id -u)" = 0 ]; then
	chown postgres "$dir"
	as=(runuser -u postgres --)
fi
cleanup() {
	"${as[@]}" "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
	rm -rf "$dir"
}
trap cleanup EXIT

"${as[@]}" "$bindir/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
	{ cat "$dir/initdb.log" >&2; exit 1; }
# fsync off: a test cluster is thrown away, and the suite waits less.
"${as[@]}" "$bindir/pg_ctl" -D "$dir/data" -w -l "$dir/server.log" \
	-o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c max_connections=300" start >/dev/null ||
	{ cat "$dir/server.log" >&2; exit 1; }

export SELLERINBOX_TEST_POSTGRES="postgres://postgres@127.0.0.1:$port/postgres?sslmode=disable"
echo "with-postgres: PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port" >&2
"$@"
