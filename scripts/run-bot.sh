#!/usr/bin/env bash
# Start the Rasa server with the trained model; protect its HTTP API with RASA_TOKEN
# when that is set. Usage: scripts/run-bot.sh HOST PORT
set -euo pipefail
host="${1:-127.0.0.1}"; port="${2:-5005}"
args=(run --enable-api --interface "$host" --port "$port" --cors "*"
      --model models/careline.tar.gz --endpoints endpoints.yml --credentials credentials.yml)
if [ -n "${RASA_TOKEN:-}" ]; then args+=(--auth-token "$RASA_TOKEN"); fi
mkdir -p var
exec .venv-rasa/bin/rasa "${args[@]}"
