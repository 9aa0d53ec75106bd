// The admin page: reads /api/admin/report and /api/admin/gaps with the key typed above and draws
// them. Stored inputs are shown with textContent only: they are what people pasted.
(() => {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const SVG = 'http://www.w3.org/2000/svg';
  const KEY = 'gateway-doctor-admin-key';
  const pct = (r) => (r === null || r === undefined ? '–' : Math.round(r * 100) + ' %');

  const el = (tag, text, attrs) => {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    Object.entries(attrs || {}).forEach(([k, v]) => e.setAttribute(k, v));
    return e;
  };
  const svgEl = (tag, attrs, text) => {
    const e = document.createElementNS(SVG, tag);
    Object.entries(attrs).forEach(([k, v]) => e.setAttribute(k, v));
    if (text !== undefined) e.textContent = String(text);
    return e;
  };

  const get = async (path, key) => {
    const res = await fetch(path, { headers: { Authorization: 'Bearer ' + key } });
    const body = await res.json().catch(() => ({}));
    if (!res.ok) throw new Error(body.error || ('HTTP ' + res.status));
    return body;
  };

  /** Bars of conversations per day, fixed ones darker inside each bar. */
  const perDay = (svg, days) => {
    svg.replaceChildren();
    const width = svg.clientWidth || 480, height = 200, left = 30, bottom = 24;
    const max = Math.max(1, ...days.map((d) => d.conversations));
    const w = (width - left) / Math.max(1, days.length);
    svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
    svg.append(svgEl('text', { x: 0, y: 12 }, max), svgEl('text', { x: 0, y: height - bottom }, 0));
    days.forEach((d, i) => {
      const h = (height - bottom - 10) * d.conversations / max;
      const hf = (height - bottom - 10) * d.fixed / max;
      const x = left + i * w;
      const bar = svgEl('rect', { x: x + 1, y: height - bottom - h, width: Math.max(1, w - 2), height: h, fill: '#8fb3e8', class: 'day' });
      bar.append(svgEl('title', {}, `${d.day}: ${d.conversations} conversations, ${d.fixed} fixed`));
      svg.append(bar, svgEl('rect', { x: x + 1, y: height - bottom - hf, width: Math.max(1, w - 2), height: hf, fill: '#2d6bc4' }));
      if (i === 0) svg.append(svgEl('text', { x: x, y: height - 6 }, d.day.slice(5)));
      if (i === days.length - 1 && i > 0) svg.append(svgEl('text', { x: x + w, y: height - 6, 'text-anchor': 'end' }, d.day.slice(5)));
    });
  };

  /** One horizontal bar per entry: the share of conversations that reached a fix and were fixed. */
  const perEntry = (svg, entries) => {
    svg.replaceChildren();
    const rows = entries.filter((e) => e.reachedFix > 0);
    const width = svg.clientWidth || 480, left = 170, row = 22;
    const height = Math.max(40, rows.length * row + 10);
    svg.setAttribute('height', height);
    svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
    if (!rows.length) svg.append(svgEl('text', { x: 0, y: 20 }, 'No conversation has reached a fix yet.'));
    rows.forEach((e, i) => {
      const y = 5 + i * row, w = (width - left - 50) * (e.resolutionRate || 0);
      svg.append(svgEl('text', { x: 0, y: y + 14 }, e.entry.length > 26 ? e.entry.slice(0, 25) + '…' : e.entry));
      svg.append(svgEl('rect', { x: left, y: y + 3, width: width - left - 50, height: 14, fill: '#e6e9ee' }));
      const bar = svgEl('rect', { x: left, y: y + 3, width: Math.max(0, w), height: 14, fill: '#2e8b57', class: 'resolution' });
      bar.append(svgEl('title', {}, `${e.entry}: ${e.fixed} fixed of ${e.reachedFix} that reached a fix`));
      svg.append(bar, svgEl('text', { x: width - 45, y: y + 14 }, pct(e.resolutionRate)));
    });
  };

  const render = (report, gaps) => {
    const t = report.totals;
    $('totals').replaceChildren(...[
      ['conversations', t.conversations], ['matched', t.matched], ['reached a fix', t.reachedFix], ['fixed', t.fixed],
      ['not fixed', t.notFixed], ['handed off', t.handedOff], ['abandoned', t.abandoned], ['resolution', pct(t.resolutionRate)],
      ['tickets', t.tickets], ['events dropped', report.store.dropped],
    ].map(([label, value]) => {
      const f = el('div', null, { class: 'figure', 'data-figure': label });
      f.append(el('b', value), el('span', label));
      return f;
    }));
    perDay($('per-day'), report.days);
    perEntry($('per-entry'), report.entries);
    const table = $('entries');
    table.replaceChildren();
    const head = el('tr');
    ['entry / leaf', 'conversations', 'reached a fix', 'fixed', 'not fixed', 'handed off', 'abandoned', 'resolution']
      .forEach((h) => head.append(el('th', h)));
    table.append(head);
    report.entries.forEach((e) => {
      const tr = el('tr', null, { 'data-entry': e.entry });
      [e.title, e.conversations, e.reachedFix, e.fixed, e.notFixed, e.handedOff, e.abandoned, pct(e.resolutionRate)]
        .forEach((v) => tr.append(el('td', v)));
      table.append(tr);
      e.leaves.forEach((l) => {
        const lr = el('tr', null, { class: 'leaf' });
        [l.title, '', l.reached, l.fixed, l.notFixed, '', '', pct(l.resolutionRate)].forEach((v) => lr.append(el('td', v)));
        table.append(lr);
      });
    });
    const list = $('gaps');
    list.replaceChildren();
    if (!gaps.length) list.append(el('li', 'No gaps in this period.'));
    gaps.forEach((g) => {
      const li = el('li', null, { 'data-gap': g.id });
      li.append(el('span', g.kind.replace('_', ' '), { class: 'gap-kind' }), el('b', g.people + (g.people === 1 ? ' person' : ' people')),
        document.createTextNode(' — ' + g.title + ' '), el('code', g.id));
      g.examples.forEach((x) => li.append(el('blockquote', x.text)));
      list.append(li);
    });
  };

  const load = async () => {
    const key = $('key').value.trim();
    if (!key) { $('status').textContent = 'Type an admin key first.'; return; }
    try { sessionStorage.setItem(KEY, key); } catch (e) { /* private mode: keep it for this page only */ }
    $('status').textContent = 'Loading…';
    try {
      const since = encodeURIComponent($('since').value);
      const [report, gaps] = await Promise.all([get('/api/admin/report?since=' + since, key), get('/api/admin/gaps?since=' + since, key)]);
      render(report, gaps.gaps);
      $('status').textContent = '';
      document.body.dataset.loaded = 'true';
    } catch (e) {
      $('status').textContent = e.message;
    }
  };

  $('load').addEventListener('click', load);
  $('key').addEventListener('keydown', (e) => { if (e.key === 'Enter') load(); });
  try { $('key').value = sessionStorage.getItem(KEY) || ''; } catch (e) { /* nothing stored */ }
  if ($('key').value) load();
})();
