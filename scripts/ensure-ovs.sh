#!/usr/bin/env bash
# Make this machine ready for the Mininet suite: Open vSwitch, Mininet, ping, iperf3 and ethtool installed,
# OVS daemons running (userspace datapath is enough; no kernel module needed).
# Idempotent: safe to run again; prints what it did. Exits non-zero with a message when it cannot.
set -euo pipefail

PACKAGES=(openvswitch-switch mininet iputils-ping iperf3 ethtool)
OVS_CTL=/usr/share/openvswitch/scripts/ovs-ctl

say() { echo "ensure-ovs: $*"; }
die() {
    echo "ensure-ovs: ERROR: $*" >&2
    exit 1
}

[[ "$(id -u)" -eq 0 ]] || die "must run as root (Open vSwitch and Mininet need root); try: sudo $0"

missing=()
for pkg in "${PACKAGES[@]}"; do
    if dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
        say "package $pkg already installed"
    else
        missing+=("$pkg")
    fi
done

if ((${#missing[@]} > 0)); then
    command -v apt-get >/dev/null || die "apt-get not found; install ${missing[*]} by hand"
    say "installing: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q || die "apt-get update failed"
    apt-get install -y -q "${missing[@]}" || die "apt-get install ${missing[*]} failed"
    say "installed: ${missing[*]}"
fi

if ovs-vsctl -t 5 show >/dev/null 2>&1; then
    say "Open vSwitch already running"
else
    [[ -x "$OVS_CTL" ]] || die "$OVS_CTL not found; is openvswitch-switch installed correctly?"
    say "starting Open vSwitch ($OVS_CTL start --system-id=random --no-monitor)"
    # ovs-ctl warns about the open-files ulimit on some containers; harmless.
    "$OVS_CTL" start --system-id=random --no-monitor || die "ovs-ctl start failed"
    ovs-vsctl -t 5 show >/dev/null 2>&1 || die "OVS started but 'ovs-vsctl show' does not answer"
    say "Open vSwitch started"
fi

say "ready: $(ovs-vsctl --version | head -n 1)"
