#!/usr/bin/env bash
# Installs Debian's Postfix and Dovecot for the mail end-to-end suite (npm run test:e2e:mail).
# The suite renders its own configuration with `npm run daemon-config` into a temporary
# directory and starts the daemons on loopback ports itself, so the packages' own services
# must neither start nor be configured: Postfix is preseeded as "No configuration", and a
# policy-rc.d that refuses every start is put in place for the install when none exists.
# Safe to run again: it installs only what is missing.
set -euo pipefail

# openssl makes the suite's TLS certificate; iproute2 (ss) shows that nothing leaves loopback.
# Rspamd filters through the milter; clamav-daemon scans for it (the suite writes its own signature
# database, nothing is downloaded); redis-server holds Rspamd's Bayes statistics; knot is the loopback
# DNS server Rspamd resolves through (knot-dnsutils gives kdig to check it); dovecot-sieve files
# junk and learns from moves (IMAPSieve), dovecot-managesieved lets users edit their own scripts.
# knot-dnssecutils (kzonecheck) and bind9-utils (named-checkzone) check the exported DNS zone
# fragment, and knot serves it on loopback to the DNS verification spec. curl is how the rendered quota
# warning script reports to Yubin.
# python3-dkim (dkimpy) is the independent DKIM verifier of the signing spec; it asks the suite's Knot only.
# opendkim with libopendbx1-pgsql (its KeyTable and SigningTable from PostgreSQL) is only the alternative
# signer the DKIM signing benchmark measures against Rspamd (npm run bench -- --dkim-signing); Yubin
# never configures it.
# The suite starts its own copy of every one of these on loopback ports, never the packaged services.
PACKAGES=(postfix postfix-pgsql dovecot-core dovecot-imapd dovecot-pop3d dovecot-lmtpd dovecot-pgsql openssl iproute2
  rspamd clamav-daemon redis-server knot knot-dnsutils dovecot-sieve dovecot-managesieved
  knot-dnssecutils bind9-utils python3-dkim curl opendkim libopendbx1-pgsql)

missing=()
for package in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "Mail daemons present: ${PACKAGES[*]}"
  exit 0
fi

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive

# No package service may start during the install.
POLICY=/usr/sbin/policy-rc.d
created_policy=false
if [ ! -e "$POLICY" ]; then
  printf '#!/bin/sh\n# Installed by install-mail-daemons.sh for the duration of the install.\nexit 101\n' |
    $SUDO tee "$POLICY" >/dev/null
  $SUDO chmod 755 "$POLICY"
  created_policy=true
fi
cleanup() { if $created_policy; then $SUDO rm -f "$POLICY"; fi; }
trap cleanup EXIT

echo "postfix postfix/main_mailer_type select No configuration" | $SUDO debconf-set-selections
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
