#!/usr/bin/env bash
# Throwaway MariaDB and PostgreSQL servers for the database tests (issue #6).
#
#   scripts/db-servers.sh start    install if missing, start both, wait, print env vars
#   scripts/db-servers.sh env      print the env vars of running servers
#   scripts/db-servers.sh status   exit 0 when both answer, 1 otherwise
#   scripts/db-servers.sh stop     stop both (data directories are removed)
#
#   eval "$(scripts/db-servers.sh start)"   # then: cargo test -p cnpii-cli --test e2e db
#
# Not system services: both run from data directories under $CNPII_DB_DIR (default
# ${TMPDIR:-/tmp}/cnpii-db), listen on 127.0.0.1 and on a Unix socket in that directory, and
# are tuned for tests (no fsync). Packages come from apt (Debian 12: mariadb-server 10.11,
# postgresql 15) when a binary is missing; that needs root. PostgreSQL refuses to run as root,
# so under root it runs as the `postgres` user (or `nobody`). Idempotent: a second `start`
# only prints the variables. stdout carries only `export NAME=value` lines; progress goes to
# stderr. The variables are also written to $CNPII_DB_DIR/env, which the tests read when the
# environment does not hold them.
set -euo pipefail

DIR="${CNPII_DB_DIR:-${TMPDIR:-/tmp}/cnpii-db}"
# Ports: as chosen by the first `start` (kept in $DIR/ports), else the first free port from
# 33306 / 55432 up, so several checkouts (each with its own CNPII_DB_DIR) can run side by side.
MY_PORT="" PG_PORT=""
# shellcheck disable=SC1091
[ -f "$DIR/ports" ] && . "$DIR/ports"
MY_SOCK="$DIR/mysql.sock"
PG_SOCKDIR="$DIR/pgsock"

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() {
    local p=$1
    while port_busy "$p"; do p=$((p + 1)); done
    echo "$p"
}
choose_ports() {
    [ -n "$MY_PORT" ] && [ -n "$PG_PORT" ] && return 0
    MY_PORT="${CNPII_MYSQL_PORT:-$(free_port 33306)}"
    PG_PORT="${CNPII_PG_PORT:-$(free_port 55432)}"
    printf 'MY_PORT=%s\nPG_PORT=%s\n' "$MY_PORT" "$PG_PORT" >"$DIR/ports"
}

log() { printf 'db-servers: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

pg_bindir() {
    local d
    for d in /usr/lib/postgresql/*/bin; do
        [ -x "$d/initdb" ] && { echo "$d"; return 0; }
    done
    command -v initdb >/dev/null 2>&1 && { dirname "$(command -v initdb)"; return 0; }
    return 1
}

my_client() { command -v mariadb || command -v mysql; }
my_admin() { command -v mariadb-admin || command -v mysqladmin; }
my_server() {
    command -v mariadbd || command -v mysqld || { [ -x /usr/sbin/mariadbd ] && echo /usr/sbin/mariadbd; } ||
        { [ -x /usr/sbin/mysqld ] && echo /usr/sbin/mysqld; }
}

install_missing() {
    local pkgs=()
    { my_server && my_client && my_admin && command -v mariadb-install-db; } >/dev/null 2>&1 ||
        pkgs+=(mariadb-server mariadb-client)
    { pg_bindir && command -v psql; } >/dev/null 2>&1 || pkgs+=(postgresql postgresql-client)
    [ ${#pkgs[@]} -eq 0 ] && return 0
    [ "$(id -u)" -eq 0 ] || die "missing ${pkgs[*]}; install them (apt-get install -y ${pkgs[*]}) or run as root"
    command -v apt-get >/dev/null || die "missing ${pkgs[*]} and no apt-get"
    log "installing ${pkgs[*]}"
    # Keep the packages' own services from starting (we run our own servers).
    local policy=""
    if [ ! -e /usr/sbin/policy-rc.d ]; then
        policy=/usr/sbin/policy-rc.d
        printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy"
    fi
    local rc=0
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y --no-install-recommends "${pkgs[@]}" >"$DIR/apt.log" 2>&1 ||
        { apt-get update >>"$DIR/apt.log" 2>&1 &&
            apt-get install -y --no-install-recommends "${pkgs[@]}" >>"$DIR/apt.log" 2>&1; } || rc=$?
    [ -n "$policy" ] && rm -f "$policy"
    [ $rc -eq 0 ] || { tail -20 "$DIR/apt.log" >&2; die "apt-get install failed (log: $DIR/apt.log)"; }
}

# The unprivileged account PostgreSQL runs as ("" = the current user, when not root).
pg_user() {
    if [ "$(id -u)" -ne 0 ]; then echo ""; elif id -u postgres >/dev/null 2>&1; then echo postgres; else echo nobody; fi
}
as_pg() {
    local u; u="$(pg_user)"
    if [ -z "$u" ]; then "$@"; else runuser -u "$u" -- "$@"; fi
}

my_ping() { "$(my_admin)" --no-defaults -S "$MY_SOCK" -u root --connect-timeout=2 ping >/dev/null 2>&1; }
pg_ping() { "$(pg_bindir)/pg_isready" -q -h "$PG_SOCKDIR" -p "$PG_PORT" >/dev/null 2>&1; }

start_mysql() {
    if my_ping; then log "MariaDB already running ($MY_SOCK)"; return 0; fi
    local data="$DIR/mysql" user=()
    [ "$(id -u)" -eq 0 ] && user=(--user=root)
    if [ ! -d "$data/mysql" ]; then
        rm -rf "$data" && mkdir -p "$data"
        log "initialising MariaDB in $data"
        mariadb-install-db --no-defaults --datadir="$data" "${user[@]}" --auth-root-authentication-method=normal \
            --skip-test-db --skip-name-resolve >"$DIR/mysql-install.log" 2>&1 ||
            { tail -20 "$DIR/mysql-install.log" >&2; die "mariadb-install-db failed"; }
    fi
    log "starting MariaDB on 127.0.0.1:$MY_PORT"
    setsid "$(my_server)" --no-defaults --datadir="$data" "${user[@]}" --socket="$MY_SOCK" \
        --port="$MY_PORT" --bind-address=127.0.0.1 --pid-file="$DIR/mysql.pid" --log-error="$DIR/mysql.err" \
        --skip-name-resolve --skip-log-bin --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
        --innodb-buffer-pool-size=64M --innodb-flush-log-at-trx-commit=0 --innodb-doublewrite=0 --sync-frm=0 \
        --max-connections=50 </dev/null >/dev/null 2>&1 &
    local i
    for i in $(seq 1 300); do
        my_ping && return 0
        sleep 0.1
    done
    tail -20 "$DIR/mysql.err" >&2
    die "MariaDB did not come up (log: $DIR/mysql.err)"
}

start_pg() {
    if pg_ping; then log "PostgreSQL already running ($PG_SOCKDIR:$PG_PORT)"; return 0; fi
    local bin u data="$DIR/pg/data"
    bin="$(pg_bindir)"
    u="$(pg_user)"
    mkdir -p "$DIR/pg" "$PG_SOCKDIR"
    [ -n "$u" ] && chown "$u" "$DIR/pg" "$PG_SOCKDIR"
    as_pg test -w "$DIR/pg" || die "user ${u:-$(id -un)} cannot write $DIR/pg (a parent directory not world-searchable?)"
    if [ ! -f "$data/PG_VERSION" ]; then
        log "initialising PostgreSQL in $data"
        as_pg rm -rf "$data"
        as_pg "$bin/initdb" -D "$data" -U postgres -A trust -E UTF8 --locale=C --no-sync \
            >"$DIR/pg-initdb.log" 2>&1 || { tail -20 "$DIR/pg-initdb.log" >&2; die "initdb failed"; }
    fi
    log "starting PostgreSQL on 127.0.0.1:$PG_PORT"
    # pg_ctl -w waits until the server accepts connections.
    as_pg "$bin/pg_ctl" -D "$data" -l "$DIR/pg/server.log" -w -t 60 start -o \
        "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_SOCKDIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=50" \
        >"$DIR/pg-ctl.log" 2>&1 || { tail -20 "$DIR/pg/server.log" >&2; die "PostgreSQL did not come up (log: $DIR/pg/server.log)"; }
}

print_env() {
    local my_client_bin psql_bin
    my_client_bin="$(my_client)"
    psql_bin="$(command -v psql)"
    cat <<EOF
export CNPII_DB_DIR='$DIR'
export CNPII_MYSQL='$my_client_bin'
export CNPII_MYSQL_SOCKET='$MY_SOCK'
export CNPII_MYSQL_HOST='127.0.0.1'
export CNPII_MYSQL_PORT='$MY_PORT'
export CNPII_MYSQL_USER='root'
export CNPII_PSQL='$psql_bin'
export CNPII_PG_HOST='$PG_SOCKDIR'
export CNPII_PG_PORT='$PG_PORT'
export CNPII_PG_USER='postgres'
EOF
}

stop_all() {
    if [ -f "$DIR/mysql.pid" ]; then
        local pid; pid="$(cat "$DIR/mysql.pid")"
        if kill -0 "$pid" 2>/dev/null; then
            log "stopping MariaDB (pid $pid)"
            kill "$pid"
            for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        fi
    fi
    if [ -f "$DIR/pg/data/postmaster.pid" ]; then
        log "stopping PostgreSQL"
        as_pg "$(pg_bindir)/pg_ctl" -D "$DIR/pg/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$DIR"
}

case "${1:-}" in
    start)
        t0=$(date +%s%3N)
        mkdir -p "$DIR" && chmod 755 "$DIR"
        install_missing
        choose_ports
        t1=$(date +%s%3N)
        start_mysql &
        my_job=$!
        start_pg
        wait $my_job
        t2=$(date +%s%3N)
        log "ready: install/check $((t1 - t0)) ms, start $((t2 - t1)) ms"
        print_env | tee "$DIR/env"
        ;;
    env)
        my_ping && pg_ping || die "servers are not running (scripts/db-servers.sh start)"
        print_env
        ;;
    status)
        if my_ping && pg_ping; then log "both running"; exit 0; fi
        log "not running"; exit 1
        ;;
    stop) if [ -d "$DIR" ]; then stop_all; fi ;;
    *)
        sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//' >&2
        exit 2
        ;;
esac
