#!/usr/bin/env bash
# Print the path of a Python interpreter of one of the given versions (first found wins).
# Looks on PATH (python3.X), in pyenv's versions, then in /usr/bin and /usr/local/bin.
# Usage: scripts/find-python.sh 3.10 [3.9 ...]
set -euo pipefail
for version in "$@"; do
  candidates=("$(command -v "python${version}" 2>/dev/null || true)")
  pyenv_root="${PYENV_ROOT:-$HOME/.pyenv}"
  if [ -d "$pyenv_root/versions" ]; then
    while IFS= read -r dir; do candidates+=("$dir/bin/python${version}"); done \
      < <(ls -d "$pyenv_root/versions/${version}".* 2>/dev/null | sort -V -r)
  fi
  candidates+=("/usr/bin/python${version}" "/usr/local/bin/python${version}")
  for py in "${candidates[@]}"; do
    # pyenv shims exist for every version; make sure the interpreter really runs.
    if [ -n "$py" ] && [ -x "$py" ] && "$py" -c "import sys, venv; sys.exit(0 if '%d.%d' % sys.version_info[:2] == '${version}' else 1)" 2>/dev/null; then
      echo "$py"
      exit 0
    fi
  done
done
{
  echo "error: no Python $* interpreter found."
  echo "  Careline needs Python 3.10 for Rasa 3.6 (and 3.11 for the API; 3.10 works too)."
  echo "  Install one, e.g.:  pyenv install 3.10.13   or   apt-get install python3.10 python3.10-venv"
} >&2
exit 1
