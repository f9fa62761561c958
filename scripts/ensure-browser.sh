#!/usr/bin/env bash
# Make this machine ready for the web console's browser tests (ConsoleBrowserIT): Debian's chromium and
# chromium-driver, driven headless by Selenium. Idempotent: installs only what is missing; prints what it did.
# Exits non-zero with a message when it cannot.
set -euo pipefail

PACKAGES=(chromium chromium-driver)

say() { echo "ensure-browser: $*"; }
die() {
    echo "ensure-browser: ERROR: $*" >&2
    exit 1
}

missing=()
for pkg in "${PACKAGES[@]}"; do
    if dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
        say "package $pkg already installed"
    else
        missing+=("$pkg")
    fi
done

if ((${#missing[@]} > 0)); then
    [[ "$(id -u)" -eq 0 ]] || die "must run as root to install ${missing[*]}; try: sudo $0"
    command -v apt-get >/dev/null || die "apt-get not found; install ${missing[*]} by hand"
    say "installing: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q || die "apt-get update failed"
    apt-get install -y -q "${missing[@]}" || die "apt-get install ${missing[*]} failed"
    say "installed: ${missing[*]}"
fi

[[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]] || die "/usr/bin/chromium or /usr/bin/chromedriver missing"
say "ready: $(/usr/bin/chromedriver --version | head -n 1)"
