# Sourced by scripts/serve and scripts/test: make .venv (Python 3.11+) and install this project into it.
# Re-installs only when pyproject.toml changed, so repeated runs start at once. The first run takes
# about a minute: each step prints a line (so do CI logs), a terminal also gets a live line of what
# pip is doing, and pip's whole output goes to .venv/setup.log (its end is shown if pip fails).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
extras="${1:-dev}"
py="${PYTHON:-python3}"

_setup_say() { printf 'setup: %s\n' "$*" >&2; }

_setup_follow() {  # pip's output on stdin: into the log; phases as lines; a live line on a terminal
    local log="$1" line phase="" count=0 live=0
    [ -t 2 ] && live=1
    while IFS= read -r line; do
        printf '%s\n' "$line" >>"$log"
        case "$line" in
            "WARNING: Location "*" is ignored"*) continue ;;  # a local index mirror this machine lacks
            Collecting\ *) count=$((count + 1)) ;;
        esac
        local now="$phase"
        case "$line" in
            Collecting\ * | Obtaining\ * | Downloading\ *) now="resolving and downloading" ;;
            Building\ * | "Preparing "*) now="building" ;;
            "Installing collected packages"*) now="installing" ;;
        esac
        if [ "$now" != "$phase" ]; then
            phase="$now"
            [ "$live" = 1 ] && printf '\r\033[K' >&2
            _setup_say "  $phase ..."
        fi
        if [ "$live" = 1 ]; then
            printf '\r\033[K  [%d] %s' "$count" "${line:0:100}" >&2
        fi
        case "$line" in
            ERROR:* | "Successfully installed"*)
                [ "$live" = 1 ] && printf '\r\033[K' >&2
                printf '%s\n' "${line:0:300}" >&2
                ;;
        esac
    done
    [ "$live" = 1 ] && printf '\r\033[K' >&2
    [ "$count" -gt 0 ] && _setup_say "  $count packages collected"
    return 0
}

_setup_pip() {  # pip "$@", followed by _setup_follow; on failure, the end of its output
    local log=.venv/setup.log status
    printf '\n$ pip %s\n' "$*" >>"$log"
    set +e
    .venv/bin/python -m pip --disable-pip-version-check "$@" 2>&1 \
        | _setup_follow "$log"
    status="${PIPESTATUS[0]}"
    set -e
    if [ "$status" != 0 ]; then
        _setup_say "pip failed (exit $status); the end of its output (all of it: $root/$log):"
        grep -v "^WARNING: Location .* is ignored" "$log" | tail -n 25 >&2
    fi
    return "$status"
}

stamp=".venv/.setup-stamp-$extras"
want="$(sha256sum pyproject.toml | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    started="$SECONDS"
    _setup_say "installing appointments-sdk[$extras] into .venv (the first time takes about a minute; later runs skip this until pyproject.toml changes)"
    if [ ! -x .venv/bin/python ]; then
        _setup_say "[1/3] creating .venv with $py"
        "$py" -m venv .venv
    else
        _setup_say "[1/3] .venv exists"
    fi
    : >.venv/setup.log
    _setup_say "[2/3] upgrading pip"
    # 25.1: --group (PEP 735 dependency groups, below)
    _setup_pip install --progress-bar off --quiet --upgrade "pip>=25.1" || _setup_say "  (pip stays as it is)"
    _setup_say "[3/3] installing appointments-sdk[$extras] and its dependencies"
    # A failing pip ends the sourcing with its status (and with set -e, the script that sourced it).
    if [ "$extras" = dev ]; then  # the repository's tools are a dependency group, not an extra
        _setup_pip install --progress-bar off -e ".[mock]" --group dev || return
    else
        _setup_pip install --progress-bar off -e ".[$extras]" || return
    fi
    echo "$want" >"$stamp"
    _setup_say "done in $((SECONDS - started)) s"
fi
