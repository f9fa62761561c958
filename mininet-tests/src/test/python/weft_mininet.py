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
                           "controller":{"ip","port"}}; userspace datapath, fail_mode secure
  controllers_connected   {"switches"?:[names]} -> {"switches":{name:{"present","is_connected","targets"}}}
  ping                    {"src","dst","count"?,"interval"?,"timeout"?} -> {"sent","received"}
  pingall                 {"count"?,"timeout"?} -> {"pairs":[...],"sent","received"}
  link                    {"a","b","state":"up"|"down"}
  switch_stop             {"name"}   removes the bridge from OVS, keeps its links' interfaces
  switch_start            {"name"}   re-creates the bridge with the same ports and controller
  dump_flows, dump_groups, dump_ports, dump_ports_desc   {"switch"} -> {"output","lines"}
  stop                    stops the network; the driver then exits
"""

import json
import os
import re
import subprocess
import sys
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
        return {"links": self.describe_links(), "hosts": self.describe_hosts()}

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

    def cmd_dump_ports(self, req):
        return self.ofctl(req, "dump-ports")

    def cmd_dump_ports_desc(self, req):
        return self.ofctl(req, "dump-ports-desc")

    def cmd_stop(self, req):
        self.running = False
        self.shutdown()
        return {}

    def shutdown(self):
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
