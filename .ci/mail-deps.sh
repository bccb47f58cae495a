#!/usr/bin/env bash
# What the mail tests need (tests/mail, marked smtp/slow): Postfix with Cyrus SASL, swaks with
# its TLS/NTLM Perl modules, MIT Kerberos (KDC, admin tools, headers for python-gssapi), and
# the Python packages aiosmtplib, aiosmtpd, pyspnego, gssapi, krb5.
# Non-interactive and idempotent: installs only what is missing; never starts a system service
# (the tests run their own Postfix and KDC on loopback high ports).
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

# Keep package scripts from starting daemons, and Postfix from asking questions.
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
  chmod 755 /usr/sbin/policy-rc.d
fi
echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
echo "postfix postfix/mailname string localhost" | debconf-set-selections

pkgs="postfix sasl2-bin libsasl2-modules libsasl2-modules-gssapi-mit swaks libnet-ssleay-perl
libauthen-ntlm-perl libauthen-sasl-perl libio-socket-inet6-perl krb5-kdc krb5-admin-server
krb5-user libkrb5-dev gcc bsdutils"
need=""
for p in $pkgs; do
  dpkg -s "$p" >/dev/null 2>&1 || need="$need $p"
done
if [ -n "$need" ]; then
  apt-get update -qq >/dev/null
  # shellcheck disable=SC2086
  apt-get install -y -qq --no-install-recommends $need >/dev/null
fi

# gssapi and krb5 have no Linux wheels: they build against libkrb5-dev (about 2.5 minutes).
python3 - <<'EOF' || python3 -m pip install -q aiosmtplib aiosmtpd pyspnego gssapi krb5
import aiosmtplib, aiosmtpd, spnego, gssapi, krb5  # noqa: F401
EOF
