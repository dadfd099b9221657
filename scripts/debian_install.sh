#!/usr/bin/env bash
# Installs Debian packages a test script needs: `debian_install.sh WHO PKG...`
# says «WHO: installing PKG... from Debian's packages (apt-get)» and installs
# them (as root, through apt-get); with no PKG, does nothing. Exits 1, saying
# why, where it cannot.
set -euo pipefail
who=$1
shift
[ $# -gt 0 ] || exit 0
echo "$who: installing $* from Debian's packages (apt-get)" >&2
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "$who: cannot install $*: need root and apt-get; install them and run again" >&2
  exit 1
fi
apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >&2
