# Shared settings of the runtime scripts; sourced, not run.
# Everything lives inside the checkout: .venv (Python), .local (PostgreSQL data
# and socket, less, filestore, logs, config).  Override with the environment.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
LOCAL="${AM_LOCAL_DIR:-$ROOT/.local}"
VENV="${AM_VENV:-$ROOT/.venv}"
PYTHON="${AM_PYTHON:-python3.11}"
PGBIN="${AM_PGBIN:-/usr/lib/postgresql/15/bin}"
PGDATA="$LOCAL/pg/data"
PGRUN="$LOCAL/pg/run"
PGPORT="${AM_PGPORT:-54329}"
PGUSER_NAME=odoo
HTTP_PORT="${AM_HTTP_PORT:-8069}"
DEMO_DB="${AM_DEMO_DB:-am_demo}"
TEST_DB="${AM_TEST_DB:-am_test}"
ADDONS="account_manager_process,account_manager_training,account_manager_assessment"
CONF="$LOCAL/odoo.conf"
export PATH="$LOCAL/node/node_modules/.bin:$VENV/bin:$PATH"
export PGHOST="$PGRUN" PGPORT PGUSER="$PGUSER_NAME"

log() { printf '[am] %s\n' "$*" >&2; }
die() { printf '[am] error: %s\n' "$*" >&2; exit 1; }

# run a command as the unprivileged owner of the cluster when we are root
# (PostgreSQL refuses to run as root)
as_pg_owner() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

odoo_cmd() { "$VENV/bin/python" -c "import odoo; odoo.cli.main()" "$@"; }
