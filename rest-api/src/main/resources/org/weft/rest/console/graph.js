// Weft console: the topology graph (cytoscape.js) and the model tests read back from it.
(function () {
  'use strict';

  const linkKey = (l) => l.src.dpid + '/' + l.src.port + '>' + l.dst.dpid + '/' + l.dst.port;
  /** 00:00:00:00:00:00:03:01 -> 301 */
  const shortDpid = (d) => d.replace(/:/g, '').replace(/^0+(?=.)/, '');

  function colours() {
    const s = getComputedStyle(document.documentElement);
    const v = (n) => s.getPropertyValue(n).trim();
    return { fg: v('--fg'), bg: v('--bg'), up: v('--up'), down: v('--down'), path: v('--path'),
      sw: v('--switch'), host: v('--host'), focus: v('--focus'), muted: v('--muted'), busy: v('--busy'),
      hot: v('--hot') };
  }

  function style() {
    const c = colours();
    return [
      { selector: 'node', style: { label: 'data(label)', color: c.fg, 'font-size': 10,
        'text-valign': 'bottom', 'text-margin-y': 3 } },
      { selector: 'node.switch', style: { shape: 'round-rectangle', width: 34, height: 20,
        'background-color': c.sw, 'text-valign': 'center', 'text-margin-y': 0, color: c.bg } },
      { selector: 'node.switch.down', style: { 'background-color': c.down } },
      { selector: 'node.host', style: { shape: 'ellipse', width: 12, height: 12, 'background-color': c.host,
        'font-size': 8 } },
      { selector: 'node.picked', style: { 'border-width': 3, 'border-color': c.path } },
      { selector: 'node.selected', style: { 'border-width': 3, 'border-color': c.focus } },
      { selector: 'node.path', style: { 'background-color': c.path, color: '#000' } },
      { selector: 'edge', style: { 'curve-style': 'bezier', width: 'data(width)', 'line-color': c.up,
        'target-arrow-shape': 'triangle', 'target-arrow-color': c.up, 'arrow-scale': 0.6, opacity: 0.8 } },
      { selector: 'edge.attach', style: { width: 1, 'line-color': c.muted, 'target-arrow-shape': 'none',
        'line-style': 'dotted' } },
      { selector: 'edge.blocked', style: { 'line-style': 'dotted', opacity: 0.45 } },
      // Measured load (stats collector): half full and over, then hot (stats.hotThreshold).
      { selector: 'edge.link[utilisation >= 0.5]', style: { 'line-color': c.busy, 'target-arrow-color': c.busy,
        opacity: 1 } },
      { selector: 'edge.hot', style: { 'line-color': c.hot, 'target-arrow-color': c.hot, opacity: 1 } },
      { selector: 'edge.down', style: { 'line-color': c.down, 'target-arrow-color': c.down,
        'line-style': 'dashed', width: 3, opacity: 1 } },
      { selector: 'edge.path', style: { 'line-color': c.path, 'target-arrow-color': c.path, width: 4,
        opacity: 1, 'z-index': 10, 'line-style': 'solid' } },
      { selector: 'edge.selected', style: { 'line-color': c.focus, 'target-arrow-color': c.focus, width: 4 } },
    ];
  }

  /** Width from capacity: 1 px at 100 Mb/s or unknown, 3.5 px at 100 Gb/s. */
  const width = (l) => (l.capacityMbps ? Math.max(1, Math.min(4, Math.log10(l.capacityMbps) - 1)) : 1.5);

  function create(container, onTap) {
    const cy = cytoscape({ container: container, style: style(), wheelSensitivity: 0.3,
      boxSelectionEnabled: false, autoungrabify: false, minZoom: 0.1, maxZoom: 4 });
    const links = new Map();
    /** Keys of the links on the broadcast (flood) tree, both directions; null until known. */
    let tree = null;
    let paths = [];
    let layoutName = '';
    let relayout = null;

    cy.on('tap', 'node, edge', (e) => onTap(e.target.data()));
    // Hovering a link or a switch says what it is under the graph (no tooltips in a canvas).
    const readout = document.getElementById('hover');
    cy.on('mouseover', 'edge.link', (e) => {
      const d = e.target.data();
      readout.textContent = shortDpid(d.srcDpid) + '/' + d.srcPort + ' → ' + shortDpid(d.dstDpid) + '/'
        + d.dstPort + ': ' + (e.target.hasClass('down') ? 'down' : (d.latencyMs === null || d.latencyMs === undefined
        ? 'latency unmeasured' : d.latencyMs.toFixed(2) + ' ms')) + (d.capacityMbps ? ', ' + d.capacityMbps
        + ' Mb/s' : '') + (d.adminWeight !== 1 ? ', weight ' + (d.adminWeight === null ? '∞' : d.adminWeight) : '')
        + (typeof d.utilisation === 'number' ? ', ' + Math.round(d.utilisation * 100) + '% used' : '')
        + (typeof d.bitsPerSecond === 'number' ? ' (' + (d.bitsPerSecond / 1e6).toFixed(1) + ' Mb/s)' : '');
    });
    cy.on('mouseover', 'node', (e) => {
      const d = e.target.data();
      readout.textContent = d.kind === 'switch' ? d.dpid : d.mac + ' at ' + shortDpid(d.at) + '/' + d.port;
    });
    cy.on('mouseout', 'node, edge', () => { readout.textContent = ''; });
    window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => cy.style(style()));

    function scheduleLayout() {
      if (relayout) { return; }
      relayout = setTimeout(() => {
        relayout = null;
        const sw = cy.nodes('.switch').map((n) => n.data('dpid'));
        const ls = cy.edges('.link').map((e) => ({ src: e.data('srcDpid'), dst: e.data('dstDpid') }));
        layoutName = WeftLayout.apply(cy, sw, ls);
        document.getElementById('layout-name').textContent = '· ' + layoutName + ' layout';
      }, 150);
    }

    function upsertSwitch(dpid, up) {
      let n = cy.getElementById('s:' + dpid);
      if (n.empty()) {
        n = cy.add({ group: 'nodes', classes: 'switch', data: { id: 's:' + dpid, kind: 'switch', dpid: dpid,
          label: shortDpid(dpid) } });
        scheduleLayout();
      }
      n.toggleClass('down', !up);
    }

    function upsertLink(l, state) {
      const key = linkKey(l);
      const known = links.get(key);
      if (known && (l.utilisation === undefined || l.utilisation === null) && !l.hot) {
        l = Object.assign({}, l, { utilisation: known.utilisation, bitsPerSecond: known.bitsPerSecond,
          hot: known.hot });
      }
      const data = { kind: 'link', key: key, srcDpid: l.src.dpid, srcPort: l.src.port, dstDpid: l.dst.dpid,
        dstPort: l.dst.port, state: state, latencyMs: l.latencyMs, capacityMbps: l.capacityMbps,
        adminWeight: l.adminWeight, width: width(l), utilisation: l.utilisation, bitsPerSecond: l.bitsPerSecond,
        hot: l.hot === true };
      links.set(key, data);
      upsertSwitch(l.src.dpid, true);
      upsertSwitch(l.dst.dpid, true);
      let e = cy.getElementById('l:' + key);
      if (e.empty()) {
        e = cy.add({ group: 'edges', classes: 'link', data: Object.assign({ id: 'l:' + key,
          source: 's:' + l.src.dpid, target: 's:' + l.dst.dpid }, data) });
        scheduleLayout();
      } else {
        e.data(data);
      }
      e.toggleClass('down', state !== 'ACTIVE');
      e.toggleClass('blocked', tree !== null && !tree.has(key));
      e.toggleClass('hot', data.hot);
    }

    /**
     * A link's measured load: from /links (every few seconds) or a load event (HOT, COOLED).
     * Link events carry no load (null), so upsertLink keeps the last one known.
     */
    function setLoad(l, utilisation, bitsPerSecond, hot) {
      const key = linkKey(l);
      const e = cy.getElementById('l:' + key);
      if (e.empty()) { return; }
      const data = Object.assign(links.get(key), { utilisation: utilisation, bitsPerSecond: bitsPerSecond,
        hot: hot });
      e.data({ utilisation: utilisation, bitsPerSecond: bitsPerSecond, hot: hot });
      e.toggleClass('hot', hot);
      links.set(key, data);
    }

    /**
     * The broadcast spanning tree (GET /api/v1/topology's treeLinks): links off it carry no flooded
     * traffic (broadcast, unknown destinations) and are drawn dotted, like a blocked port.
     */
    function setTree(treeLinks) {
      tree = new Set();
      for (const l of treeLinks) {
        tree.add(linkKey(l));
        tree.add(linkKey({ src: l.dst, dst: l.src }));
      }
      cy.edges('.link').forEach((e) => e.toggleClass('blocked', !tree.has(e.data('key'))));
    }

    function upsertHost(h) {
      const id = 'h:' + h.mac;
      const at = h.location.dpid;
      const data = { kind: 'host', mac: h.mac, ips: h.ips, vlan: h.vlan, at: at, port: h.location.port,
        label: h.ips && h.ips.length ? h.ips[0] : h.mac.slice(-5) };
      let n = cy.getElementById(id);
      if (n.empty()) {
        upsertSwitch(at, true);
        cy.add([{ group: 'nodes', classes: 'host', data: Object.assign({ id: id }, data) },
          { group: 'edges', classes: 'attach', data: { id: 'a:' + h.mac, kind: 'attach', source: id,
            target: 's:' + at, width: 1 } }]);
        scheduleLayout();
      } else if (n.data('at') !== at) {
        cy.remove(n);
        return upsertHost(h);
      } else {
        n.data(data);
      }
      return data;
    }

    function removeHost(mac) { cy.remove(cy.getElementById('h:' + mac)); }

    /** Replaces everything with a fresh snapshot from the REST API. */
    function load(switches, linkList, hosts) {
      cy.batch(() => {
        cy.elements().remove();
        links.clear();
        switches.forEach((s) => upsertSwitch(s.dpid, true));
        linkList.forEach((l) => upsertLink(l, l.state || 'ACTIVE'));
        hosts.forEach(upsertHost);
      });
      showPaths(paths);
      scheduleLayout();
    }

    /** Marks a switch and its links down, as it disconnected. */
    function switchDown(dpid) {
      upsertSwitch(dpid, false);
      cy.getElementById('s:' + dpid).connectedEdges('.link').forEach((e) => {
        e.data('state', 'DOWN');
        e.addClass('down');
      });
    }

    function showPaths(list) {
      paths = list;
      cy.elements('.path').removeClass('path');
      for (const p of list) {
        p.switches.forEach((d) => cy.getElementById('s:' + d).addClass('path'));
        p.hops.forEach((h) => cy.getElementById('l:' + linkKey(h)).addClass('path'));
      }
    }

    function mark(cls, ids) {
      cy.elements('.' + cls).removeClass(cls);
      ids.forEach((id) => cy.getElementById(id).addClass(cls));
    }

    /** What the graph shows, read back from the rendered elements (for tests and the curious). */
    function model() {
      const shown = (p) => p.switches.every((d) => cy.getElementById('s:' + d).hasClass('path'));
      const rendered = paths.filter(shown).map((p) => p.switches.slice());
      return {
        layout: layoutName,
        switches: cy.nodes('.switch').map((n) => n.data('dpid')).sort(),
        switchesDown: cy.nodes('.switch.down').map((n) => n.data('dpid')).sort(),
        hosts: cy.nodes('.host').map((n) => ({ mac: n.data('mac'), ips: n.data('ips'), at: n.data('at') })),
        links: cy.edges('.link').map((e) => ({ src: e.data('srcDpid'), srcPort: e.data('srcPort'),
          dst: e.data('dstDpid'), dstPort: e.data('dstPort'), state: e.hasClass('down') ? 'DOWN' : 'ACTIVE',
          latencyMs: e.data('latencyMs'), adminWeight: e.data('adminWeight'),
          floodTree: !e.hasClass('blocked'), utilisation: e.data('utilisation'), hot: e.hasClass('hot'),
          colour: e.style('line-color') })),
        highlightedPath: rendered.length ? rendered[0] : [],
        highlightedPaths: rendered,
        laidOut: relayout === null && layoutName !== '',
      };
    }

    return { cy: cy, load: load, upsertSwitch: upsertSwitch, upsertLink: upsertLink, upsertHost: upsertHost,
      removeHost: removeHost, switchDown: switchDown, setTree: setTree, setLoad: setLoad, showPaths: showPaths, mark: mark, model: model,
      link: (key) => links.get(key), linkKey: linkKey, shortDpid: shortDpid };
  }

  window.WeftGraph = { create: create };
})();
