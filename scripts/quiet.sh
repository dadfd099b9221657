#!/usr/bin/env bash
# Runs a command with its standard error held back: shown, with the command
# and its exit code, only when the command fails (test scripts build quietly
# but never hide why a build failed).
#   scripts/quiet.sh CMD [ARG...]
err=$(mktemp)
trap 'rm -f "$err"' EXIT
"$@" 2>"$err"
rc=$?
if [ "$rc" -ne 0 ]; then
  echo "failed (exit $rc): $*" >&2
  cat "$err" >&2
fi
exit "$rc"
