#!/usr/bin/python3
"""Baseline for FailoverOutageBench: fast-failover groups installed by hand, no controller.

ring(4) on Open vSwitch's userspace datapath, OpenFlow 1.3, fail_mode secure and no controller.
h1 (on s1) reaches h2 (on s2) through a fast-failover group on s1 (primary: the s1-s2 cable,
backup: around the ring through s4 and s3); h2 answers through the mirror-image group on s2.
While h1 pings h2 every 10 ms, the s1-s2 cable is cut (both interfaces down, as the Mininet
driver does) and restored CUTS times. Prints one JSON object: per cut the largest gap between
consecutive replies (ms) and the requests lost (unanswered although a later one was answered).

Usage: /usr/bin/python3 ff_baseline.py CUTS    (root, Open vSwitch running; cleans up after)
"""

import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time

from mininet.log import setLogLevel
from mininet.net import Mininet
from mininet.node import OVSSwitch
from mininet.topo import Topo

# Ports: 1 = host, 2 = toward the next switch clockwise, 3 = toward the previous one.
RING = [("s1", "s2"), ("s2", "s3"), ("s3", "s4"), ("s4", "s1")]


class Ring4(Topo):
    def build(self):
        for i in range(1, 5):
            sw = self.addSwitch("s%d" % i, dpid="%016x" % i)
            self.addLink(self.addHost("h%d" % i), sw, port2=1)
        for a, b in RING:
            self.addLink(a, b, port1=2, port2=3)


def ofctl(command, switch, spec):
    out = subprocess.run(
        ["ovs-ofctl", "-O", "OpenFlow13", command, switch, spec], capture_output=True, text=True
    )
    if out.returncode != 0:
        raise RuntimeError("ovs-ofctl %s %s %s: %s" % (command, switch, spec, out.stderr))


def program(h1_mac, h2_mac):
    # Clockwise (port 2) is the short way from s1 to h2; counter-clockwise (port 3) from s2 to h1.
    ofctl("add-group", "s1", "group_id=1,type=ff,bucket=watch_port:2,output:2,"
          "bucket=watch_port:3,output:3")
    ofctl("add-flow", "s1", "dl_dst=%s,actions=group:1" % h2_mac)
    ofctl("add-flow", "s1", "dl_dst=%s,actions=output:1" % h1_mac)
    ofctl("add-group", "s2", "group_id=1,type=ff,bucket=watch_port:3,output:3,"
          "bucket=watch_port:2,output:2")
    ofctl("add-flow", "s2", "dl_dst=%s,actions=group:1" % h1_mac)
    ofctl("add-flow", "s2", "dl_dst=%s,actions=output:1" % h2_mac)
    for sw in ("s3", "s4"):  # the detour: s4 -> s3 -> s2 for h2, s3 -> s4 -> s1 for h1
        ofctl("add-flow", sw, "dl_dst=%s,actions=output:3" % h2_mac)
        ofctl("add-flow", sw, "dl_dst=%s,actions=output:2" % h1_mac)


def one_cut(h1, h2, cable):
    fd, path = tempfile.mkstemp(prefix="weft-ffbase-", suffix=".txt")
    with os.fdopen(fd, "w") as out:
        ping = h1.popen(["ping", "-n", "-D", "-i", "0.01", "-W", "1", h2.IP()],
                        stdout=out, stderr=subprocess.STDOUT)
    try:
        time.sleep(0.5)
        for intf in cable:
            intf.ifconfig("down")
        time.sleep(0.5)
    finally:
        ping.send_signal(signal.SIGINT)
        ping.wait(timeout=10)
    with open(path) as f:
        text = f.read()
    os.unlink(path)
    replies = [(float(t), int(s)) for t, s in
               re.findall(r"^\[(\d+\.\d+)\] .*icmp_seq=(\d+)", text, re.M)]
    if len(replies) < 2:
        raise RuntimeError("no replies around the cut:\n" + text)
    answered = {s for _, s in replies}
    lost = sum(1 for s in range(1, max(answered) + 1) if s not in answered)
    gap = max(b[0] - a[0] for a, b in zip(replies, replies[1:])) * 1000.0
    for intf in cable:
        intf.ifconfig("up")
    time.sleep(0.5)
    return {"outage_ms": round(gap, 1), "lost": lost}


def main():
    cuts = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    setLogLevel("warning")
    switch = lambda name, **kw: OVSSwitch(  # noqa: E731
        name, datapath="user", protocols="OpenFlow13", failMode="secure", **kw)
    net = Mininet(topo=Ring4(), switch=switch, controller=None, autoStaticArp=True)
    net.start()
    try:
        h1, h2 = net.get("h1", "h2")
        program(h1.MAC(), h2.MAC())
        if "0% packet loss" not in h1.cmd("ping -c 3 -i 0.2 -W 1 %s" % h2.IP()):
            raise RuntimeError("h1 cannot reach h2 through the hand-installed entries")
        s1, s2 = net.get("s1", "s2")
        cable = s1.connectionsTo(s2)[0]
        print(json.dumps({"cuts": [one_cut(h1, h2, cable) for _ in range(cuts)]}), flush=True)
    finally:
        net.stop()


if __name__ == "__main__":
    main()
