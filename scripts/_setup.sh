# Sourced by scripts/serve and scripts/test: make .venv (Python 3.11+) and install this project into it.
# Re-installs only when pyproject.toml changed, so repeated runs start at once.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
extras="${1:-dev}"
py="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
    "$py" -m venv .venv
fi
pip_quiet() {  # pip's notes about local index mirrors a machine may lack are noise
    .venv/bin/python -m pip --disable-pip-version-check "$@" 2>&1 \
        | { grep -v "^WARNING: Location .* is ignored" || true; } >&2
}
stamp=".venv/.setup-stamp-$extras"
want="$(sha256sum pyproject.toml | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    echo "Installing appointments-sdk[$extras] into .venv ..." >&2
    pip_quiet install --quiet --upgrade "pip>=25.1" || true  # 25.1: --group (PEP 735)
    if [ "$extras" = dev ]; then  # the repository's tools are a dependency group, not an extra
        pip_quiet install --quiet -e ".[mock]" --group dev  # with pipefail, a failing pip stops the script
    else
        pip_quiet install --quiet -e ".[$extras]"
    fi
    echo "$want" > "$stamp"
fi
