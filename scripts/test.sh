#!/usr/bin/env bash
# Runs every test: unit tests, in-process integration tests with emulated switches, and the Mininet
# end-to-end suite against real Open vSwitch. Installs and starts what the Mininet suite needs first
# (Debian packages openvswitch-switch mininet iputils-ping iperf3; needs root), then runs
#   mvn -B verify -Pmininet
# Extra arguments go to Maven.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-ovs.sh
exec mvn -B verify -Pmininet "$@"
