// Weft console: deterministic positions for switches and hosts. Layered when every link joins
// adjacent layers counted from the least-connected switches (fat tree, leaf-spine, Clos); a
// circle relaxed by cytoscape's force layout otherwise (irregular backbones).
(function () {
  'use strict';

  /** Distinct neighbour switches of every switch. */
  function neighbours(switches, links) {
    const adj = new Map(switches.map((d) => [d, new Set()]));
    for (const l of links) {
      if (adj.has(l.src) && adj.has(l.dst) && l.src !== l.dst) {
        adj.get(l.src).add(l.dst);
        adj.get(l.dst).add(l.src);
      }
    }
    return adj;
  }

  /** Layers by BFS from the minimum-degree switches, or null when some link skips or stays in a layer. */
  function layers(switches, adj) {
    if (switches.length < 3) { return null; }
    const degree = (d) => adj.get(d).size;
    const min = Math.min(...switches.map(degree));
    const layer = new Map();
    let frontier = switches.filter((d) => degree(d) === min);
    frontier.forEach((d) => layer.set(d, 0));
    for (let depth = 1; frontier.length; depth++) {
      const next = [];
      for (const d of frontier) {
        for (const n of adj.get(d)) {
          if (!layer.has(n)) { layer.set(n, depth); next.push(n); }
        }
      }
      frontier = next;
    }
    if (layer.size !== switches.length) { return null; }
    for (const [d, ns] of adj) {
      for (const n of ns) {
        if (Math.abs(layer.get(d) - layer.get(n)) !== 1) { return null; }
      }
    }
    const count = Math.max(...layer.values()) + 1;
    return count >= 2 && count <= 6 ? layer : null;
  }

  /** Orders each layer by the mean position of its neighbours below (layer 0 by DPID). */
  function layeredPositions(switches, adj, layer, gap) {
    const rows = [];
    for (const d of [...switches].sort()) {
      const l = layer.get(d);
      (rows[l] = rows[l] || []).push(d);
    }
    const index = new Map();
    rows.forEach((row, l) => {
      if (l > 0) {
        const bary = (d) => {
          const below = [...adj.get(d)].filter((n) => layer.get(n) === l - 1).map((n) => index.get(n));
          return below.length ? below.reduce((a, b) => a + b, 0) / below.length : 0;
        };
        const keyed = row.map((d) => [bary(d), d]);
        keyed.sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : 1));
        rows[l] = keyed.map((k) => k[1]);
      }
      rows[l].forEach((d, i) => index.set(d, i / Math.max(1, rows[l].length - 1) * (rows[0].length - 1)));
    });
    const width = Math.max(...rows.map((r) => r.length)) * gap;
    const pos = {};
    rows.forEach((row, l) => {
      row.forEach((d, i) => {
        pos[d] = { x: (i + 0.5) * (width / row.length), y: (rows.length - 1 - l) * gap * 1.6 };
      });
    });
    return pos;
  }

  function circlePositions(switches, radius) {
    const pos = {};
    [...switches].sort().forEach((d, i, all) => {
      const a = (2 * Math.PI * i) / all.length;
      pos[d] = { x: radius * Math.cos(a), y: radius * Math.sin(a) };
    });
    return pos;
  }

  /**
   * Places the switches of cy; returns the layout's name. Hosts go just below (layered) or outside
   * (force) the switch they are attached to.
   */
  function apply(cy, switches, links) {
    const adj = neighbours(switches, links);
    const layer = layers(switches, adj);
    const gap = 90;
    let name;
    if (layer) {
      const pos = layeredPositions(switches, adj, layer, gap);
      cy.nodes('.switch').positions((n) => pos[n.data('dpid')]);
      name = 'layered';
    } else {
      const pos = circlePositions(switches, Math.max(150, switches.length * 20));
      cy.nodes('.switch').positions((n) => pos[n.data('dpid')]);
      const core = cy.nodes('.switch').union(cy.edges('.link'));
      core.layout({ name: 'cose', randomize: false, animate: false, fit: false, nodeOverlap: 40,
        nodeRepulsion: () => 400000, idealEdgeLength: () => 110, edgeElasticity: () => 60,
        gravity: 0.5, numIter: 3000, componentSpacing: 120 }).run();
      name = 'force';
    }
    placeHosts(cy, name === 'layered');
    cy.fit(undefined, 30);
    return name;
  }

  function placeHosts(cy, below) {
    const c = cy.nodes('.switch').boundingBox();
    const cx = (c.x1 + c.x2) / 2;
    const cyy = (c.y1 + c.y2) / 2;
    const bySwitch = new Map();
    cy.nodes('.host').forEach((h) => {
      const list = bySwitch.get(h.data('at')) || [];
      list.push(h);
      bySwitch.set(h.data('at'), list);
    });
    for (const [dpid, hosts] of bySwitch) {
      const sw = cy.getElementById('s:' + dpid);
      if (sw.empty()) { continue; }
      const p = sw.position();
      let dx = 0;
      let dy = 60;
      if (!below) {
        const len = Math.hypot(p.x - cx, p.y - cyy) || 1;
        dx = ((p.x - cx) / len) * 60;
        dy = ((p.y - cyy) / len) * 60;
      }
      hosts.sort((a, b) => (a.id() < b.id() ? -1 : 1)).forEach((h, i) => {
        const spread = (i - (hosts.length - 1) / 2) * 26;
        h.position({ x: p.x + dx + (below ? spread : -dy / 60 * spread), y: p.y + dy + (below ? 0 : dx / 60 * spread) });
      });
    }
  }

  window.WeftLayout = { apply: apply };
})();
