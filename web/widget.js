/*
 * Gateway Doctor chat widget. Embed with one tag:
 *   <script src="https://HOST/widget.js" data-title="..." data-greeting="..." data-color="#2563eb"
 *           data-position="right" async></script>
 * It talks to the server it was loaded from and draws itself inside a Shadow DOM, so the host
 * page's styles cannot reach it and its styles cannot reach the page.
 *
 * Safety rule: text typed or pasted by the user only ever goes into the page as textContent.
 * The one HTML inserted is a node's "html", which the server has already sanitized.
 */
(() => {
  'use strict';
  if (window.GatewayDoctor) return; // one widget per page, even when the tag is pasted twice

  const tag = document.currentScript ||
    // currentScript is null when the tag is injected late or run as a callback: find it by name.
    [...document.querySelectorAll('script[src]')].reverse().find((s) => /\/widget\.js(?:[?#]|$)/.test(s.src));
  if (!tag) return;
  const API = new URL(tag.src, location.href).origin;
  const data = tag.dataset;
  const TITLE = (data.title || 'Help with site errors').slice(0, 80);
  const GREETING = data.greeting ||
    'Hi! Paste the error you see (the page text, a log line or a screenshot) or describe what happens, and I will walk you through the fix.';
  // Replaced by the stylesheet when the server bundles the script; otherwise fetched on its own.
  const STYLES = '/*css*/';
  const KEY = 'gateway-doctor:' + API;
  const TIMEOUT = 20000;
  const MAX_IMAGE = 8 * 1024 * 1024;
  const MAX_TEXT = 60000;
  const KEPT = 80; // transcript items kept across reloads
  const SHOWN = 700; // characters of a long paste shown in its bubble (all of it is sent)

  const ICONS = {
    chat: '<path d="M4 5.5A2.5 2.5 0 0 1 6.5 3h11A2.5 2.5 0 0 1 20 5.5v8a2.5 2.5 0 0 1-2.5 2.5H10l-4.2 3.6c-.5.4-1.3 0-1.3-.6V16A2.5 2.5 0 0 1 4 13.5z"/>',
    close: '<path d="M6 6l12 12M18 6L6 18"/>',
    send: '<path d="M5 12h13M13 6l6 6-6 6"/>',
    image: '<rect x="3.5" y="4.5" width="17" height="15" rx="2.5"/><circle cx="9" cy="10" r="1.8"/><path d="M20.5 16l-5-5-8.5 8.5"/>',
    restart: '<path d="M4 12a8 8 0 1 0 2.4-5.7M4 4v4.5h4.5"/>',
  };

  // ---- small DOM helpers -------------------------------------------------------------------

  /** An element; string children become text nodes, never HTML. */
  const h = (name, props, ...kids) => {
    const e = document.createElement(name);
    for (const [k, v] of Object.entries(props || {})) {
      if (v == null || v === false) continue;
      if (k === 'class') e.className = v;
      else if (k === 'text') e.textContent = v;
      else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? '' : v);
    }
    e.append(...kids.filter((x) => x != null && x !== false));
    return e;
  };

  /** An icon from the constant table above (markup written here, never from input). */
  const icon = (name, cls) => {
    const s = h('span', { class: cls, 'aria-hidden': 'true' });
    s.innerHTML = '<svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">' + ICONS[name] + '</svg>';
    return s;
  };

  /** Plain text with **bold** and `code` spans, built from text nodes only. */
  const inline = (text) => String(text).split(/(\*\*[^*]+\*\*|`[^`]+`)/).filter(Boolean).map((part) =>
    /^\*\*[^*]+\*\*$/.test(part) ? h('strong', { text: part.slice(2, -2) })
      : /^`[^`]+`$/.test(part) ? h('code', { text: part.slice(1, -1) })
        : document.createTextNode(part));

  // ---- what survives a reload --------------------------------------------------------------

  const load = () => {
    try {
      const s = JSON.parse(sessionStorage.getItem(KEY));
      if (s && Array.isArray(s.items)) return s;
    } catch (e) { /* unreadable or blocked storage: start fresh */ }
    return { state: null, open: false, items: [] };
  };
  const store = load();
  const save = () => {
    store.items = store.items.slice(-KEPT);
    try { sessionStorage.setItem(KEY, JSON.stringify(store)); } catch (e) { /* full or blocked: keep going in memory */ }
  };

  // ---- the DOM -----------------------------------------------------------------------------

  const host = h('div', { id: 'gateway-doctor', 'data-gateway-doctor': '' });
  const shadow = host.attachShadow({ mode: 'open' });
  if (STYLES.startsWith('/*')) {
    shadow.append(h('link', { rel: 'stylesheet', href: API + '/widget.css' }));
  } else if (shadow.adoptedStyleSheets && window.CSSStyleSheet && 'replaceSync' in CSSStyleSheet.prototype) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(STYLES);
    shadow.adoptedStyleSheets = [sheet];
  } else {
    shadow.append(h('style', { text: STYLES }));
  }

  const root = h('div', { class: 'gd' + (data.position === 'left' ? ' left' : '') });
  const launcher = h('button', {
    type: 'button', class: 'launcher', 'aria-label': 'Open chat: ' + TITLE, 'aria-expanded': 'false',
    'aria-controls': 'gd-panel', onclick: () => (panel.hidden ? open(true) : close()),
  }, icon('chat', 'chat-icon'), icon('close', 'close-icon'));

  const log = h('div', { class: 'log', role: 'log', 'aria-live': 'polite', 'aria-relevant': 'additions', 'aria-label': 'Conversation' });
  const typing = h('div', { class: 'typing', hidden: true, 'aria-hidden': 'true' }, h('i'), h('i'), h('i'));
  const busyNote = h('span', { class: 'sr', role: 'status' });
  const scroll = h('div', { class: 'scroll' }, log, typing, busyNote);

  const input = h('textarea', {
    rows: '1', maxlength: String(MAX_TEXT), 'aria-label': 'Your message',
    placeholder: 'Paste the error or describe it', enterkeyhint: 'send',
  });
  const file = h('input', { type: 'file', accept: 'image/*', hidden: true, tabindex: '-1', 'aria-hidden': 'true' });
  const attach = h('button', { type: 'button', class: 'icon attach', 'aria-label': 'Attach a screenshot', hidden: true, onclick: () => file.click() }, icon('image'));
  const sendButton = h('button', { type: 'submit', class: 'icon send', 'aria-label': 'Send' }, icon('send'));
  const form = h('form', { onsubmit: (e) => { e.preventDefault(); sendTyped(); } }, attach, file, input, sendButton);

  const panel = h('section', { id: 'gd-panel', class: 'panel', role: 'dialog', 'aria-labelledby': 'gd-title', hidden: true },
    h('header', null,
      h('div', { class: 'heading' }, h('h2', { id: 'gd-title', text: TITLE }), h('p', { text: 'Guided troubleshooting' })),
      h('button', { type: 'button', class: 'icon', 'aria-label': 'New conversation', title: 'New conversation', onclick: reset }, icon('restart')),
      h('button', { type: 'button', class: 'icon', 'aria-label': 'Close chat', title: 'Close', onclick: () => close() }, icon('close'))),
    scroll, form, h('p', { class: 'foot', text: 'Gateway Doctor: answers from a guided knowledge base' }));

  root.append(panel, launcher);
  shadow.append(root);

  const color = data.color && window.CSS && CSS.supports('color', data.color) ? data.color : '';

  // ---- rendering ---------------------------------------------------------------------------

  const render = (item, restored) => {
    let el;
    if (item.t === 'user' || item.t === 'ocr') {
      el = h('div', { class: 'msg user' },
        item.t === 'ocr' ? h('span', { class: 'label', text: 'Text read from your screenshot:' }) : null,
        item.text + (item.more ? '… (' + item.more + ' more characters)' : ''));
    } else if (item.t === 'note') {
      el = h('div', { class: 'msg note' + (item.error ? ' error' : ''), text: item.text });
    } else {
      el = bot(item);
    }
    if (restored) el.classList.add('restored');
    log.append(el);
    return el;
  };

  /** A reply from the server: what it says, the node, its options, and the summary for a person. */
  const bot = (item) => {
    const r = item.r;
    const n = r.node || {};
    const el = h('div', { class: 'msg bot', 'data-kind': n.kind || 'greeting', 'data-node': n.id || null });
    if (item.topic && r.entry) {
      el.append(h('p', { class: 'topic' }, 'Problem: ', h('strong', { text: r.entry.title })));
      if (r.evidence && r.evidence.length) el.append(h('p', { class: 'say', text: 'Recognised: ' + r.evidence.join('; ') }));
    }
    if (r.say) el.append(h('p', { class: n.kind ? 'say' : null }, ...inline(r.say)));
    if (n.title) el.append(h('h3', { text: n.title }));
    if (n.html) {
      const md = h('div', { class: 'md' });
      md.innerHTML = n.html; // sanitized by the server against a fixed allow-list
      for (const a of md.querySelectorAll('a[href]')) {
        if (/^https?:/i.test(a.getAttribute('href'))) {
          a.target = '_blank';
          a.rel = 'noopener noreferrer nofollow';
        }
      }
      el.append(md);
    }
    if (r.handoff) {
      const pre = h('pre', { class: 'handoff', tabindex: '0', 'aria-label': 'Summary for support', text: r.handoff });
      const copy = h('button', { type: 'button', class: 'opt minor copy', 'data-keep': '' }, 'Copy summary');
      copy.addEventListener('click', () => copyText(r.handoff, copy));
      el.append(pre, h('div', { class: 'options' }, copy));
    }
    if (n.prompt) el.append(h('p', { class: 'prompt', text: n.prompt }));
    const options = (n.options || []).map((o) => option(o, item));
    if (r.can_go_back) {
      options.push(option({ id: 'back', label: 'Back' }, item, true));
      options.push(option({ id: 'start-over', label: 'Start over' }, item, true));
    }
    if (options.length) el.append(h('div', { class: 'options', role: 'group', 'aria-label': n.prompt || n.title || 'Options' }, ...options));
    if (item.topic && r.alternatives && r.alternatives.length) {
      el.append(h('details', { class: 'alts' }, h('summary', { text: 'Not the right problem?' }),
        h('div', { class: 'options' }, ...r.alternatives.map((a) => option({ id: 'entry:' + a.id, label: a.title }, item, true)))));
    }
    return el;
  };

  const option = (o, item, minor) => h('button', {
    type: 'button', class: 'opt' + (minor ? ' minor' : '') + (item.picked === o.id ? ' picked' : ''),
    'data-choice': o.id, onclick: (e) => choose(o, item, e.currentTarget),
  }, o.label);

  /** Only the newest reply's options can be picked: older ones belong to states already left. */
  const freeze = () => {
    const bots = log.querySelectorAll('.msg.bot');
    bots.forEach((m, i) => {
      for (const b of m.querySelectorAll('button.opt:not([data-keep])')) b.disabled = i !== bots.length - 1 || busy;
    });
  };

  const add = (item) => {
    store.items.push(item);
    save();
    const el = render(item, false);
    freeze();
    // Show a long answer from its start; a short one or the user's own line, at the bottom.
    requestAnimationFrame(() => {
      scroll.scrollTop = item.t === 'bot' && el.offsetHeight > scroll.clientHeight * 0.8
        ? el.offsetTop - 12 : scroll.scrollHeight;
    });
    return el;
  };

  const note = (text, error) => add({ t: 'note', text, error: !!error });

  // ---- talking to the server ---------------------------------------------------------------

  let busy = false;
  const setBusy = (on) => {
    busy = on;
    typing.hidden = !on;
    busyNote.textContent = on ? 'Looking this up…' : '';
    log.setAttribute('aria-busy', String(on));
    sendButton.disabled = on;
    freeze();
    if (on) scroll.scrollTop = scroll.scrollHeight;
  };

  const post = (path, body, headers) => {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), TIMEOUT);
    return fetch(API + path, { method: 'POST', body, headers, signal: abort.signal, credentials: 'omit' })
      .finally(() => clearTimeout(timer));
  };

  const failed = (e) => note(e && e.name === 'AbortError'
    ? 'The help service took too long to answer. Please try again.'
    : 'The help service cannot be reached right now. Please check your connection and try again.', true);

  /** Only the parts of a reply the widget shows: this is what is kept across reloads. */
  const slim = (r) => ({
    say: r.say || '',
    entry: r.entry && { id: r.entry.id, title: r.entry.title },
    evidence: [...new Set((r.evidence || []).map((e) => e.label))].slice(0, 3),
    alternatives: (r.alternatives || []).slice(0, 3).map((a) => ({ id: a.id, title: a.title })),
    node: r.node && { id: r.node.id, kind: r.node.kind, title: r.node.title, html: r.node.html, prompt: r.node.prompt, options: r.node.options },
    handoff: r.handoff || null,
    can_go_back: !!r.can_go_back,
  });

  /** One turn; when the server no longer accepts our state (it restarted), a typed message starts afresh. */
  const turn = async (body, text) => {
    setBusy(true);
    let expired = false;
    try {
      const res = await post('/api/chat', JSON.stringify(body), { 'Content-Type': 'application/json' });
      const reply = await res.json().catch(() => ({}));
      if (res.ok) {
        store.state = reply.state;
        // Name the problem (and offer others) when the conversation enters a new entry.
        const last = [...store.items].reverse().find((i) => i.t === 'bot' && i.r.node);
        const topic = !!reply.entry && (!last || !last.r.entry || last.r.entry.id !== reply.entry.id);
        return add({ t: 'bot', r: slim(reply), topic });
      }
      expired = res.status === 400 && body.state && /'state'/.test(reply.error || '');
      if (!expired) note(reply.error || 'Something went wrong (' + res.status + '). Please try again.', true);
    } catch (e) {
      failed(e);
    } finally {
      setBusy(false);
    }
    if (expired) {
      store.state = null;
      save();
      if (text) return turn({ message: text, channel: 'widget' }, null);
      note('This conversation has expired. Please describe the problem again.');
    }
    return null;
  };

  const send = async (text, kind) => {
    text = text.trim();
    if (!text || busy) return;
    add({ t: kind || 'user', text: text.slice(0, SHOWN), more: Math.max(0, text.length - SHOWN) });
    const el = await turn(store.state ? { state: store.state, message: text } : { message: text, channel: 'widget' }, text);
    if (el && shadow.activeElement !== input) focusFirstOption(el);
  };

  const sendTyped = () => {
    if (busy || !input.value.trim()) return;
    const text = input.value;
    input.value = '';
    grow();
    send(text);
  };

  const choose = async (o, item, button) => {
    if (busy) return;
    item.picked = o.id;
    button.classList.add('picked');
    add({ t: 'user', text: o.label });
    const el = await turn({ state: store.state, choice: o.id }, null);
    focusFirstOption(el);
  };

  /** After a button was pressed (and disabled), keyboard focus goes to the next choice, or the text box. */
  const focusFirstOption = (el) => {
    const next = el && el.querySelector('button.opt:not(:disabled)');
    (next || input).focus({ preventScroll: true });
  };

  const copyText = async (text, button) => {
    try {
      await navigator.clipboard.writeText(text);
      button.textContent = 'Copied';
    } catch (e) {
      // No clipboard permission (e.g. an insecure page): select the text so the user can copy it.
      const range = document.createRange();
      range.selectNodeContents(button.closest('.msg').querySelector('pre'));
      const sel = shadow.getSelection ? shadow.getSelection() : window.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
      button.textContent = 'Press Ctrl+C to copy';
    }
    setTimeout(() => { button.textContent = 'Copy summary'; }, 2500);
  };

  // ---- screenshots ---------------------------------------------------------------------------

  let ocr = false;
  let checked = false;
  /** Screenshots are offered only when the server says it can read them. */
  const checkOcr = async () => {
    if (checked) return;
    checked = true;
    try {
      const res = await fetch(API + '/health', { credentials: 'omit' });
      ocr = res.ok && (await res.json()).ocr === true;
    } catch (e) { ocr = false; }
    attach.hidden = !ocr;
    root.dataset.ocr = ocr ? 'on' : 'off';
  };

  const upload = async (image) => {
    if (busy) return;
    if (!ocr) return note('Screenshots cannot be read here. Please paste the error text instead.', true);
    if (!/^image\//.test(image.type)) return note('That file is not an image. Please attach a screenshot (PNG or JPEG).', true);
    if (image.size > MAX_IMAGE) return note('That image is larger than 8 MB. Please crop it to the error and try again.', true);
    note('Reading your screenshot…');
    setBusy(true);
    let text = null;
    try {
      const form = new FormData();
      form.append('image', image, image.name || 'screenshot.png');
      const res = await post('/api/ocr', form);
      const body = await res.json().catch(() => ({}));
      if (res.ok) text = String(body.text || '').trim();
      else note(body.error || 'The screenshot could not be read (' + res.status + ').', true);
    } catch (e) {
      failed(e);
    } finally {
      setBusy(false);
    }
    if (text === '') note('I could not find any text in that screenshot. Please paste the error text instead.', true);
    else if (text) send(text, 'ocr');
  };

  const imageIn = (list) => Array.from(list || []).find((f) => f.kind ? f.kind === 'file' && /^image\//.test(f.type) : /^image\//.test(f.type));

  file.addEventListener('change', () => {
    if (file.files[0]) upload(file.files[0]);
    file.value = '';
  });
  panel.addEventListener('paste', (e) => {
    // Copied text wins: a copied page selection can carry an image along with its text.
    if (!e.clipboardData || e.clipboardData.getData('text/plain')) return;
    const item = imageIn(e.clipboardData.items);
    if (item) {
      e.preventDefault();
      upload(item.getAsFile());
    }
  });
  const dragging = (e) => e.dataTransfer && Array.from(e.dataTransfer.types).includes('Files');
  panel.addEventListener('dragover', (e) => {
    if (!dragging(e)) return;
    e.preventDefault(); // also keeps the browser from leaving the page to open the file
    panel.classList.add('drop');
  });
  panel.addEventListener('dragleave', (e) => {
    if (!panel.contains(e.relatedTarget)) panel.classList.remove('drop');
  });
  panel.addEventListener('drop', (e) => {
    if (!dragging(e)) return;
    e.preventDefault();
    panel.classList.remove('drop');
    const image = imageIn(e.dataTransfer.files);
    if (image) upload(image);
    else note('Only images can be dropped here.', true);
  });

  // ---- opening, closing, typing -------------------------------------------------------------

  function open(focus) {
    panel.hidden = false;
    root.classList.add('open');
    launcher.setAttribute('aria-expanded', 'true');
    launcher.setAttribute('aria-label', 'Close chat: ' + TITLE);
    if (!store.items.length) add({ t: 'bot', r: { say: GREETING } });
    store.open = true;
    save();
    checkOcr();
    scroll.scrollTop = scroll.scrollHeight;
    if (focus) input.focus();
  }

  function close() {
    panel.hidden = true;
    root.classList.remove('open');
    launcher.setAttribute('aria-expanded', 'false');
    launcher.setAttribute('aria-label', 'Open chat: ' + TITLE);
    store.open = false;
    save();
    launcher.focus();
  }

  function reset() {
    if (busy) return;
    store.state = null;
    store.items = [];
    log.replaceChildren();
    add({ t: 'bot', r: { say: GREETING } });
    input.focus();
  }

  const grow = () => {
    input.style.height = '';
    input.style.height = Math.min(input.scrollHeight + 2, 132) + 'px';
  };
  input.addEventListener('input', grow);
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      sendTyped();
    }
  });
  root.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && !panel.hidden) {
      e.stopPropagation();
      close();
    }
  });

  // ---- start ---------------------------------------------------------------------------------

  // Restored before the widget is attached, so screen readers do not read the whole history again.
  store.items.forEach((item) => render(item, true));
  freeze();
  const mount = () => {
    document.body.append(host);
    if (color) {
      root.style.setProperty('--accent', color);
      const ink = inkFor(color);
      root.style.setProperty('--ink', ink);
      // A light accent is unreadable as link text on a light background: links then use the text colour.
      root.style.setProperty('--link', ink === '#fff' ? color : 'var(--text)');
    }
    if (store.open) open(false);
  };

  /** White or near-black text, whichever reads better on the accent colour. */
  function inkFor(c) {
    const probe = h('i');
    probe.style.color = c;
    root.append(probe);
    const rgb = (getComputedStyle(probe).color.match(/[\d.]+/g) || []).slice(0, 3).map(Number);
    probe.remove();
    if (rgb.length < 3) return '#fff';
    const [r, g, b] = rgb.map((v) => (v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.179 ? '#111' : '#fff';
  }

  window.GatewayDoctor = { open: () => open(true), close };
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount);
})();
