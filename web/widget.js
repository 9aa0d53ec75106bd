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
  // One widget per page, even when the tag is pasted twice. A stub the page made before the script
  // loaded ({q: [...calls]}) is taken over: its calls are replayed once the widget is ready.
  const stub = window.GatewayDoctor;
  if (stub && stub.version) return;

  const tag = document.currentScript ||
    // currentScript is null when the tag is injected late or run as a callback: find it by name.
    [...document.querySelectorAll('script[src]')].reverse().find((s) => /\/widget\.js(?:[?#]|$)/.test(s.src));
  if (!tag) return;
  const API = new URL(tag.src, location.href).origin;
  const data = tag.dataset;
  // Every string the widget shows, by language. To add one: copy the "en" block, translate the
  // values (keep {0} where it is), and give it the language's two-letter code.
  const MESSAGES = {
    en: {
      title: 'Help with site errors', sub: 'Guided troubleshooting',
      greeting: 'Hi! Paste the error you see (the page text, a log line or a screenshot) or describe what happens, and I will walk you through the fix.',
      open: 'Open chat: {0}', closeAt: 'Close chat: {0}', close: 'Close chat', restart: 'New conversation', log: 'Conversation',
      input: 'Your message', placeholder: 'Paste the error or describe it', attach: 'Attach a screenshot', send: 'Send',
      foot: 'Gateway Doctor: answers from a guided knowledge base', shot: 'Text read from your screenshot:',
      more: '… ({0} more characters)', problem: 'Problem: ', seen: 'Recognised: ', summary: 'Summary for support',
      copy: 'Copy summary', copied: 'Copied', ctrlC: 'Press Ctrl+C to copy', back: 'Back', over: 'Start over',
      options: 'Options', other: 'Not the right problem?', busy: 'Looking this up…',
      slow: 'The help service took too long to answer. Please try again.',
      down: 'The help service cannot be reached right now. Please check your connection and try again.',
      failed: 'Something went wrong ({0}). Please try again.', expired: 'This conversation has expired. Please describe the problem again.',
      noOcr: 'Screenshots cannot be read here. Please paste the error text instead.',
      notImage: 'That file is not an image. Please attach a screenshot (PNG or JPEG).',
      tooBig: 'That image is larger than 8 MB. Please crop it to the error and try again.',
      reading: 'Reading your screenshot…', noText: 'I could not find any text in that screenshot. Please paste the error text instead.',
      onlyImages: 'Only images can be dropped here.',
      hoIntro: 'Send this summary to the support team and they will answer you by e-mail.',
      email: 'Your e-mail address', name: 'Your name (optional)', hoSend: 'Send to support', hoSending: 'Sending…',
      hoSent: 'Sent. The support team will answer you at {0}.',
      hoFailed: 'The summary could not be sent. Please copy it and send it to your support team yourself.',
      hoEmail: 'Please enter a valid e-mail address.',
    },
    de: {
      title: 'Hilfe bei Website-Fehlern', sub: 'Geführte Fehlersuche',
      greeting: 'Hallo! Fügen Sie den Fehler ein, den Sie sehen (den Seitentext, eine Logzeile oder einen Screenshot), oder beschreiben Sie, was passiert – ich führe Sie zur Lösung.',
      open: 'Chat öffnen: {0}', closeAt: 'Chat schließen: {0}', close: 'Chat schließen', restart: 'Neues Gespräch', log: 'Gespräch',
      input: 'Ihre Nachricht', placeholder: 'Fehler einfügen oder beschreiben', attach: 'Screenshot anhängen', send: 'Senden',
      foot: 'Gateway Doctor: Antworten aus einer geführten Wissensdatenbank', shot: 'Aus Ihrem Screenshot gelesener Text:',
      more: '… ({0} weitere Zeichen)', problem: 'Problem: ', seen: 'Erkannt: ', summary: 'Zusammenfassung für den Support',
      copy: 'Zusammenfassung kopieren', copied: 'Kopiert', ctrlC: 'Zum Kopieren Strg+C drücken', back: 'Zurück', over: 'Von vorn beginnen',
      options: 'Optionen', other: 'Nicht das richtige Problem?', busy: 'Ich schaue nach…',
      slow: 'Der Hilfedienst hat zu lange gebraucht. Bitte versuchen Sie es erneut.',
      down: 'Der Hilfedienst ist gerade nicht erreichbar. Bitte prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
      failed: 'Etwas ist schiefgegangen ({0}). Bitte versuchen Sie es erneut.', expired: 'Dieses Gespräch ist abgelaufen. Bitte beschreiben Sie das Problem noch einmal.',
      noOcr: 'Screenshots können hier nicht gelesen werden. Bitte fügen Sie den Fehlertext ein.',
      notImage: 'Diese Datei ist kein Bild. Bitte hängen Sie einen Screenshot an (PNG oder JPEG).',
      tooBig: 'Das Bild ist größer als 8 MB. Bitte schneiden Sie es auf den Fehler zu und versuchen Sie es erneut.',
      reading: 'Ich lese Ihren Screenshot…', noText: 'In diesem Screenshot habe ich keinen Text gefunden. Bitte fügen Sie den Fehlertext ein.',
      onlyImages: 'Hier können nur Bilder abgelegt werden.',
      hoIntro: 'Senden Sie diese Zusammenfassung an den Support; Sie erhalten die Antwort per E-Mail.',
      email: 'Ihre E-Mail-Adresse', name: 'Ihr Name (optional)', hoSend: 'An den Support senden', hoSending: 'Wird gesendet…',
      hoSent: 'Gesendet. Der Support antwortet Ihnen an {0}.',
      hoFailed: 'Die Zusammenfassung konnte nicht gesendet werden. Bitte kopieren Sie sie und senden Sie sie selbst an Ihren Support.',
      hoEmail: 'Bitte geben Sie eine gültige E-Mail-Adresse ein.',
    },
    fr: {
      title: 'Aide sur les erreurs du site', sub: 'Dépannage guidé',
      greeting: 'Bonjour ! Collez l’erreur affichée (le texte de la page, une ligne de journal ou une capture d’écran) ou décrivez ce qui se passe, et je vous guide jusqu’à la solution.',
      open: 'Ouvrir le chat : {0}', closeAt: 'Fermer le chat : {0}', close: 'Fermer le chat', restart: 'Nouvelle conversation', log: 'Conversation',
      input: 'Votre message', placeholder: 'Collez l’erreur ou décrivez-la', attach: 'Joindre une capture d’écran', send: 'Envoyer',
      foot: 'Gateway Doctor : réponses issues d’une base de connaissances guidée', shot: 'Texte lu dans votre capture :',
      more: '… ({0} caractères de plus)', problem: 'Problème : ', seen: 'Reconnu : ', summary: 'Résumé pour le support',
      copy: 'Copier le résumé', copied: 'Copié', ctrlC: 'Appuyez sur Ctrl+C pour copier', back: 'Retour', over: 'Recommencer',
      options: 'Options', other: 'Ce n’est pas le bon problème ?', busy: 'Recherche en cours…',
      slow: 'Le service d’aide a mis trop de temps à répondre. Veuillez réessayer.',
      down: 'Le service d’aide est injoignable pour le moment. Vérifiez votre connexion et réessayez.',
      failed: 'Une erreur s’est produite ({0}). Veuillez réessayer.', expired: 'Cette conversation a expiré. Décrivez à nouveau le problème.',
      noOcr: 'Les captures d’écran ne peuvent pas être lues ici. Collez plutôt le texte de l’erreur.',
      notImage: 'Ce fichier n’est pas une image. Joignez une capture d’écran (PNG ou JPEG).',
      tooBig: 'Cette image dépasse 8 Mo. Recadrez-la sur l’erreur et réessayez.',
      reading: 'Lecture de votre capture…', noText: 'Je n’ai trouvé aucun texte dans cette capture. Collez plutôt le texte de l’erreur.',
      onlyImages: 'Seules des images peuvent être déposées ici.',
      hoIntro: 'Envoyez ce résumé à l’équipe de support : elle vous répondra par e-mail.',
      email: 'Votre adresse e-mail', name: 'Votre nom (facultatif)', hoSend: 'Envoyer au support', hoSending: 'Envoi…',
      hoSent: 'Envoyé. L’équipe de support vous répondra à {0}.',
      hoFailed: 'Le résumé n’a pas pu être envoyé. Copiez-le et envoyez-le vous-même à votre support.',
      hoEmail: 'Saisissez une adresse e-mail valide.',
    },
    es: {
      title: 'Ayuda con errores del sitio', sub: 'Solución guiada',
      greeting: '¡Hola! Pegue el error que ve (el texto de la página, una línea de registro o una captura de pantalla) o describa lo que ocurre, y le guiaré hasta la solución.',
      open: 'Abrir chat: {0}', closeAt: 'Cerrar chat: {0}', close: 'Cerrar chat', restart: 'Nueva conversación', log: 'Conversación',
      input: 'Su mensaje', placeholder: 'Pegue el error o descríbalo', attach: 'Adjuntar una captura', send: 'Enviar',
      foot: 'Gateway Doctor: respuestas de una base de conocimiento guiada', shot: 'Texto leído de su captura:',
      more: '… ({0} caracteres más)', problem: 'Problema: ', seen: 'Reconocido: ', summary: 'Resumen para soporte',
      copy: 'Copiar resumen', copied: 'Copiado', ctrlC: 'Pulse Ctrl+C para copiar', back: 'Atrás', over: 'Empezar de nuevo',
      options: 'Opciones', other: '¿No es el problema correcto?', busy: 'Buscando…',
      slow: 'El servicio de ayuda tardó demasiado en responder. Inténtelo de nuevo.',
      down: 'No se puede contactar con el servicio de ayuda. Compruebe su conexión e inténtelo de nuevo.',
      failed: 'Algo salió mal ({0}). Inténtelo de nuevo.', expired: 'Esta conversación ha caducado. Describa el problema de nuevo.',
      noOcr: 'Aquí no se pueden leer capturas. Pegue el texto del error.',
      notImage: 'Ese archivo no es una imagen. Adjunte una captura (PNG o JPEG).',
      tooBig: 'La imagen supera los 8 MB. Recórtela al error e inténtelo de nuevo.',
      reading: 'Leyendo su captura…', noText: 'No encontré texto en esa captura. Pegue el texto del error.',
      onlyImages: 'Aquí solo se pueden soltar imágenes.',
      hoIntro: 'Envíe este resumen al equipo de soporte y le responderán por correo electrónico.',
      email: 'Su correo electrónico', name: 'Su nombre (opcional)', hoSend: 'Enviar a soporte', hoSending: 'Enviando…',
      hoSent: 'Enviado. El equipo de soporte le responderá en {0}.',
      hoFailed: 'No se pudo enviar el resumen. Cópielo y envíelo usted mismo a su equipo de soporte.',
      hoEmail: 'Introduzca un correo electrónico válido.',
    },
    pt: {
      title: 'Ajuda com erros do site', sub: 'Solução guiada',
      greeting: 'Olá! Cole o erro que você vê (o texto da página, uma linha de log ou uma captura de tela) ou descreva o que acontece, e eu guio você até a solução.',
      open: 'Abrir chat: {0}', closeAt: 'Fechar chat: {0}', close: 'Fechar chat', restart: 'Nova conversa', log: 'Conversa',
      input: 'Sua mensagem', placeholder: 'Cole o erro ou descreva-o', attach: 'Anexar captura de tela', send: 'Enviar',
      foot: 'Gateway Doctor: respostas de uma base de conhecimento guiada', shot: 'Texto lido da sua captura:',
      more: '… (mais {0} caracteres)', problem: 'Problema: ', seen: 'Reconhecido: ', summary: 'Resumo para o suporte',
      copy: 'Copiar resumo', copied: 'Copiado', ctrlC: 'Pressione Ctrl+C para copiar', back: 'Voltar', over: 'Recomeçar',
      options: 'Opções', other: 'Não é o problema certo?', busy: 'Procurando…',
      slow: 'O serviço de ajuda demorou demais para responder. Tente novamente.',
      down: 'O serviço de ajuda está inacessível agora. Verifique sua conexão e tente novamente.',
      failed: 'Algo deu errado ({0}). Tente novamente.', expired: 'Esta conversa expirou. Descreva o problema novamente.',
      noOcr: 'Capturas de tela não podem ser lidas aqui. Cole o texto do erro.',
      notImage: 'Esse arquivo não é uma imagem. Anexe uma captura de tela (PNG ou JPEG).',
      tooBig: 'A imagem tem mais de 8 MB. Recorte-a no erro e tente novamente.',
      reading: 'Lendo sua captura…', noText: 'Não encontrei texto nessa captura. Cole o texto do erro.',
      onlyImages: 'Apenas imagens podem ser soltas aqui.',
      hoIntro: 'Envie este resumo à equipe de suporte e ela responderá por e-mail.',
      email: 'Seu e-mail', name: 'Seu nome (opcional)', hoSend: 'Enviar ao suporte', hoSending: 'Enviando…',
      hoSent: 'Enviado. A equipe de suporte responderá em {0}.',
      hoFailed: 'Não foi possível enviar o resumo. Copie-o e envie-o você mesmo ao seu suporte.',
      hoEmail: 'Informe um e-mail válido.',
    },
  };
  // data-lang wins over the page's <html lang>; "pt-BR" finds "pt"; an unknown language falls back to English.
  const LANG = [data.lang, document.documentElement.lang, 'en'].map((l) => String(l || '').toLowerCase().split(/[-_]/)[0])
    .find((l) => MESSAGES[l]);
  const T = Object.assign({}, MESSAGES.en, MESSAGES[LANG]);
  /** A message in the widget's language, {0} replaced by the argument. */
  const t = (key, arg) => T[key].replace('{0}', arg);
  const TITLE = (data.title || T.title).slice(0, 80);
  const GREETING = data.greeting || T.greeting;
  // A page under a strict CSP gives its script tags a nonce; the styles added here carry the same one.
  // The browser hides the attribute after load, so the property is read; a script inserted by a nonced
  // loader ('strict-dynamic') has none of its own, so the page's first nonced script lends its nonce.
  const nonced = document.querySelector('script[nonce]');
  const NONCE = tag.nonce || tag.getAttribute('nonce') || (nonced && nonced.nonce) || '';
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

  // ---- events for the host page ----------------------------------------------------------------

  const listeners = {};
  /** Calls the page's handlers; a handler that throws does not break the widget or the others. */
  const emit = (event, detail) => (listeners[event] || []).slice().forEach((fn) => {
    try { fn(detail); } catch (e) { setTimeout(() => { throw e; }); }
  });

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
    return { state: null, open: false, items: [], unread: 0 };
  };
  const store = load();
  /** What the page told identify(), kept for the tab's life like the conversation. */
  let visitor = {};
  try { visitor = JSON.parse(sessionStorage.getItem(KEY + ':visitor')) || {}; } catch (e) { /* none kept */ }
  const save = () => {
    store.items = store.items.slice(-KEPT);
    try { sessionStorage.setItem(KEY, JSON.stringify(store)); } catch (e) { /* full or blocked: keep going in memory */ }
  };

  // ---- the DOM -----------------------------------------------------------------------------

  const host = h('div', { id: 'gateway-doctor', 'data-gateway-doctor': '' });
  const shadow = host.attachShadow({ mode: 'open' });
  if (STYLES.startsWith('/*')) {
    shadow.append(h('link', { rel: 'stylesheet', href: API + '/widget.css', nonce: NONCE || null }));
  } else if (NONCE) {
    shadow.append(h('style', { nonce: NONCE, text: STYLES }));
  } else if (shadow.adoptedStyleSheets && window.CSSStyleSheet && 'replaceSync' in CSSStyleSheet.prototype) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(STYLES);
    shadow.adoptedStyleSheets = [sheet];
  } else {
    shadow.append(h('style', { text: STYLES }));
  }

  const root = h('div', { class: 'gd' + (data.position === 'left' ? ' left' : ''), lang: LANG });
  const launcher = h('button', {
    type: 'button', class: 'launcher', 'aria-label': t('open', TITLE), 'aria-expanded': 'false',
    'aria-controls': 'gd-panel', onclick: () => (panel.hidden ? open(true) : close()),
  }, icon('chat', 'chat-icon'), icon('close', 'close-icon'), h('span', { class: 'badge', 'aria-hidden': 'true' }));

  const log = h('div', { class: 'log', role: 'log', 'aria-live': 'polite', 'aria-relevant': 'additions', 'aria-label': T.log });
  const typing = h('div', { class: 'typing', hidden: true, 'aria-hidden': 'true' }, h('i'), h('i'), h('i'));
  const busyNote = h('span', { class: 'sr', role: 'status' });
  const scroll = h('div', { class: 'scroll' }, log, typing, busyNote);

  const input = h('textarea', {
    rows: '1', maxlength: String(MAX_TEXT), 'aria-label': T.input,
    placeholder: T.placeholder, enterkeyhint: 'send',
  });
  const file = h('input', { type: 'file', accept: 'image/*', hidden: true, tabindex: '-1', 'aria-hidden': 'true' });
  const attach = h('button', { type: 'button', class: 'icon attach', 'aria-label': T.attach, hidden: true, onclick: () => file.click() }, icon('image'));
  const sendButton = h('button', { type: 'submit', class: 'icon send', 'aria-label': T.send }, icon('send'));
  const form = h('form', { onsubmit: (e) => { e.preventDefault(); sendTyped(); } }, attach, file, input, sendButton);

  const panel = h('section', { id: 'gd-panel', class: 'panel', role: 'dialog', 'aria-labelledby': 'gd-title', hidden: true },
    h('header', null,
      h('div', { class: 'heading' }, h('h2', { id: 'gd-title', text: TITLE }), h('p', { text: T.sub })),
      h('button', { type: 'button', class: 'icon', 'aria-label': T.restart, title: T.restart, onclick: reset }, icon('restart')),
      h('button', { type: 'button', class: 'icon', 'aria-label': T.close, title: T.close, onclick: () => close() }, icon('close'))),
    scroll, form, h('p', { class: 'foot', text: T.foot }));

  root.append(panel, launcher);
  shadow.append(root);

  const color = data.color && window.CSS && CSS.supports('color', data.color) ? data.color : '';

  // ---- rendering ---------------------------------------------------------------------------

  const render = (item, restored) => {
    let el;
    if (item.t === 'user' || item.t === 'ocr') {
      el = h('div', { class: 'msg user' },
        item.t === 'ocr' ? h('span', { class: 'label', text: T.shot }) : null,
        item.text + (item.more ? t('more', item.more) : ''));
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
    const el = h('div', { class: 'msg bot', 'data-kind': n.kind || 'greeting', 'data-node': n.id || null, lang: r.lang || null });
    if (item.topic && r.entry) {
      el.append(h('p', { class: 'topic' }, T.problem, h('strong', { text: r.entry.title })));
      if (r.evidence && r.evidence.length) el.append(h('p', { class: 'say', text: T.seen + r.evidence.join('; ') }));
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
      const pre = h('pre', { class: 'handoff', tabindex: '0', 'aria-label': T.summary, text: r.handoff });
      const copy = h('button', { type: 'button', class: 'opt minor copy', 'data-keep': '' }, T.copy);
      copy.addEventListener('click', () => copyText(r.handoff, copy));
      el.append(pre, h('div', { class: 'options' }, copy), handoffForm(item));
    }
    if (n.prompt) el.append(h('p', { class: 'prompt', text: n.prompt }));
    const options = (n.options || []).map((o) => option(o, item));
    if (r.can_go_back) {
      options.push(option({ id: 'back', label: T.back }, item, true));
      options.push(option({ id: 'start-over', label: T.over }, item, true));
    }
    if (options.length) el.append(h('div', { class: 'options', role: 'group', 'aria-label': n.prompt || n.title || T.options }, ...options));
    if (item.topic && r.alternatives && r.alternatives.length) {
      el.append(h('details', { class: 'alts' }, h('summary', { text: T.other }),
        h('div', { class: 'options' }, ...r.alternatives.map((a) => option({ id: 'entry:' + a.id, label: a.title }, item, true)))));
    }
    return el;
  };

  /**
   * Asks for an address and sends the summary to a person. Shown only when the server has a route
   * (CSS hides it otherwise); whatever happens, the summary and its copy button stay.
   */
  const handoffForm = (item) => {
    const status = h('p', { class: 'ho-status', role: 'status' });
    const email = h('input', { type: 'email', required: true, autocomplete: 'email', 'aria-label': T.email, placeholder: T.email, value: visitor.email || null });
    const name = h('input', { type: 'text', autocomplete: 'name', maxlength: '200', 'aria-label': T.name, placeholder: T.name, value: visitor.name || null });
    const button = h('button', { type: 'submit', class: 'opt' }, T.hoSend);
    const form = h('form', { class: 'ho', 'data-sent': item.sent || null, novalidate: true }, h('p', { text: T.hoIntro }), email, name, h('div', { class: 'options' }, button), status);
    const show = (state, to) => {
      item.sent = state;
      form.dataset.sent = state;
      status.textContent = state === 'sent' ? t('hoSent', to || item.to) : state === 'failed' ? T.hoFailed : '';
      status.classList.toggle('error', state === 'failed');
    };
    if (item.sent) show(item.sent);
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const to = email.value.trim();
      if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(to)) {
        status.textContent = T.hoEmail;
        status.classList.add('error');
        return email.focus();
      }
      button.disabled = true;
      status.classList.remove('error');
      status.textContent = T.hoSending;
      item.to = to;
      let state = 'failed';
      try {
        const res = await post('/api/handoff', JSON.stringify({
          state: item.s, email: to, name: name.value.trim() || null, page: location.href.slice(0, 2000), lang: LANG,
          visitor: visitor.id || visitor.email || visitor.name || visitor.plan ? visitor : null,
        }), { 'Content-Type': 'application/json' });
        const body = await res.json().catch(() => ({}));
        if (res.ok && body.id) state = await delivered(body.id);
      } catch (err) { /* unreachable: reported as not sent */ }
      button.disabled = false;
      show(state, to);
      save();
      emit('handoff', { status: state, entry: item.r.entry || null });
    });
    return form;
  };

  /** Polls the delivery status until it is settled; slower and slower, for up to about five minutes. */
  const delivered = async (id) => {
    for (let i = 0, wait = 500; i < 60; i++, wait = Math.min(wait * 1.5, 10000)) {
      await new Promise((r) => setTimeout(r, wait));
      try {
        const res = await fetch(API + '/api/handoff/' + encodeURIComponent(id), { credentials: 'omit' });
        const s = await res.json();
        if (!res.ok) return 'failed';
        if (s.status !== 'queued') return s.status;
      } catch (e) { /* a blip: ask again */ }
    }
    return 'failed';
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
    busyNote.textContent = on ? T.busy : '';
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

  const failed = (e) => note(e && e.name === 'AbortError' ? T.slow : T.down, true);

  /** Only the parts of a reply the widget shows: this is what is kept across reloads. */
  const slim = (r) => ({
    say: r.say || '',
    entry: r.entry && { id: r.entry.id, title: r.entry.title },
    evidence: [...new Set((r.evidence || []).map((e) => e.label))].slice(0, 3),
    alternatives: (r.alternatives || []).slice(0, 3).map((a) => ({ id: a.id, title: a.title })),
    node: r.node && { id: r.node.id, kind: r.node.kind, title: r.node.title, html: r.node.html, prompt: r.node.prompt, options: r.node.options },
    handoff: r.handoff || null,
    can_go_back: !!r.can_go_back,
    lang: r.lang || null,
  });

  /** One turn; when the server no longer accepts our state (it restarted), a typed message starts afresh. */
  const turn = async (body, text) => {
    setBusy(true);
    let expired = false;
    try {
      const res = await post('/api/chat', JSON.stringify(Object.assign({ lang: LANG }, body)), { 'Content-Type': 'application/json' });
      const reply = await res.json().catch(() => ({}));
      if (res.ok) {
        store.state = reply.state;
        // Name the problem (and offer others) when the conversation enters a new entry.
        const last = [...store.items].reverse().find((i) => i.t === 'bot' && i.r.node);
        const topic = !!reply.entry && (!last || !last.r.entry || last.r.entry.id !== reply.entry.id);
        const el = add({ t: 'bot', r: slim(reply), topic, s: reply.handoff ? reply.state : undefined });
        if (panel.hidden) {
          store.unread = (store.unread || 0) + 1;
          badge();
          emit('unread', { count: store.unread });
        }
        if (topic) emit('matched', { entry: reply.entry, confidence: reply.confidence });
        const n = reply.node || {};
        if (n.kind === 'end' && n.id === 'fixed') emit('resolved', { entry: reply.entry || null });
        if (reply.handoff) emit('handoff', { status: 'offered', entry: reply.entry || null, summary: reply.handoff });
        return el;
      }
      expired = res.status === 400 && body.state && /'state'/.test(reply.error || '');
      if (!expired) note(reply.error || t('failed', res.status), true);
    } catch (e) {
      failed(e);
    } finally {
      setBusy(false);
    }
    if (expired) {
      store.state = null;
      save();
      if (text) return turn({ message: text, channel: 'widget' }, null);
      note(T.expired);
    }
    return null;
  };

  const send = async (text, kind) => {
    text = text.trim();
    if (!text || busy) return;
    add({ t: kind || 'user', text: text.slice(0, SHOWN), more: Math.max(0, text.length - SHOWN) });
    const el = await turn(store.state ? { state: store.state, message: text } : { message: text, channel: 'widget' }, text);
    if (el && shadow.activeElement !== input && !panel.hidden) focusFirstOption(el);
    if (asks.length) setTimeout(drain);
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
      button.textContent = T.copied;
    } catch (e) {
      // No clipboard permission (e.g. an insecure page): select the text so the user can copy it.
      const range = document.createRange();
      range.selectNodeContents(button.closest('.msg').querySelector('pre'));
      const sel = shadow.getSelection ? shadow.getSelection() : window.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
      button.textContent = T.ctrlC;
    }
    setTimeout(() => { button.textContent = T.copy; }, 2500);
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
      const health = res.ok ? await res.json() : {};
      ocr = health.ocr === true;
      root.dataset.handoff = health.handoff === true ? 'on' : 'off';
    } catch (e) { ocr = false; }
    attach.hidden = !ocr;
    root.dataset.ocr = ocr ? 'on' : 'off';
  };

  const upload = async (image) => {
    if (busy) return;
    if (!ocr) return note(T.noOcr, true);
    if (!/^image\//.test(image.type)) return note(T.notImage, true);
    if (image.size > MAX_IMAGE) return note(T.tooBig, true);
    note(T.reading);
    setBusy(true);
    let text = null;
    try {
      const form = new FormData();
      form.append('image', image, image.name || 'screenshot.png');
      const res = await post('/api/ocr', form);
      const body = await res.json().catch(() => ({}));
      if (res.ok) text = String(body.text || '').trim();
      else note(body.error || t('failed', res.status), true);
    } catch (e) {
      failed(e);
    } finally {
      setBusy(false);
    }
    if (text === '') note(T.noText, true);
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
    else note(T.onlyImages, true);
  });

  // ---- opening, closing, typing -------------------------------------------------------------

  function open(focus) {
    panel.hidden = false;
    root.classList.add('open');
    launcher.setAttribute('aria-expanded', 'true');
    launcher.setAttribute('aria-label', t('closeAt', TITLE));
    if (!store.items.length) add({ t: 'bot', r: { say: GREETING } });
    const was = store.open;
    store.open = true;
    store.unread = 0;
    badge();
    save();
    checkOcr();
    scroll.scrollTop = scroll.scrollHeight;
    if (focus) input.focus();
    if (!was) emit('open');
  }

  function close() {
    const was = store.open;
    panel.hidden = true;
    root.classList.remove('open');
    launcher.setAttribute('aria-expanded', 'false');
    launcher.setAttribute('aria-label', t('open', TITLE));
    store.open = false;
    save();
    launcher.focus();
    if (was) emit('close');
  }

  function badge() {
    const n = store.unread || 0;
    root.dataset.unread = n ? String(Math.min(n, 9)) : '';
    launcher.querySelector('.badge').textContent = n ? String(Math.min(n, 9)) : '';
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

  // ---- the page's API (see widget.d.ts) -------------------------------------------------------

  const asks = [];
  let ready;
  const api = {
    version: 1,
    open: () => open(true),
    close: () => close(),
    toggle: () => (panel.hidden ? open(true) : close()),
    /** Opens the panel and sends the text as if typed; waits its turn while a reply is on its way. */
    ask: (text) => {
      if (panel.hidden) open(false);
      asks.push(String(text == null ? '' : text).slice(0, MAX_TEXT));
      drain();
    },
    /** Who the visitor is, as the page knows it: goes with a handoff, and pre-fills its address. */
    identify: (who) => {
      const pick = (v) => (v == null || v === '' ? undefined : String(v).slice(0, 200));
      who = who || {};
      visitor = { id: pick(who.id), email: pick(who.email), name: pick(who.name), plan: pick(who.plan) };
      try { sessionStorage.setItem(KEY + ':visitor', JSON.stringify(visitor)); } catch (e) { /* memory only */ }
    },
    /** Calls fn on the event; returns a function that removes it. */
    on: (event, fn) => {
      if (typeof fn !== 'function') return () => {};
      (listeners[event] = listeners[event] || []).push(fn);
      return () => { listeners[event] = (listeners[event] || []).filter((f) => f !== fn); };
    },
  };
  const drain = async () => {
    while (asks.length && !busy && document.body && host.isConnected) await send(asks.shift());
  };
  ready = new Promise((resolve) => { api._resolve = resolve; });
  api.ready = ready;
  window.GatewayDoctor = api;
  const start = () => {
    mount();
    const resolve = api._resolve;
    delete api._resolve;
    // Calls the page made before the script arrived, in the order it made them.
    for (const [name, args] of (stub && Array.isArray(stub.q) ? stub.q : [])) {
      if (typeof api[name] === 'function') api[name](...(args || []));
    }
    resolve(api);
    if (stub && typeof stub._ready === 'function') stub._ready(api);
    drain();
  };
  if (document.body) start();
  else document.addEventListener('DOMContentLoaded', start);
})();
