// Weft console: start-up, live updates from the event stream, selection and the URL hash.
(function () {
  'use strict';
  const api = window.WeftApi;
  const panels = window.WeftPanels;
  let selection = {};
  let pending = null;
  const LOAD_REFRESH_MS = 5000;
  const graph = WeftGraph.create(document.getElementById('graph'), onTap);

  function onTap(data) {
    if (data.kind === 'switch') { select({ switch: data.dpid }); }
    else if (data.kind === 'link') { select({ link: data.key }); }
    else if (data.kind === 'host') { pickHost(data.mac); }
  }

  function pickHost(mac) {
    const hosts = (selection.hosts || []).filter((m) => m !== mac);
    if (hosts.length === (selection.hosts || []).length) { hosts.push(mac); }
    select({ hosts: hosts.slice(-2) });
  }

  function toHash(s) {
    if (s.switch) { return '#switch=' + s.switch; }
    if (s.link) { return '#link=' + s.link; }
    if (s.hosts && s.hosts.length) { return '#hosts=' + s.hosts.join(','); }
    return '';
  }

  function fromHash(hash) {
    const m = /^#(switch|link|hosts)=(.+)$/.exec(decodeURIComponent(hash));
    if (!m) { return {}; }
    return m[1] === 'hosts' ? { hosts: m[2].split(',').slice(0, 2) } : { [m[1]]: m[2] };
  }

  /** Shows a selection and puts it in the URL (a shareable link). */
  async function select(s) {
    selection = s;
    const hash = toHash(s);
    if (location.hash !== hash) { history.replaceState(null, '', hash || location.pathname); }
    graph.mark('selected', s.switch ? ['s:' + s.switch] : s.link ? ['l:' + s.link] : []);
    graph.mark('picked', (s.hosts || []).map((m) => 'h:' + m));
    if (!(s.hosts && s.hosts.length === 2)) { graph.showPaths([]); }
    updateLists();
    if (s.switch) {
      await panels.showSwitch(s.switch);
    } else if (s.link) {
      const l = graph.link(s.link);
      if (l) { panels.showLink(l, () => panels.showRouting().catch(report)); }
    } else if (s.hosts && s.hosts.length === 2) {
      await showPath();
    } else if (s.hosts && s.hosts.length === 1) {
      document.getElementById('details').innerHTML = '<p>Host ' + panels.esc(s.hosts[0])
        + ' picked: pick a second host for the path between them.</p>';
    } else {
      document.getElementById('details').innerHTML = '<p>Click a switch or a link, or two hosts for their path.</p>';
    }
  }

  /** Every lowest-cost path between the two picked hosts (ECMP), highlighted. */
  async function showPath() {
    const [a, b] = selection.hosts;
    let list = [];
    try {
      list = await api.get('/paths?src=' + encodeURIComponent(a) + '&dst=' + encodeURIComponent(b) + '&k=16');
    } catch (e) {
      if (e.status !== 404) { throw e; }
    }
    if (selection.hosts !== undefined && selection.hosts[0] === a && selection.hosts[1] === b) {
      const best = list.length ? list[0].cost : 0;
      const equal = list.filter((p) => Math.abs(p.cost - best) < 1e-9);
      graph.showPaths(equal);
      const label = (m) => { const n = graph.cy.getElementById('h:' + m); return n.empty() ? m : n.data('label'); };
      panels.showPaths(label(a), label(b), equal);
    }
  }

  function updateLists() {
    const m = graph.model();
    panels.list('switch-list', m.switches.map((d) => ({ key: d, label: graph.shortDpid(d), title: d,
      pressed: selection.switch === d, down: m.switchesDown.includes(d) })), (d) => select({ switch: d }));
    panels.list('host-list', m.hosts.sort((x, y) => (x.mac < y.mac ? -1 : 1)).map((h) => ({ key: h.mac,
      label: h.ips && h.ips.length ? h.ips[0] : h.mac, title: h.mac + ' at ' + h.at,
      pressed: (selection.hosts || []).includes(h.mac) })), pickHost);
    const down = m.links.filter((l) => l.state !== 'ACTIVE').length;
    document.getElementById('counts').textContent = m.switches.length + ' switches · ' + m.links.length
      + ' links' + (down ? ' (' + down + ' down)' : '') + ' · ' + m.hosts.length + ' hosts';
  }

  /** After a burst of events: lists, counts and the highlighted path follow, once. */
  function changed(pathToo) {
    if (pending) { pending.path = pending.path || pathToo; return; }
    pending = { path: pathToo };
    setTimeout(() => {
      const p = pending.path;
      pending = null;
      updateLists();
      if (p) { refreshTree().catch(report); }
      if (p && selection.hosts && selection.hosts.length === 2) { showPath().catch(report); }
    }, 100);
  }

  /** Failovers from before the page (or its event stream) connected, oldest first. */
  async function failoverHistory() {
    try {
      (await api.get('/failover/events')).forEach(panels.feed);
    } catch (e) {
      if (e.status !== 503) { throw e; } // 503: routing, and with it failover, is off
    }
  }

  /** The flood tree moves when links or switches come and go. */
  async function refreshTree() {
    graph.setTree((await api.get('/topology')).treeLinks);
  }

  function report(e) { console.warn('Weft console:', e.message); }

  async function refresh() {
    const [switches, links, hosts, topology] = await Promise.all([api.get('/switches'),
      api.get('/links'), api.get('/hosts'), api.get('/topology')]);
    graph.load(switches, links, hosts);
    graph.setTree(topology.treeLinks);
    failoverHistory().catch(report);
    updateLists();
    await select(fromHash(location.hash));
    panels.showRouting().catch(report);
    panels.showCluster().catch(report);
  }

  function onEvent(topic, e) {
    if (topic === 'device') {
      if (e.type === 'DEVICE_CONNECTED') { graph.upsertSwitch(e.dpid, true); }
      else if (e.type === 'DEVICE_DISCONNECTED') { graph.switchDown(e.dpid); }
      changed(true);
    } else if (topic === 'link') {
      graph.upsertLink(e.link, e.type === 'REMOVED' ? 'DOWN' : 'ACTIVE');
      const key = graph.linkKey(e.link);
      if (selection.link === key) { panels.updateLink(graph.link(key)); }
      changed(e.type !== 'UPDATED');
    } else if (topic === 'host') {
      if (e.type === 'REMOVED') { graph.removeHost(e.host.mac); } else { graph.upsertHost(e.host); }
      changed(e.type === 'MOVED');
    } else if (topic === 'failover') {
      panels.feed(e);
      changed(true);
    } else if (topic === 'mastership') {
      panels.showCluster().catch(report);
    } else if (topic === 'load') {
      const u = typeof e.utilisation === 'number' ? e.utilisation : null;
      graph.setLoad(e.link, u, e.bitsPerSecond, e.type === 'HOT');
    }
  }

  /** Utilisation changes without events between the hot and cool thresholds: re-read it now and then. */
  async function refreshLoad() {
    for (const l of await api.get('/links')) {
      graph.setLoad(l, l.utilisation, l.bitsPerSecond, l.hot === true);
    }
  }
  setInterval(() => {
    if (!document.hidden && document.getElementById('stream').classList.contains('live')) {
      refreshLoad().catch(report);
    }
  }, LOAD_REFRESH_MS);

  function onStream(live) {
    const s = document.getElementById('stream');
    s.textContent = live ? 'live' : 'reconnecting…';
    s.classList.toggle('live', live);
    if (live) { refresh().catch(report); }
  }

  window.addEventListener('hashchange', () => select(fromHash(location.hash)).catch(report));
  document.addEventListener('keydown', (ev) => {
    if (ev.key === 'Escape' && !document.getElementById('token-dialog').open) { select({}).catch(report); }
  });
  // Arrow keys on the focused graph step through the switches in DPID order.
  document.getElementById('graph').addEventListener('keydown', (ev) => {
    const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[ev.key];
    const all = graph.model().switches;
    if (!step || !all.length) { return; }
    ev.preventDefault();
    const at = all.indexOf(selection.switch);
    const next = at < 0 ? (step > 0 ? 0 : all.length - 1) : (at + step + all.length) % all.length;
    select({ switch: all[next] }).catch(report);
  });
  document.getElementById('token-button').addEventListener('click',
    () => api.askToken('Set the API token for changes (and reads, where they need it).'));

  window.weftConsole = {
    /**
     * The rendered graph: switches, directed links with state and whether they are on the flood
     * tree, hosts, highlighted path(s).
     */
    model: graph.model,
    /** The failover feed, newest first. */
    feed: () => [...document.querySelectorAll('#feed li')].map((li) => Object.assign({}, li.dataset)),
    /** Whether the event stream is connected. */
    live: () => document.getElementById('stream').classList.contains('live'),
    select: (hash) => select(fromHash(hash)),
    /** The colour the graph draws switches with now (follows the colour scheme). */
    switchColour: () => { const n = graph.cy.nodes('.switch'); return n.empty() ? null : n[0].style('background-color'); },
  };

  api.follow(onEvent, onStream);
})();
