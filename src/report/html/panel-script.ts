/**
 * The page's only script, as a constant string so its CSP hash is fixed: it reads the inline JSON
 * data and fills the side panel for the clicked workload. It builds the panel with
 * `textContent` and `createElement` only, never `innerHTML`, so manifest strings stay text.
 * Without it the graph's links still lead to the static tables.
 */
export const PANEL_SCRIPT = `(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('reach-data').textContent);
  var panel = document.getElementById('panel');
  var graph = document.querySelector('svg.graph');
  var current = null;
  var opener = null;
  var TAGS = { 'plaintext': 'plaintext', 'default-allow': 'default allow', 'flagged': 'lint' };

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function line(label, values) {
    var d = el('div', 'kv');
    d.appendChild(el('span', 'k', label + ': '));
    // One value per line: requirements and exceptions are sentences, and run together otherwise.
    d.appendChild(el('span', 'v ' + label, values.length ? values.join('\\n') : '\\u2014'));
    return d;
  }
  function portLabel(f) {
    var t = f.targetPort !== null && f.targetPort !== f.port ? '\\u2192' + f.targetPort : '';
    return f.port + t + (f.protocol ? ' ' + f.protocol : '');
  }
  function tagWords(f) {
    return f.findings.map(function (t) { return t === 'flagged' ? 'lint ' + f.codes.join(' ') : TAGS[t]; });
  }
  function witnessWords(w) {
    if (!w) return null;
    var s = [w.method || '', w.path || '', w.host ? 'host ' + w.host : '', w.plaintext ? 'plaintext' : 'mTLS'];
    // Headers come as [name, value] pairs (repeatable lines) or as a name → value map.
    var h = w.headers || {};
    var pairs = Array.isArray(h) ? h : Object.keys(h).sort().map(function (k) { return [k, h[k]]; });
    pairs.forEach(function (p) { s.push(p[0] + ': ' + p[1]); });
    if (w.sni) s.push('sni ' + w.sni);
    if (w.token) s.push('token ' + JSON.stringify(w.token));
    return s.filter(Boolean).join(' \\u00b7 ');
  }
  function flowItem(f, otherIndex, direction) {
    var li = el('li', 'flow' + (f.findings.length ? ' finding' : ''));
    li.setAttribute('data-' + direction, data.nodes[otherIndex].id);
    var head = el('div', 'head');
    head.appendChild(el('strong', 'peer', data.nodes[otherIndex].id));
    head.appendChild(document.createTextNode(' :' + portLabel(f) + ' \\u00b7 ' + f.transport + (f.via ? ' via ' + f.via : '')));
    tagWords(f).forEach(function (w) { head.appendChild(document.createTextNode(' ')); head.appendChild(el('span', 'tag', w)); });
    li.appendChild(head);
    var ops = el('div', 'ops');
    // TCP has no methods or paths: say so rather than print empty fields.
    if (!f.methods.length && !f.paths.length) ops.appendChild(line('request', ['any bytes (' + (f.protocol || 'TCP') + ')']));
    else {
    ops.appendChild(line('methods', f.methods));
    ops.appendChild(line('paths', f.paths));
    if (f.hosts.length) ops.appendChild(line('hosts', f.hosts));
    }
    li.appendChild(ops);
    if (f.requires.length) li.appendChild(line('requires', f.requires));
    if (f.except.length) li.appendChild(line('except', f.except));
    li.appendChild(line('decided by', [f.decidedBy]));
    var w = witnessWords(f.witness);
    if (w) li.appendChild(line('witness', [w]));
    return li;
  }
  function section(title, cls, items, empty) {
    var s = el('section', 'panel-section');
    s.appendChild(el('h3', null, title));
    if (!items.length) { s.appendChild(el('p', 'empty', empty)); return s; }
    var ul = el('ul', cls);
    items.forEach(function (i) { ul.appendChild(i); });
    s.appendChild(ul);
    return s;
  }
  function open(i, from) {
    var n = data.nodes[i];
    current = i;
    opener = from || null;
    var body = document.getElementById('panel-body');
    body.textContent = '';
    var h = el('h2', null, n.id);
    h.id = 'panel-title';
    h.tabIndex = -1;
    body.appendChild(h);
    body.appendChild(el('p', 'identity', n.identity ? 'identity ' + n.identity : 'no workload identity'));
    if (n.tokens.length) {
      body.appendChild(section('tokens it holds', 'tokens', n.tokens.map(function (t) {
        return el('li', null, t.issuer + ' for ' + (t.audiences.join(', ') || 'any audience') + (t.replayable ? ' (replayable)' : '') + ': ' + t.why);
      }), ''));
    }
    var out = data.flows.filter(function (f) { return f.from === i; });
    var into = data.flows.filter(function (f) { return f.to === i && f.from !== i; });
    body.appendChild(section('blast radius: what it can reach (' + out.length + ')', 'reach-list',
      out.map(function (f) { return flowItem(f, f.to, 'to'); }), 'reaches nothing'));
    body.appendChild(section('paths to it: who can reach it (' + into.length + ')', 'reached-by-list',
      into.map(function (f) { return flowItem(f, f.from, 'from'); }), 'nobody reaches it'));
    panel.hidden = false;
    graph.classList.add('has-selection');
    Array.prototype.forEach.call(graph.querySelectorAll('.edge'), function (e) {
      var on = e.getAttribute('data-from') === String(i) || e.getAttribute('data-to') === String(i);
      e.classList.toggle('on', on);
    });
    Array.prototype.forEach.call(graph.querySelectorAll('a.node'), function (a) {
      var sel = a.getAttribute('data-i') === String(i);
      a.classList.toggle('selected', sel);
      if (sel) a.setAttribute('aria-current', 'true'); else a.removeAttribute('aria-current');
    });
    h.focus();
  }
  function close() {
    panel.hidden = true;
    current = null;
    graph.classList.remove('has-selection');
    Array.prototype.forEach.call(graph.querySelectorAll('.selected'), function (a) { a.classList.remove('selected'); a.removeAttribute('aria-current'); });
    if (opener) opener.focus();
  }
  Array.prototype.forEach.call(graph.querySelectorAll('a.node'), function (a) {
    a.addEventListener('click', function (ev) {
      ev.preventDefault();
      open(Number(a.getAttribute('data-i')), a);
    });
  });
  document.getElementById('panel-close').addEventListener('click', close);
  document.addEventListener('keydown', function (ev) {
    if (ev.key === 'Escape' && current !== null) close();
  });
  document.documentElement.classList.add('js');
})();`;
