#!/usr/bin/env bash
# Prints the path of a Python 3.10 interpreter (Rasa 3.6 runs on 3.10 only), or explains how to get one.
set -u

candidates=(python3.10)
pyenv_root="${PYENV_ROOT:-$HOME/.pyenv}"
if command -v pyenv >/dev/null 2>&1; then
  pyenv_root="$(pyenv root)"
fi
for dir in "$pyenv_root"/versions/3.10*/bin; do
  candidates+=("$dir/python3.10")
done
candidates+=(/usr/bin/python3.10 /usr/local/bin/python3.10)

for candidate in "${candidates[@]}"; do
  if "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))' >/dev/null 2>&1; then
    "$candidate" -c 'import sys; print(sys.executable)'
    exit 0
  fi
done

cat >&2 <<'MSG'
Rasa 3.6 needs Python 3.10, and none was found (looked for python3.10 on PATH and in pyenv).
Install it, then run the command again, for example:
  pyenv install 3.10        (with pyenv)
  sudo apt install python3.10 python3.10-venv   (Debian/Ubuntu with a 3.10 package)
MSG
exit 1
