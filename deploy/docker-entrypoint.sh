#!/bin/sh
# Container entrypoint: prepares what the image cannot know in advance, then runs the command as a non-root user.
#  1. As root (only at the container's start): a volume mounted at run time (Fly.io, docker -v) is owned by root,
#     so the database folder is handed to the runtime user, then root is dropped for good. A BURNRATE_RUN_AS that
#     resolves to root (uid 0) is refused: the bot never runs as root.
#  2. As that user: a service-account key given as JSON text in GOOGLE_CREDENTIALS_JSON (a Fly secret) is written
#     to a private file outside the volume, GOOGLE_APPLICATION_CREDENTIALS points at it, and the file is removed
#     when the command ends, however it ends.
set -eu

run_as="${BURNRATE_RUN_AS:-node}"

if run_uid="$(id -u "$run_as" 2>/dev/null)"; then
  if [ "$run_uid" = "0" ]; then
    echo "docker-entrypoint: BURNRATE_RUN_AS=$run_as is root (uid 0); name an unprivileged user such as node" >&2
    exit 1
  fi
elif [ "$(id -u)" = "0" ]; then
  echo "docker-entrypoint: BURNRATE_RUN_AS=$run_as: no such user; name an unprivileged user such as node" >&2
  exit 1
fi

if [ "$(id -u)" = "0" ]; then
  data_dir="$(dirname "${BURNRATE_DB:-/data/burnrate.db}")"
  mkdir -p "$data_dir"
  chown "$run_uid:$(id -g "$run_as")" "$data_dir"
  HOME="$(getent passwd "$run_as" | cut -d: -f6)"
  export HOME
  exec setpriv --reuid="$run_uid" --regid="$(id -g "$run_as")" --init-groups -- "$0" "$@"
fi

if [ -z "${GOOGLE_CREDENTIALS_JSON:-}" ]; then
  exec "$@"
fi

key_file="${GOOGLE_CREDENTIALS_FILE:-/tmp/google-credentials.json}"
umask 077
trap 'rm -f "$key_file"' EXIT
printf '%s' "$GOOGLE_CREDENTIALS_JSON" >"$key_file"
GOOGLE_APPLICATION_CREDENTIALS="$key_file"
export GOOGLE_APPLICATION_CREDENTIALS
unset GOOGLE_CREDENTIALS_JSON

# The shell stays as the command's parent so the EXIT trap can remove the key; it passes TERM, INT and HUP on,
# so the command still stops gracefully, and keeps the command's stdin (a background job's is /dev/null).
"$@" <&0 &
child=$!
trap 'kill -TERM "$child" 2>/dev/null || true' TERM
trap 'kill -INT "$child" 2>/dev/null || true' INT
trap 'kill -HUP "$child" 2>/dev/null || true' HUP
status=0
wait "$child" || status=$?
# A signal passed on interrupts wait while the command is still stopping: wait until it has.
while kill -0 "$child" 2>/dev/null; do
  status=0
  wait "$child" || status=$?
done
exit "$status"
