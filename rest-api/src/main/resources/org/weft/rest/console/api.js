// Weft console: talking to the REST API. The token is asked once and kept in sessionStorage only.
(function () {
  'use strict';
  const KEY = 'weft.apiToken';
  const BASE = '/api/v1';
  let asking = null;

  function token() { return sessionStorage.getItem(KEY); }

  function setToken(t) {
    if (t) { sessionStorage.setItem(KEY, t); } else { sessionStorage.removeItem(KEY); }
  }

  /** Shows the token dialog; resolves to the token entered, or null. One dialog at a time. */
  function askToken(reason) {
    if (asking) { return asking; }
    const dialog = document.getElementById('token-dialog');
    const input = document.getElementById('token-input');
    document.getElementById('token-reason').textContent = reason;
    input.value = '';
    asking = new Promise((resolve) => {
      dialog.addEventListener('close', () => {
        asking = null;
        if (dialog.returnValue === 'ok' && input.value.trim()) {
          setToken(input.value.trim());
          resolve(input.value.trim());
        } else {
          if (dialog.returnValue === 'forget') { setToken(null); }
          resolve(null);
        }
      }, { once: true });
      dialog.showModal();
      input.focus();
    });
    return asking;
  }

  function headers(extra) {
    const h = Object.assign({}, extra);
    const t = token();
    if (t) { h.Authorization = 'Bearer ' + t; }
    return h;
  }

  /** One API call; throws an Error with status and detail on a non-2xx answer. */
  async function call(method, path, body, retried) {
    if (method !== 'GET' && !token()) {
      if (!(await askToken('Changes need the API token.'))) { throw new Error('no API token given'); }
    }
    const init = { method: method, headers: headers(body === undefined ? {} : { 'Content-Type': 'application/json' }) };
    if (body !== undefined) { init.body = JSON.stringify(body); }
    const r = await fetch(BASE + path, init);
    if (r.status === 401 && !retried) {
      setToken(null);
      if (await askToken(method === 'GET' ? 'Reading needs the API token here.' : 'The API token was refused.')) {
        return call(method, path, body, true);
      }
    }
    const text = await r.text();
    const json = text ? JSON.parse(text) : null;
    if (!r.ok) {
      const e = new Error(json && json.detail ? json.detail : 'HTTP ' + r.status);
      e.status = r.status;
      throw e;
    }
    return json;
  }

  /** Splits a text/event-stream into (name, JSON data) pairs. */
  function parseBlock(block, onEvent) {
    let name = 'message';
    const data = [];
    for (const line of block.split('\n')) {
      if (line.startsWith('event:')) { name = line.slice(6).trim(); }
      else if (line.startsWith('data:')) { data.push(line.slice(5).replace(/^ /, '')); }
    }
    if (data.length) { onEvent(name, JSON.parse(data.join('\n'))); }
  }

  /**
   * Follows /api/v1/events for ever, reconnecting after 2 s. fetch rather than EventSource: it can
   * send the token when reads need one. onState(true) on every (re)connection: the caller reloads
   * what it shows, since events may have been missed meanwhile.
   */
  async function follow(onEvent, onState) {
    for (;;) {
      try {
        const r = await fetch(BASE + '/events', { headers: headers({ Accept: 'text/event-stream' }) });
        if (r.status === 401) {
          await askToken('The event stream needs the API token.');
        } else if (r.ok) {
          onState(true);
          const reader = r.body.pipeThrough(new TextDecoderStream()).getReader();
          let buf = '';
          for (;;) {
            const next = await reader.read();
            if (next.done) { break; }
            buf += next.value.replace(/\r\n/g, '\n');
            let i;
            while ((i = buf.indexOf('\n\n')) >= 0) {
              parseBlock(buf.slice(0, i), onEvent);
              buf = buf.slice(i + 2);
            }
          }
        }
      } catch (e) {
        console.warn('Weft event stream interrupted:', e.message);
      }
      onState(false);
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  }

  window.WeftApi = {
    get: (path) => call('GET', path),
    post: (path, body) => call('POST', path, body),
    put: (path, body) => call('PUT', path, body),
    del: (path, body) => call('DELETE', path, body),
    follow: follow,
    askToken: askToken,
    hasToken: () => token() !== null,
  };
})();
