#!/usr/bin/env bash
# What the Central Administration tests need (tests/centraladmin): the web stack (starlette,
# jinja2, uvicorn, python-multipart, itsdangerous; httpx for Starlette's TestClient) and, for the
# tests marked `browser`, Debian's headless Chromium with its WebDriver plus the selenium client.
# Non-interactive and idempotent: installs only what is missing. Selenium is pointed at
# /usr/bin/chromedriver by the tests, so selenium-manager never downloads a browser or driver.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

need=""
for p in chromium chromium-driver fonts-dejavu-core; do
  dpkg -s "$p" >/dev/null 2>&1 || need="$need $p"
done
if [ -n "$need" ]; then
  apt-get update -qq >/dev/null
  # shellcheck disable=SC2086
  apt-get install -y -qq --no-install-recommends $need >/dev/null
fi

python3 - <<'PY' || python3 -m pip install -q starlette jinja2 uvicorn python-multipart \
    itsdangerous httpx selenium
import starlette, jinja2, uvicorn, multipart, itsdangerous, httpx, selenium  # noqa: F401
PY
