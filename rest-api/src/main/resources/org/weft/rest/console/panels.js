// Weft console: the side panels (switch and link details, path list, routing, failover feed, lists).
(function () {
  'use strict';
  const api = window.WeftApi;
  const esc = (v) => String(v === null || v === undefined ? '' : v).replace(/[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
  const details = () => document.getElementById('details');
  const table = (head, rows) => '<div class="scroll"><table><thead><tr>' + head.map((h) => '<th>' + esc(h) + '</th>').join('')
    + '</tr></thead><tbody>' + rows.map((r) => '<tr>' + r.map((c) => (typeof c === 'number'
      ? '<td class="num">' + c + '</td>' : '<td>' + esc(c) + '</td>')).join('') + '</tr>').join('')
    + '</tbody></table></div>';
  const compact = (o) => (o ? JSON.stringify(o).replace(/[{}"]/g, '').replace(/,/g, ' ') : '');
  const actions = (list) => (list && list.length ? list.map(compact).join('; ') : 'drop');
  const failed = (what, e) => '<p class="error">' + esc(what) + ': ' + esc(e.message) + '</p>';

  async function showSwitch(dpid) {
    const at = '/switches/' + encodeURIComponent(dpid);
    details().innerHTML = '<h3>Switch ' + esc(dpid) + '</h3><p>Loading…</p>';
    const q = '?dpid=' + encodeURIComponent(dpid);
    const [sw, ports, flows, groups] = await Promise.allSettled([api.get(at), api.get(at + '/ports'),
      api.get('/flows' + q), api.get('/groups' + q)]);
    let html = '<h3>Switch ' + esc(dpid) + '</h3>';
    if (sw.status === 'fulfilled') {
      const s = sw.value;
      html += '<p>' + esc(s.protocol) + ' from ' + esc(s.address) + ', RTT ' + (s.rttMillis === null || s.rttMillis === undefined ? 'unmeasured' : esc(s.rttMillis) + ' ms') + ', '
        + esc(s.portCount) + ' ports</p>';
    } else {
      html += failed('switch', sw.reason);
    }
    html += '<h4>Ports and counters</h4>' + (ports.status === 'fulfilled'
      ? table(['port', 'state', 'Mb/s', 'rx pkts', 'tx pkts', 'rx bytes', 'tx bytes', 'drops', 'errors'],
        ports.value.map((p) => {
          const st = p.stats || {};
          return [p.port, p.linkUp && p.adminUp ? 'up' : 'down', p.speedMbps, st.rxPackets || 0,
            st.txPackets || 0, st.rxBytes || 0, st.txBytes || 0, (st.rxDropped || 0) + (st.txDropped || 0),
            (st.rxErrors || 0) + (st.txErrors || 0)];
        }))
      : failed('ports', ports.reason));
    html += '<h4>Flows</h4>' + (flows.status === 'fulfilled'
      ? table(['app', 'prio', 'match', 'actions', 'packets'], flows.value.map((f) => [f.app || f.appId,
        f.priority, compact(f.match) || 'any', actions(f.actions), f.packets]))
      : failed('flows', flows.reason));
    html += '<h4>Groups</h4>' + (groups.status === 'fulfilled'
      ? (groups.value.length ? table(['id', 'type', 'buckets'], groups.value.map((g) => [g.groupId, g.type,
        g.buckets.map((b) => (b.watchPort !== undefined ? 'watch ' + b.watchPort + ': ' : '')
          + actions(b.actions)).join(' | ')])) : '<p>none</p>')
      : failed('groups', groups.reason));
    details().innerHTML = html;
  }

  const linkFacts = (l) => table(['state', 'latency ms', 'capacity Mb/s', 'weight'], [[l.state,
    l.latencyMs === null || l.latencyMs === undefined ? 'unmeasured' : l.latencyMs, l.capacityMbps || 'unknown',
    l.adminWeight === null ? 'avoided' : l.adminWeight]]);

  /** Refreshes the facts of the link shown (the form is left alone, so typing is not lost). */
  function updateLink(l) {
    const facts = document.getElementById('link-facts');
    if (facts && facts.dataset.key === l.key) {
      facts.innerHTML = linkFacts(l);
      const input = document.getElementById('weight-input');
      if (input && document.activeElement !== input) { input.value = l.adminWeight === null ? '' : l.adminWeight; }
    }
  }

  function showLink(l, onSaved) {
    const short = (d) => d.replace(/:/g, '').replace(/^0+(?=.)/, '');
    details().innerHTML = '<h3 title="' + esc(l.key) + '">Link ' + esc(short(l.srcDpid)) + '/' + esc(l.srcPort)
      + ' → ' + esc(short(l.dstDpid)) + '/' + esc(l.dstPort) + '</h3>'
      + '<div id="link-facts" data-key="' + esc(l.key) + '">' + linkFacts(l) + '</div>'
      + '<form id="weight-form"><label>Admin weight (both directions) <input id="weight-input" type="number" '
      + 'min="0" step="any" value="' + esc(l.adminWeight === null ? '' : l.adminWeight) + '"></label> '
      + '<button type="submit">Set</button> <button type="button" id="weight-clear">Default</button>'
      + '<span id="weight-result" role="status"></span></form>';
    const ref = { src: { dpid: l.srcDpid, port: l.srcPort }, dst: { dpid: l.dstDpid, port: l.dstPort } };
    const result = document.getElementById('weight-result');
    const run = async (p) => {
      try { await p(); result.textContent = ' saved'; onSaved(); } catch (e) { result.textContent = ' ' + e.message; }
    };
    document.getElementById('weight-form').addEventListener('submit', (ev) => {
      ev.preventDefault();
      const w = Number(document.getElementById('weight-input').value);
      run(() => api.post('/link-weights', Object.assign({ weight: w }, ref)));
    });
    document.getElementById('weight-clear').addEventListener('click',
      () => run(() => api.del('/link-weights', ref)));
  }

  function showPaths(a, b, list) {
    details().innerHTML = '<h3>Path ' + esc(a) + ' → ' + esc(b) + '</h3>' + (list.length
      ? '<p>' + list.length + ' equal-cost path' + (list.length > 1 ? 's' : '') + ', cost ' + esc(list[0].cost)
        + '</p><ol>' + list.map((p) => '<li><span title="' + esc(p.switches.join(' → ')) + '">'
        + p.switches.map((d) => esc(d.replace(/:/g, '').replace(/^0+(?=.)/, ''))).join(' → ')
        + '</span></li>').join('') + '</ol>'
      : '<p>No path.</p>');
  }

  const METRICS = ['HOP_COUNT', 'LATENCY', 'ADMIN_WEIGHT', 'INVERSE_CAPACITY'];

  /** The routing panel: built once, then updated in place (a reload must not swap the form away). */
  async function showRouting() {
    const box = document.getElementById('routing');
    let r;
    let weights;
    try {
      [r, weights] = await Promise.all([api.get('/routing'), api.get('/link-weights')]);
    } catch (e) {
      box.innerHTML = e.status === 503 ? '<p>Routing is disabled.</p>' : failed('routing', e);
      return;
    }
    if (!document.getElementById('metric-form')) {
      box.innerHTML = '<form id="metric-form"><label>Metric <select id="metric">' + METRICS.map((m) =>
        '<option>' + m + '</option>').join('') + '</select></label> '
        + '<button type="submit">Apply</button> <span id="metric-result" role="status"></span></form>'
        + '<p id="routing-state"></p>';
      document.getElementById('metric-form').addEventListener('submit', async (ev) => {
        ev.preventDefault();
        const out = document.getElementById('metric-result');
        out.textContent = ' applying…';
        try {
          await api.put('/routing', { metric: document.getElementById('metric').value });
          out.textContent = ' applied';
          showRouting();
        } catch (e) {
          out.textContent = ' ' + e.message;
        }
      });
    }
    document.getElementById('metric').value = r.metric;
    document.getElementById('routing-state').textContent = r.routedHosts + ' hosts routed with ' + r.metric
      + '. Weights set: ' + weights.length + ' (click a link to change one).';
  }

  /**
   * The cluster panel (GET /cluster): one line for a single instance; else the ZooKeeper state, the
   * leader, every instance with how many switches it masters, and each switch's master.
   */
  async function showCluster() {
    const box = document.getElementById('cluster');
    let c;
    try {
      c = await api.get('/cluster');
    } catch (e) {
      box.innerHTML = failed('cluster', e);
      return;
    }
    if (!c.clustered) {
      box.innerHTML = '<p id="cluster-state">A single instance (' + esc(c.localNode) + '), master of every switch.</p>';
      return;
    }
    const masters = Object.entries(c.masters || {});
    box.innerHTML = '<p id="cluster-state">This instance: ' + esc(c.localNode) + '. Leader: '
      + esc(c.leader || 'none') + '. ZooKeeper: ' + esc(c.zookeeper) + '.</p>'
      + table(['instance', 'alive', 'switches'], c.nodes.map((n) => [n.id, n.alive ? 'yes' : 'no', n.switchesMastered]))
      + '<details><summary>Masters of ' + masters.length + ' switches</summary>'
      + table(['switch', 'master'], masters) + '</details>';
  }

  const time = (ms) => new Date(ms).toISOString().slice(11, 23);

  /** What identifies a failover event, whether it came from the history or the stream. */
  const feedKey = (e) => [e.type, e.cause, e.detectedAtMillis, e.reroutedAtMillis].join('|');

  /** Adds a failover event at the top of the feed (at most 100 kept), unless already shown. */
  function feed(e) {
    const list = document.getElementById('feed');
    const key = feedKey(e);
    if ([...list.children].some((li) => li.dataset.key === key)) { return; }
    const li = document.createElement('li');
    li.dataset.key = key;
    li.className = e.type;
    li.dataset.type = e.type;
    li.dataset.cause = e.cause;
    li.dataset.reactionMillis = e.reactionMillis;
    li.dataset.destinations = e.destinations;
    li.innerHTML = '<time>' + esc(time(e.detectedAtMillis)) + '</time> <b>' + esc(e.type) + '</b> '
      + esc(e.cause) + ': ' + esc(Number(e.reactionMillis).toFixed(1)) + ' ms, ' + esc(e.destinations)
      + ' destinations re-routed, ' + esc(e.flowChanges) + ' flow changes'
      + (e.linksLost && e.linksLost.length ? '<br><small>lost ' + e.linksLost.map(esc).join(', ') + '</small>' : '');
    list.prepend(li);
    while (list.children.length > 100) { list.lastChild.remove(); }
  }

  /**
   * Keeps a list of focusable buttons, one per item: rebuilt only when the items change, else
   * updated in place (so focus and a pending click survive live updates).
   */
  function list(id, items, onPick) {
    const ul = document.getElementById(id);
    const buttons = [...ul.querySelectorAll('button')];
    const same = buttons.length === items.length && buttons.every((b, i) => b.dataset.key === items[i].key);
    if (!same) {
      ul.replaceChildren(...items.map((it) => {
        const li = document.createElement('li');
        const b = document.createElement('button');
        b.type = 'button';
        b.dataset.key = it.key;
        b.addEventListener('click', () => onPick(it.key));
        li.append(b);
        return li;
      }));
    }
    ul.querySelectorAll('button').forEach((b, i) => {
      const it = items[i];
      if (b.textContent !== it.label) { b.textContent = it.label; }
      b.title = it.title;
      b.setAttribute('aria-pressed', String(Boolean(it.pressed)));
      b.classList.toggle('down', Boolean(it.down));
    });
  }

  window.WeftPanels = { showSwitch, showLink, updateLink, showPaths, showRouting, showCluster, feed, list, esc };
})();
