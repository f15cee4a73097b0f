#!/usr/bin/env bash
# Create (or refresh) a virtual environment from a lock file.
# Usage: scripts/make-venv.sh VENV_DIR LOCK_FILE PYTHON_VERSION [PYTHON_VERSION ...]
# The venv is rebuilt from scratch when its interpreter is missing; the lock is installed
# with pip and a stamp file written, so make re-runs this only when the lock changes.
set -euo pipefail
venv="$1"; lock="$2"; shift 2
here="$(cd "$(dirname "$0")" && pwd)"
if [ ! -x "$venv/bin/python" ]; then
  python="$("$here/find-python.sh" "$@")"
  echo ">> creating $venv with $python"
  rm -rf "$venv"
  "$python" -m venv "$venv"
fi
# Rasa 3.6's dependency tree has legacy metadata that pip >= 24.1 refuses.
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check "pip<24.1" wheel
echo ">> installing $lock into $venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$lock"
touch "$venv/.installed"
