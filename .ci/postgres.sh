# Sourced by .ci/run: starts a throwaway PostgreSQL on 127.0.0.1 so the audit store is tested on the
# production database as well as SQLite, and stops it when the run ends. Installs Debian's server
# package when the machine lacks it (CI machines are fresh).
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

if [ -z "$(pg_bin)" ]; then
  echo "ci: installing PostgreSQL from Debian's packages" >&2
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
PG_BIN="$(pg_bin)"
PG_PORT="${UNSTUCK_CI_PG_PORT:-54329}"
PG_DIR="$(mktemp -d /tmp/unstuck-ci-pg.XXXXXX)"
chown postgres:postgres "$PG_DIR" 2>/dev/null || true
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

as_pg "$PG_BIN/initdb" -D "$PG_DIR/data" --auth=trust --username=postgres -E UTF8 >/dev/null
as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w \
  -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1" start >/dev/null
trap 'as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast stop >/dev/null 2>&1; rm -rf "$PG_DIR"' EXIT
export UNSTUCK_TEST_POSTGRES_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/postgres?user=postgres"
echo "ci: PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT" >&2
