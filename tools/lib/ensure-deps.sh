#!/usr/bin/env bash
# Installs the Debian packages the tests, the demo and the host controller need, if they are missing.
# Idempotent and quiet when everything is there.
set -euo pipefail
need=()
for pkg in mosquitto mosquitto-clients libmosquitto1 socat chromium postgresql openssl; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if ! command -v dotnet >/dev/null 2>&1; then
  echo "the .NET 10 SDK is required (dotnet on PATH)" >&2; exit 1
fi
if [ ${#need[@]} -eq 0 ]; then echo "dependencies present"; exit 0; fi
echo "installing: ${need[*]}"
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
# The packaged services are not needed: tests start their own broker and database on free loopback ports.
for svc in mosquitto postgresql; do $SUDO service "$svc" stop >/dev/null 2>&1 || true; done
echo "installed: ${need[*]}"
