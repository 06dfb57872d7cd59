#!/usr/bin/env bash
# Checks that the system commands the tests, the demo and the bench need are installed
# (slapd, ldap-utils, redis-server, samba, chromium, openssl) and, as root with apt-get, installs
# what is missing. Quiet when everything is there. Called by npm's pretest, predemo and prebench.
set -euo pipefail

# Debian packages, and the commands that prove each is there.
PACKAGES=(slapd ldap-utils redis-server samba chromium openssl)
# samba-tool's domain provisioning lives in two Recommends of samba: named explicitly, so that an
# apt configured with Install-Recommends=false still gets them.
EXTRA_PACKAGES=(samba-ad-provision samba-dsdb-modules)
COMMANDS=(slapd slapadd slappasswd ldapsearch redis-server samba samba-tool openssl)
export PATH="$PATH:/usr/sbin:/sbin"

missing=()
for command in "${COMMANDS[@]}"; do
  command -v "$command" >/dev/null 2>&1 || missing+=("$command")
done
[ -x /usr/bin/chromium ] || missing+=(/usr/bin/chromium)
for package in "${EXTRA_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

install_command="DEBIAN_FRONTEND=noninteractive apt-get install -y ${PACKAGES[*]} ${EXTRA_PACKAGES[*]}"
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "Missing for the tests: ${missing[*]}. Install them with:" >&2
  echo "  sudo apt-get update && sudo $install_command" >&2
  exit 1
fi

echo "ensure-system: installing ${PACKAGES[*]} (missing: ${missing[*]})" >&2
listening() { ss -ltnH 2>/dev/null | awk '{print $4}' | grep -Ec ':(389|636|6379)$' || true; }
before=$(listening)

# Packages must not start their services (a slapd on 389 or a redis on 6379 would be left
# running): policy-rc.d answering 101 forbids it. Docker-style images already have one; if not,
# put one in place for the install only.
policy=/usr/sbin/policy-rc.d
own_policy=no
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod 755 "$policy" && own_policy=yes
fi
cleanup() { [ "$own_policy" = yes ] && rm -f "$policy"; return 0; }
trap cleanup EXIT

apt-get update -qq >&2
# Not --no-install-recommends: samba's Recommends are what makes it an AD DC (shared notes).
eval "$install_command" -qq >&2

after=$(listening)
if [ "$after" -gt "$before" ]; then
  echo "ensure-system: warning: the install left a server listening on 389/636/6379:" >&2
  ss -ltnpH 2>/dev/null | grep -E ':(389|636|6379) ' >&2 || true
  exit 1
fi
echo "ensure-system: done" >&2
