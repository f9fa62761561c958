#!/usr/bin/env bash
# Runs every test: unit tests, in-process integration tests with emulated switches, the web console's
# browser tests, and the Mininet end-to-end suite against real Open vSwitch. As root, it first installs and
# starts what the Mininet suite needs (scripts/ensure-ovs.sh: Debian packages openvswitch-switch mininet
# iputils-ping iperf3, OVS daemons) and the headless browser (scripts/ensure-browser.sh: Debian packages
# chromium chromium-driver), then runs
#   mvn -B verify -Pmininet --fail-at-end
# (--fail-at-end: a failure in one module, e.g. bench's jar ITs, does not keep the modules that do not
# depend on it, e.g. the Mininet suite, from running; the build still fails.)
# Without root the Mininet tests (and, without Chromium, the browser tests) skip themselves with the reason
# (and fail under CI=true).
# Extra arguments go to Maven.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "$(id -u)" -eq 0 ]]; then
    scripts/ensure-ovs.sh
    scripts/ensure-browser.sh
else
    echo "test.sh: not root: not installing/starting Open vSwitch; the Mininet tests will skip (or fail under CI=true)"
    echo "test.sh: not root: not installing Chromium; the browser tests skip without it (or fail under CI=true)"
fi
exec mvn -B verify -Pmininet --fail-at-end "$@"
