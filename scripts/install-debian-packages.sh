#!/usr/bin/env bash
# Installs the Debian packages given, as root or through sudo when it asks no password. Otherwise it says
# how, and the tests that need them skip with that reason; in CI (CI=true) it fails, as they would.
set -euo pipefail
if [ "$(id -u)" = 0 ]; then
  sudo=""
elif sudo -n true 2>/dev/null; then
  sudo="sudo"
else
  echo "Cannot install $* (not root, and sudo asks for a password): run 'sudo apt-get install $*'." >&2
  if [ "${CI:-}" = true ]; then exit 1; fi
  exit 0
fi
$sudo apt-get update -q
$sudo apt-get install -y -q --no-install-recommends "$@"
