#!/usr/bin/python3
"""Mininet driver for Weft's end-to-end tests.

Speaks JSON lines over stdin/stdout: one request object per line, one response object per line.
Every response is {"ok": true, ...} or {"ok": false, "error": "..."}; a request's "id", if any, is
echoed back. Logs (including everything Mininet prints) go to stderr: at startup the original
stdout is duplicated for the protocol and fd 1 is pointed at stderr, so nothing else can write
to the protocol channel.

Run with Debian's Python (/usr/bin/python3), as root, with Open vSwitch running.

Commands:
  hello                   versions, to check that the driver is alive
  build                   {"switches":[{"name","dpid"}], "hosts":[{"name","ip"?,"mac"?}],
                           "links":[{"a","b","a_port"?,"b_port"?}], "protocol":"OpenFlow13"|"OpenFlow10",
                           "controller":{"ip","port"}, "more_controllers"?:[{"ip","port"}],
                           "quiet_hosts"?:true}; every switch connects to every controller; userspace datapath,
                           fail_mode secure; switch ports never send IPv6; with quiet_hosts
                           (default) hosts have IPv6 off too and send nothing until told to
  controllers_connected   {"switches"?:[names]} -> {"switches":{name:{"present","is_connected","targets","connected_targets"}}}
                          is_connected: at least one controller connection is up
  ping                    {"src","dst","count"?,"interval"?,"timeout"?} -> {"sent","received"}
  pingall                 {"count"?,"timeout"?} -> {"pairs":[...],"sent","received"}
  link                    {"a","b","state":"up"|"down"}
  switch_stop             {"name"}   removes the bridge from OVS, keeps its links' interfaces
  switch_start            {"name"}   re-creates the bridge with the same ports and controller
  dump_flows, dump_groups, dump_ports, dump_ports_desc   {"switch"} -> {"output","lines"}
  del_flows, del_groups   {"switch"}   ovs-ofctl del-flows / del-groups: entries removed behind the
                          controller's back (OVS tells the controller nothing)
  controller_detach       {"switch"} -> {"target"}   points the switch's controller at a loopback port
                          where nothing listens: it drops the connection, keeps its flows
                          (fail_mode secure) and retries in vain
  controller_attach       {"switch"}   gives the switch its controller back (as Mininet set it)
  pingset                 {"pairs":[[src,dst],...],"count"?,"timeout"?} -> {"pairs":[{src,dst,sent,received}]}
                          one process per source host, all sources in parallel
  announce                {"hosts"?:[names]} every host sends one ARP request (for 10.255.255.254)
  ping_bg_start           {"src","dst","interval"?} -> {"handle"}   ping -D in the background
  ping_bg_stop            {"handle"} -> {"sent","received","lost","unanswered_at_stop",
                                         "max_gap_ms","max_gap_after","gaps_ms":[5 largest]}
                          the largest gap between consecutive replies (start and stop count as replies)
  iperf                   {"src","dst","parallel"?,"seconds"?} -> {"bits_per_second","retransmits"}
                          TCP, iperf3 server on dst for one test
  iperf_bg_start          {"src","dst","seconds"?,"port"?} -> {"handle"}   one TCP iperf3 stream in the
                          background (server on dst for one test)
  iperf_bg_stop           {"handle"} -> {"bits_per_second","retransmits"}   waits for the client
                          (killed after its time + 10 s)
  shape_host              {"host","mbps"}   token bucket (tc tbf) on the host's egress: it sends at
                          most mbps Mbit/s
  replug                  {"host","switch","port"?} moves the switch end of the host's cable to
                          another switch (ovs-vsctl del-port/add-port); the host keeps its MAC and IP
  bridge_info             -> {"bridges":{name:{"fail_mode","protocols"}}}
  stop                    stops the network; the driver then exits
"""

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import traceback
from functools import partial

# Keep the protocol channel private before Mininet (or anything else) gets a chance to print.
_PROTO = os.fdopen(os.dup(1), "w", buffering=1, encoding="utf-8")
os.dup2(2, 1)
sys.stdout = sys.stderr

from mininet.log import setLogLevel  # noqa: E402
from mininet.net import Mininet  # noqa: E402
from mininet.node import OVSSwitch, RemoteController  # noqa: E402

PROTOCOLS = ("OpenFlow13", "OpenFlow10")
OFCTL_TIMEOUT_S = 20
NAME_RE = re.compile(r"^[a-z][a-z0-9]{0,9}$")


class UnprobedRemoteController(RemoteController):
    """RemoteController without Mininet's telnet probe of the controller port.

    The probe opens and drops a TCP connection, which the controller under test would see as a
    broken OpenFlow session; the Java side already checks that the port listens.
    """

    def checkListening(self):
        pass


class RequestError(Exception):
    """A bad request or a failed command; reported as {"ok": false}."""


def log(msg):
    sys.stderr.write("weft_mininet: %s\n" % msg)
    sys.stderr.flush()


def run(args, timeout=OFCTL_TIMEOUT_S):
    """Runs a command; returns stdout or raises RequestError with its stderr."""
    try:
        proc = subprocess.run(args, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise RequestError("timed out after %ss: %s" % (timeout, " ".join(args)))
    if proc.returncode != 0:
        raise RequestError(
            "%s exited %d: %s" % (" ".join(args), proc.returncode, proc.stderr.strip())
        )
    return proc.stdout


def norm_dpid(value):
    """Accepts 1, "1", "0000000000000001", "00:00:...:01", "of:000...1"; returns 16 hex digits."""
    if isinstance(value, int):
        number = value
    else:
        text = str(value).strip().lower()
        if text.startswith("of:"):
            text = text[3:]
        text = text.replace(":", "")
        if not re.fullmatch(r"[0-9a-f]{1,16}", text):
            raise RequestError("bad dpid: %r" % value)
        number = int(text, 16)
    if not 0 < number < 2**64:
        raise RequestError("dpid out of range: %r" % value)
    return "%016x" % number


def require(req, key, kind=None):
    if key not in req:
        raise RequestError("missing field: %s" % key)
    value = req[key]
    if kind is not None and not isinstance(value, kind):
        raise RequestError("field %s must be %s" % (key, kind.__name__))
    return value


def number(req, key, default, low, high):
    value = req.get(key, default)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise RequestError("field %s must be a number" % key)
    if not low <= value <= high:
        raise RequestError("field %s must be in [%s, %s]" % (key, low, high))
    return value


def vsctl_table(table, columns):
    """Reads an OVSDB table as a list of {column: value} using ovs-vsctl's JSON output."""
    out = run(
        ["ovs-vsctl", "-t", "10", "--format=json", "--columns=" + ",".join(columns), "list", table]
    )
    data = json.loads(out)
    return [dict(zip(data["headings"], row)) for row in data["data"]]


def ovsdb_value(value):
    """Decodes OVSDB JSON: ["uuid", u], ["set", [...]], ["map", [...]] or an atom."""
    if isinstance(value, list) and len(value) == 2:
        kind, inner = value
        if kind == "set":
            return [ovsdb_value(v) for v in inner]
        if kind == "uuid":
            return inner
        if kind == "map":
            return {k: ovsdb_value(v) for k, v in inner}
    return value


def as_list(value):
    return value if isinstance(value, list) else [value]


PING_RE = re.compile(r"(\d+) packets transmitted, (\d+) (?:packets )?received")


class Driver:
    def __init__(self):
        self.net = None
        self.protocol = None
        self.running = True
        self.background = {}
        self.iperfs = {}
        self.next_handle = 1

    # ---------------------------------------------------------------- helpers

    def need_net(self):
        if self.net is None:
            raise RequestError("no network: send build first")
        return self.net

    def node(self, name):
        net = self.need_net()
        if not isinstance(name, str) or name not in net.nameToNode:
            raise RequestError("unknown node: %r" % (name,))
        return net.nameToNode[name]

    def switch(self, name):
        node = self.node(name)
        if node not in self.net.switches:
            raise RequestError("not a switch: %s" % name)
        return node

    def host(self, name):
        node = self.node(name)
        if node not in self.net.hosts:
            raise RequestError("not a host: %s" % name)
        return node

    # --------------------------------------------------------------- commands

    def cmd_hello(self, req):
        version = run(["ovs-vsctl", "--version"]).splitlines()[0]
        return {"ovs": version, "python": sys.version.split()[0]}

    def cmd_build(self, req):
        if self.net is not None:
            raise RequestError("a network is already built: send stop first")
        protocol = req.get("protocol", "OpenFlow13")
        if protocol not in PROTOCOLS:
            raise RequestError("protocol must be one of %s" % (PROTOCOLS,))
        ctl = require(req, "controller", dict)
        ctl_ip = ctl.get("ip", "127.0.0.1")
        ctl_port = number(ctl, "port", None, 1, 65535)
        more = req.get("more_controllers", [])
        if not isinstance(more, list):
            raise RequestError("more_controllers must be a list")
        extra = [(c.get("ip", "127.0.0.1"), number(c, "port", None, 1, 65535)) for c in more]
        switches = require(req, "switches", list)
        hosts = req.get("hosts", [])
        links = req.get("links", [])
        if not switches:
            raise RequestError("at least one switch is needed")
        names = set()
        for spec in switches + hosts:
            name = require(spec, "name", str)
            if not NAME_RE.match(name) or name in names:
                raise RequestError("bad or duplicate node name: %r" % name)
            names.add(name)
        for spec in links:
            for end in ("a", "b"):
                if require(spec, end, str) not in names:
                    raise RequestError("link end %s not in the topology" % spec[end])

        switch_class = partial(OVSSwitch, datapath="user", protocols=protocol, failMode="secure")
        net = Mininet(
            topo=None,
            switch=switch_class,
            controller=None,
            build=False,
            autoSetMacs=False,
            autoStaticArp=False,
        )
        try:
            net.addController("c0", controller=UnprobedRemoteController, ip=ctl_ip, port=int(ctl_port))
            for i, (ip, port) in enumerate(extra, start=1):
                net.addController("c%d" % i, controller=UnprobedRemoteController, ip=ip, port=int(port))
            for spec in switches:
                net.addSwitch(spec["name"], dpid=norm_dpid(require(spec, "dpid")))
            for spec in hosts:
                params = {}
                if "ip" in spec:
                    params["ip"] = spec["ip"]
                if "mac" in spec:
                    params["mac"] = spec["mac"]
                net.addHost(spec["name"], **params)
            for spec in links:
                params = {}
                if "a_port" in spec:
                    params["port1"] = int(spec["a_port"])
                if "b_port" in spec:
                    params["port2"] = int(spec["b_port"])
                net.addLink(spec["a"], spec["b"], **params)
            net.build()
            self.silence_switch_ports(net)
            if req.get("quiet_hosts", True):
                self.silence_hosts(net)
            net.start()
        except Exception:
            log("build failed, stopping partial network")
            try:
                net.stop()
            except Exception:  # best effort; the Java side runs mn -c as well
                log(traceback.format_exc())
            raise
        self.net = net
        self.protocol = protocol
        offload_off = self.tx_offload_off(net.hosts)
        return {
            "links": self.describe_links(),
            "hosts": self.describe_hosts(),
            "switch_interfaces": {
                intf.name: intf.MAC() for sw in net.switches for intf in sw.intfList()
                if intf.name != "lo"
            },
            "tx_offload_off": offload_off,
        }

    @staticmethod
    def silence_switch_ports(net):
        """IPv6 off on the switches' interfaces (before they join a bridge).

        With the userspace datapath a switch port is a veth end in the root namespace, and the
        kernel sends IPv6 DAD/router solicitations/MLD reports from it: frames that a real switch
        port never originates, and that the controller would learn as hosts on fabric ports.
        """
        keys = [
            "net.ipv6.conf.%s.disable_ipv6=1" % intf.name
            for sw in net.switches
            for intf in sw.intfList()
            if intf.name != "lo"
        ]
        if keys:
            run(["sysctl", "-q", "-w"] + keys)

    @staticmethod
    def silence_hosts(net):
        """IPv6 off on the hosts, so that they send nothing (no DAD, router solicitations, MLD)
        until a test makes them: traffic then starts after the fabric is discovered."""
        for h in net.hosts:
            h.cmd("sysctl -q -w net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1")

    @staticmethod
    def tx_offload_off(hosts):
        """TX checksum offload off on every host interface (TCP over the userspace datapath
        otherwise carries unfinished checksums and the receiver drops it). False without ethtool."""
        if shutil.which("ethtool") is None:
            log("ethtool not found: TX offload stays on, TCP between hosts may fail")
            return False
        for h in hosts:
            for intf in h.intfList():
                if intf.name == "lo":
                    continue
                out = h.cmd("ethtool -K %s tx off >/dev/null 2>&1; echo rc=$?" % intf.name)
                if "rc=0" not in out:
                    raise RequestError("ethtool -K %s tx off failed: %s" % (intf.name, out.strip()))
        return True

    def describe_links(self):
        result = []
        for link in self.net.links:
            i1, i2 = link.intf1, link.intf2
            result.append(
                {
                    "a": i1.node.name,
                    "a_port": i1.node.ports[i1],
                    "b": i2.node.name,
                    "b_port": i2.node.ports[i2],
                }
            )
        return result

    def describe_hosts(self):
        return [{"name": h.name, "ip": h.IP(), "mac": h.MAC()} for h in self.net.hosts]

    def cmd_controllers_connected(self, req):
        net = self.need_net()
        wanted = req.get("switches") or [s.name for s in net.switches]
        for name in wanted:
            self.switch(name)
        bridges = {
            row["name"]: as_list(ovsdb_value(row["controller"]))
            for row in vsctl_table("Bridge", ["name", "controller"])
        }
        controllers = {
            ovsdb_value(row["_uuid"]): row
            for row in vsctl_table("Controller", ["_uuid", "target", "is_connected"])
        }
        result = {}
        for name in wanted:
            rows = [controllers[u] for u in bridges.get(name, []) if u in controllers]
            result[name] = {
                "present": name in bridges,
                "is_connected": any(row["is_connected"] is True for row in rows),
                "targets": [row["target"] for row in rows],
                "connected_targets": [row["target"] for row in rows if row["is_connected"] is True],
            }
        return {"switches": result}

    def ping_once(self, src, dst, count, interval, timeout):
        # -c/-i/-W bound the run to about count * interval + timeout seconds.
        out = src.cmd("ping -n -q -c %d -i %s -W %d %s" % (count, interval, timeout, dst.IP()))
        match = PING_RE.search(out)
        if not match:
            raise RequestError("cannot parse ping output: %s" % out.strip())
        return int(match.group(1)), int(match.group(2)), out

    def cmd_ping(self, req):
        src = self.host(require(req, "src", str))
        dst = self.host(require(req, "dst", str))
        count = int(number(req, "count", 3, 1, 100))
        interval = number(req, "interval", 0.2, 0.01, 5)
        timeout = int(number(req, "timeout", 1, 1, 10))
        sent, received, out = self.ping_once(src, dst, count, interval, timeout)
        return {"sent": sent, "received": received, "output": out}

    def cmd_pingall(self, req):
        net = self.need_net()
        count = int(number(req, "count", 1, 1, 10))
        timeout = int(number(req, "timeout", 1, 1, 10))
        pairs = []
        total_sent = total_received = 0
        for src in net.hosts:
            for dst in net.hosts:
                if src is dst:
                    continue
                sent, received, _ = self.ping_once(src, dst, count, 0.2, timeout)
                pairs.append({"src": src.name, "dst": dst.name, "sent": sent, "received": received})
                total_sent += sent
                total_received += received
        return {"pairs": pairs, "sent": total_sent, "received": total_received}

    def cmd_link(self, req):
        a = self.node(require(req, "a", str))
        b = self.node(require(req, "b", str))
        state = require(req, "state", str)
        if state not in ("up", "down"):
            raise RequestError("state must be up or down")
        connections = a.connectionsTo(b)
        if not connections:
            raise RequestError("%s and %s are not connected" % (a.name, b.name))
        for intf_a, intf_b in connections:
            for intf in (intf_a, intf_b):
                out = intf.ifconfig(state)
                if out:
                    raise RequestError("ifconfig %s %s failed: %s" % (intf, state, out.strip()))
        return {"interfaces": [[str(x), str(y)] for x, y in connections]}

    def cmd_switch_stop(self, req):
        sw = self.switch(require(req, "name", str))
        sw.stop(deleteIntfs=False)
        return {}

    def cmd_switch_start(self, req):
        sw = self.switch(require(req, "name", str))
        sw.start(self.net.controllers)
        return {}

    def ofctl(self, req, command):
        self.need_net()
        name = require(req, "switch", str)
        self.switch(name)
        out = run(["ovs-ofctl", "-O", self.protocol, command, name])
        return {"output": out, "lines": [line for line in out.splitlines() if line.strip()]}

    def cmd_dump_flows(self, req):
        return self.ofctl(req, "dump-flows")

    def cmd_dump_groups(self, req):
        if self.protocol == "OpenFlow10":
            raise RequestError("groups need OpenFlow 1.1 or later; this network speaks OpenFlow10")
        return self.ofctl(req, "dump-groups")

    def cmd_del_flows(self, req):
        return self.ofctl(req, "del-flows")

    def cmd_del_groups(self, req):
        if self.protocol == "OpenFlow10":
            raise RequestError("groups need OpenFlow 1.1 or later; this network speaks OpenFlow10")
        return self.ofctl(req, "del-groups")

    def cmd_controller_detach(self, req):
        """Points the switch's controller at a loopback port where nothing listens: the switch
        drops its connection and keeps retrying in vain. (Removing the controller instead,
        ovs-vsctl del-controller, makes OVS flush the bridge's flows: it does so whenever a bridge
        gains or loses its last primary controller.)"""
        sw = self.switch(require(req, "switch", str))
        probe = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            probe.bind(("127.0.0.1", 0))
            dead = probe.getsockname()[1]
        finally:
            probe.close()
        self.set_controllers(sw, ["tcp:127.0.0.1:%d" % dead])
        return {"target": "tcp:127.0.0.1:%d" % dead}

    def cmd_controller_attach(self, req):
        """Gives the switch its controllers back, as Mininet's OVSSwitch.start created them."""
        sw = self.switch(require(req, "switch", str))
        self.set_controllers(
            sw, ["%s:%s:%d" % (c.protocol, c.IP(), c.port) for c in self.net.controllers]
        )
        return {}

    @staticmethod
    def set_controllers(sw, targets):
        """Replaces the bridge's controller rows (same back-off as Mininet gives them)."""
        args = ["ovs-vsctl", "-t", "10"]
        ids = []
        for i, target in enumerate(targets):
            ids.append("@c%d" % i)
            args += ["--", "--id=@c%d" % i, "create", "Controller", 'target="%s"' % target]
            if sw.reconnectms:
                args.append("max_backoff=%d" % sw.reconnectms)
        args += ["--", "set", "bridge", sw.name, "controller=[%s]" % ",".join(ids)]
        run(args)

    def cmd_dump_ports(self, req):
        return self.ofctl(req, "dump-ports")

    def cmd_dump_ports_desc(self, req):
        return self.ofctl(req, "dump-ports-desc")

    def cmd_pingset(self, req):
        self.need_net()
        pairs = require(req, "pairs", list)
        count = int(number(req, "count", 1, 1, 10))
        timeout = int(number(req, "timeout", 1, 1, 10))
        by_src = {}
        for pair in pairs:
            if not isinstance(pair, list) or len(pair) != 2:
                raise RequestError("pairs must be [src, dst] lists")
            src, dst = self.host(pair[0]), self.host(pair[1])
            by_src.setdefault(src, []).append(dst)
        procs = []
        for src, dsts in by_src.items():
            script = "; ".join(
                "echo %s $(ping -n -q -c %d -i 0.2 -W %d %s | grep -o '[0-9]* received')"
                % (d.name, count, timeout, d.IP())
                for d in dsts
            )
            procs.append((src, src.popen(["sh", "-c", script], stdout=subprocess.PIPE,
                                         stderr=subprocess.STDOUT, text=True)))
        limit = len(pairs) * (count * 0.2 + timeout + 1) + 10
        results = []
        for src, proc in procs:
            try:
                out, _ = proc.communicate(timeout=limit)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.communicate()
                raise RequestError("pingset from %s timed out" % src.name)
            for line in out.splitlines():
                parts = line.split()
                if not parts:
                    continue
                received = int(parts[1]) if len(parts) >= 3 and parts[1].isdigit() else 0
                results.append(
                    {"src": src.name, "dst": parts[0], "sent": count, "received": received}
                )
        if len(results) != len(pairs):
            raise RequestError("pingset: %d answers for %d pairs" % (len(results), len(pairs)))
        return {"pairs": results}

    def cmd_announce(self, req):
        """Every host (or the given ones) sends one ARP request for an unused address, all in
        parallel: the controller sees each host once before any host-to-host traffic."""
        net = self.need_net()
        names = req.get("hosts") or [h.name for h in net.hosts]
        target = req.get("target", "10.255.255.254")
        procs = [
            self.host(n).popen(["ping", "-n", "-q", "-c", "1", "-W", "1", target],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            for n in names
        ]
        for proc in procs:
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        return {"hosts": names}

    def cmd_ping_bg_start(self, req):
        src = self.host(require(req, "src", str))
        dst = self.host(require(req, "dst", str))
        interval = number(req, "interval", 0.01, 0.002, 1)
        # A file, not a pipe: nobody reads while it runs, and a full pipe would stall ping.
        fd, path = tempfile.mkstemp(prefix="weft-ping-", suffix=".txt")
        with os.fdopen(fd, "w") as out:
            proc = src.popen(
                ["ping", "-n", "-D", "-i", str(interval), "-W", "1", dst.IP()],
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        handle = self.next_handle
        self.next_handle += 1
        self.background[handle] = (proc, time.time(), path)
        return {"handle": handle, "pid": proc.pid}

    def cmd_ping_bg_stop(self, req):
        handle = require(req, "handle", int)
        if handle not in self.background:
            raise RequestError("unknown handle %r" % handle)
        proc, started, path = self.background.pop(handle)
        stopped = time.time()
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        with open(path) as f:
            out = f.read()
        os.unlink(path)
        times = []
        answered = set()
        for line in out.splitlines():
            m = re.match(r"^\[(\d+\.\d+)\] \d+ bytes from .* icmp_seq=(\d+)", line)
            if m:
                times.append(float(m.group(1)))
                answered.add(int(m.group(2)))
        if len(times) < 2:
            # Nothing (or one reply) came back: the whole run is the gap.
            times = [started] + times + [stopped]
        gaps = sorted(
            (((b - a) * 1000.0, a) for a, b in zip(times, times[1:])), reverse=True
        )
        match = PING_RE.search(out)
        sent, received = (int(match.group(1)), int(match.group(2))) if match else (0, 0)
        # Lost = requests with no reply although a later request was answered. Requests after the
        # last answered one were still in flight when ping was interrupted: not lost, not counted.
        last = max(answered) if answered else sent
        lost = sum(1 for seq in range(1, last + 1) if seq not in answered)
        return {
            "sent": sent,
            "received": received,
            "lost": lost,
            "unanswered_at_stop": max(0, sent - last),
            "max_gap_ms": round(gaps[0][0], 1),
            "max_gap_after": gaps[0][1],
            "gaps_ms": [round(g, 1) for g, _ in gaps[:5]],
            "duration_ms": round((stopped - started) * 1000.0, 1),
        }

    def cmd_iperf(self, req):
        src = self.host(require(req, "src", str))
        dst = self.host(require(req, "dst", str))
        parallel = int(number(req, "parallel", 4, 1, 32))
        seconds = int(number(req, "seconds", 5, 1, 30))
        # 0: as fast as TCP goes; otherwise each stream is paced to this many bits/s (all alike).
        stream_bitrate = int(number(req, "stream_bitrate", 0, 0, 1000000000))
        server = dst.popen(
            ["iperf3", "-s", "-1", "-p", "5201"],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        try:
            deadline = time.time() + 5
            while "5201" not in dst.cmd("ss -ltn"):
                if time.time() > deadline:
                    raise RequestError("iperf3 server on %s did not listen" % dst.name)
                time.sleep(0.05)
            paced = ["-b", str(stream_bitrate)] if stream_bitrate else []
            client = src.popen(
                ["iperf3", "-c", dst.IP(), "-p", "5201", "-P", str(parallel), "-t", str(seconds),
                 "-J", "--connect-timeout", "3000"] + paced,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            try:
                out, err = client.communicate(timeout=seconds + 20)
            except subprocess.TimeoutExpired:
                client.kill()
                client.communicate()
                raise RequestError("iperf3 client timed out")
            try:
                data = json.loads(out)
            except ValueError:
                raise RequestError("iperf3 output unreadable: %s %s" % (out[-500:], err[-500:]))
            if "error" in data:
                raise RequestError("iperf3: %s" % data["error"])
            end = data.get("end", {})
            sent = end.get("sum_sent", {})
            received = end.get("sum_received", {})
            return {
                "bits_per_second": sent.get("bits_per_second", 0),
                "received_bits_per_second": received.get("bits_per_second", 0),
                "retransmits": sent.get("retransmits", 0),
                "streams": len(end.get("streams", [])),
            }
        finally:
            if server.poll() is None:
                server.kill()
            server.communicate()

    def cmd_iperf_bg_start(self, req):
        src = self.host(require(req, "src", str))
        dst = self.host(require(req, "dst", str))
        seconds = int(number(req, "seconds", 30, 1, 600))
        port = str(int(number(req, "port", 5202, 1024, 65535)))
        server = dst.popen(["iperf3", "-s", "-1", "-p", port],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 5
        while port not in dst.cmd("ss -ltn"):
            if time.time() > deadline:
                server.kill()
                server.wait()
                raise RequestError("iperf3 server on %s did not listen" % dst.name)
            time.sleep(0.05)
        fd, path = tempfile.mkstemp(prefix="weft-iperf-", suffix=".json")
        with os.fdopen(fd, "w") as out:
            client = src.popen(
                ["iperf3", "-c", dst.IP(), "-p", port, "-t", str(seconds), "-J",
                 "--connect-timeout", "3000"],
                stdout=out,
                stderr=subprocess.DEVNULL,
            )
        handle = self.next_handle
        self.next_handle += 1
        self.iperfs[handle] = (client, server, path, seconds)
        return {"handle": handle}

    def cmd_iperf_bg_stop(self, req):
        handle = require(req, "handle", int)
        if handle not in self.iperfs:
            raise RequestError("unknown handle %r" % handle)
        client, server, path, seconds = self.iperfs.pop(handle)
        try:
            client.wait(timeout=seconds + 10)
        except subprocess.TimeoutExpired:
            client.kill()
            client.wait()
        finally:
            if server.poll() is None:
                server.kill()
            server.wait()
        with open(path) as f:
            out = f.read()
        os.unlink(path)
        try:
            data = json.loads(out)
        except ValueError:
            raise RequestError("iperf3 output unreadable: %s" % out[-500:])
        if "error" in data:
            raise RequestError("iperf3: %s" % data["error"])
        sent = data.get("end", {}).get("sum_sent", {})
        return {"bits_per_second": sent.get("bits_per_second", 0),
                "retransmits": sent.get("retransmits", 0)}

    def cmd_shape_host(self, req):
        h = self.host(require(req, "host", str))
        mbps = number(req, "mbps", None, 0.1, 100000)
        intf = h.defaultIntf().name
        out = h.cmd("tc qdisc replace dev %s root tbf rate %smbit burst 64kb latency 100ms; echo rc=$?"
                    % (intf, mbps))
        if "rc=0" not in out:
            raise RequestError("tc on %s failed: %s" % (intf, out.strip()))
        return {"interface": intf}

    def cmd_replug(self, req):
        h = self.host(require(req, "host", str))
        sw = self.switch(require(req, "switch", str))
        links = [l for l in self.net.links if h in (l.intf1.node, l.intf2.node)]
        if len(links) != 1:
            raise RequestError("host %s must have exactly one cable" % h.name)
        link = links[0]
        intf = link.intf2 if link.intf1.node is h else link.intf1
        old = intf.node
        args = ["ovs-vsctl", "-t", "10", "del-port", old.name, intf.name,
                "--", "add-port", sw.name, intf.name]
        if "port" in req:
            args += ["--", "set", "Interface", intf.name,
                     "ofport_request=%d" % int(number(req, "port", 0, 1, 65000))]
        run(args)
        ofport = run(["ovs-vsctl", "-t", "10", "get", "Interface", intf.name, "ofport"]).strip()
        return {"interface": intf.name, "from": old.name, "to": sw.name, "ofport": int(ofport)}

    def cmd_bridge_info(self, req):
        self.need_net()
        result = {}
        for row in vsctl_table("Bridge", ["name", "fail_mode", "protocols"]):
            result[row["name"]] = {
                "fail_mode": ovsdb_value(row["fail_mode"]),
                "protocols": ovsdb_value(row["protocols"]),
            }
        return {"bridges": result}

    def cmd_stop(self, req):
        self.running = False
        self.shutdown()
        return {}

    def shutdown(self):
        for client, server, path, _ in self.iperfs.values():
            for proc in (client, server):
                if proc.poll() is None:
                    proc.kill()
                proc.wait()
            if os.path.exists(path):
                os.unlink(path)
        self.iperfs.clear()
        for proc, _, path in self.background.values():
            if proc.poll() is None:
                proc.kill()
            proc.wait()
            if os.path.exists(path):
                os.unlink(path)
        self.background.clear()
        if self.net is not None:
            net, self.net = self.net, None
            log("stopping network")
            net.stop()

    # --------------------------------------------------------------- dispatch

    def handle(self, line):
        req_id = None
        try:
            req = json.loads(line)
            if not isinstance(req, dict):
                raise RequestError("request must be a JSON object")
            req_id = req.get("id")
            cmd = req.get("cmd")
            handler = getattr(self, "cmd_%s" % cmd, None) if isinstance(cmd, str) else None
            if handler is None:
                raise RequestError("unknown cmd: %r" % (cmd,))
            started = time.monotonic()
            result = handler(req)
            log("%s done in %.2fs" % (cmd, time.monotonic() - started))
            response = {"ok": True}
            response.update(result)
        except RequestError as e:
            response = {"ok": False, "error": str(e)}
        except json.JSONDecodeError as e:
            response = {"ok": False, "error": "bad JSON: %s" % e}
        except Exception as e:  # never die on a request
            log(traceback.format_exc())
            response = {"ok": False, "error": "%s: %s" % (type(e).__name__, e)}
        if req_id is not None:
            response["id"] = req_id
        return response


def main():
    setLogLevel(os.environ.get("WEFT_MININET_LOGLEVEL", "info"))
    if os.geteuid() != 0:
        log("must run as root")
    driver = Driver()
    log("ready")
    try:
        for line in sys.stdin:
            if not line.strip():
                continue
            response = driver.handle(line)
            _PROTO.write(json.dumps(response) + "\n")
            _PROTO.flush()
            if not driver.running:
                break
    finally:
        try:
            driver.shutdown()
        except Exception:
            log(traceback.format_exc())
    log("exiting")
    return 0


if __name__ == "__main__":
    sys.exit(main())
