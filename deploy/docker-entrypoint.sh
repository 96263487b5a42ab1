#!/bin/sh
# Container entrypoint: prepares what the image cannot know in advance, then runs the command as a non-root user.
#  1. As root (only at the container's start): a volume mounted at run time (Fly.io, docker -v) is owned by root,
#     so the database folder is handed to the runtime user, then root is dropped for good.
#  2. As that user: a service-account key given as JSON text in GOOGLE_CREDENTIALS_JSON (a Fly secret) is written
#     to a private file outside the volume, and GOOGLE_APPLICATION_CREDENTIALS points at it.
set -eu

run_as="${BURNRATE_RUN_AS:-node}"

if [ "$(id -u)" = "0" ]; then
  data_dir="$(dirname "${BURNRATE_DB:-/data/burnrate.db}")"
  mkdir -p "$data_dir"
  chown "$(id -u "$run_as"):$(id -g "$run_as")" "$data_dir"
  HOME="$(getent passwd "$run_as" | cut -d: -f6)"
  export HOME
  exec setpriv --reuid="$(id -u "$run_as")" --regid="$(id -g "$run_as")" --init-groups -- "$0" "$@"
fi

if [ -n "${GOOGLE_CREDENTIALS_JSON:-}" ]; then
  key_file="${GOOGLE_CREDENTIALS_FILE:-/tmp/google-credentials.json}"
  umask 077
  printf '%s' "$GOOGLE_CREDENTIALS_JSON" >"$key_file"
  GOOGLE_APPLICATION_CREDENTIALS="$key_file"
  export GOOGLE_APPLICATION_CREDENTIALS
  unset GOOGLE_CREDENTIALS_JSON
fi

exec "$@"
