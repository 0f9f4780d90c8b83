# Shared settings of the runtime scripts; sourced, not run.
# Everything lives inside the checkout: .venv (Python), .local (PostgreSQL data
# and socket, less, filestore, logs, config).  Override with the environment.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
LOCAL="${AM_LOCAL_DIR:-$ROOT/.local}"
VENV="${AM_VENV:-$ROOT/.venv}"
PYTHON="${AM_PYTHON:-python3.11}"
PGBIN="${AM_PGBIN:-/usr/lib/postgresql/15/bin}"
PGPORT="${AM_PGPORT:-54329}"
PGUSER_NAME=odoo
HTTP_PORT="${AM_HTTP_PORT:-8069}"
DEMO_DB="${AM_DEMO_DB:-am_demo}"
TEST_DB="${AM_TEST_DB:-am_test}"
ADDONS="account_manager_process,account_manager_training,account_manager_assessment"
# the addons' Odoo/OCA dependencies: the test template database holds only these;
# its name carries a hash of the list, so a changed list gets a new template
TEST_DEPS="crm,hr,mail,calendar,hr_attendance,crm_claim,base_geolocalize,hr_course,survey,report_xlsx,gamification,web_widget_digitized_signature,web_responsive"
TEST_TEMPLATE="am_template_deps_$(printf '%s' "$TEST_DEPS" | sha256sum | cut -c1-8)"
CONF="$LOCAL/odoo.conf"

log() { printf '[am] %s\n' "$*" >&2; }
die() { printf '[am] error: %s\n' "$*" >&2; exit 1; }

# -- where the PostgreSQL cluster lives
# PostgreSQL refuses to run as root: as root the cluster belongs to Debian's
# `postgres` user, who must be able to enter every folder above it.  A checkout
# in root's home (/root is mode 700 on Debian) or any folder closed to other
# users cannot hold it: the cluster then lives in /var/lib/am-suite, in a
# folder named after a hash of the checkout's .local path (one per checkout,
# the same at every run).  AM_PG_DIR chooses the folder outright.
PG_SHARED_PARENT="${AM_PG_SHARED_PARENT:-/var/lib/am-suite}"

# true when any user may enter every folder of the path: the existing ones by
# their mode (others' x bit), the missing ones by the umask they will get
others_can_enter() {
  local dir mode
  dir="$(realpath -m "$1")"
  while :; do
    if [ -d "$dir" ]; then
      mode="$(stat -L -c %a "$dir")"
      [ $(( 8#$mode & 1 )) = 1 ] || return 1
    elif [ $(( 8#$(umask) & 1 )) = 1 ]; then
      return 1
    fi
    [ "$dir" = / ] && return 0
    dir="$(dirname "$dir")"
  done
}

# the folder of the cluster (data, socket, server log) for a .local folder
pg_cluster_dir() {
  local local_dir="$1"
  if [ -n "${AM_PG_DIR:-}" ]; then
    printf '%s\n' "$AM_PG_DIR"
  elif [ "$(id -u)" != 0 ] || [ -f "$local_dir/pg/data/PG_VERSION" ] \
      || others_can_enter "$local_dir"; then
    printf '%s\n' "$local_dir/pg"
  else
    printf '%s/pg-%s\n' "$PG_SHARED_PARENT" \
        "$(printf '%s' "$(realpath -m "$local_dir")" | sha256sum | cut -c1-16)"
  fi
}
PGDIR="$(pg_cluster_dir "$LOCAL")"
PGDATA="$PGDIR/data"
PGRUN="$PGDIR/run"
export PATH="$LOCAL/node/node_modules/.bin:$VENV/bin:$PATH"
export PGHOST="$PGRUN" PGPORT PGUSER="$PGUSER_NAME"

# run a command as the unprivileged owner of the cluster when we are root
# (PostgreSQL refuses to run as root); from /, which postgres may enter
# whatever the current folder
as_pg_owner() {
  if [ "$(id -u)" = 0 ]; then
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}
