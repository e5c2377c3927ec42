// Process Factory run pages: live state by polling the page's own JSON endpoint, and folding.
// Served as a static file: the pages' CSP allows no inline script.
(() => {
  'use strict';
  const body = document.body;

  for (const button of document.querySelectorAll('[data-fold]')) {
    button.addEventListener('click', () => {
      const open = button.getAttribute('data-fold') === 'open';
      const scope = button.closest('section') || document;
      for (const d of scope.querySelectorAll('.json-tree details')) d.open = open;
    });
  }

  // A link to a block (#block-…, from the graph or a gate) opens its details.
  function openTarget() {
    const id = decodeURIComponent(location.hash.slice(1));
    const target = id && document.getElementById(id);
    if (target && target.tagName === 'DETAILS') target.open = true;
  }
  window.addEventListener('hashchange', openTarget);
  openTarget();

  const url = body.dataset.stateUrl;
  if (!url) return;
  let version = body.dataset.version;
  const note = document.querySelector('[data-live-note]');

  function say(text, reload) {
    if (!note) return;
    note.textContent = text;
    if (reload) {
      const a = document.createElement('a');
      a.href = location.href;
      a.textContent = 'Reload';
      note.append(' ', a);
    }
  }

  function setStatus(el, status, icon) {
    for (const c of [...el.classList]) if (c.startsWith('st-')) el.classList.remove(c);
    el.classList.add(`st-${status}`);
    for (const s of el.querySelectorAll('[data-status]')) s.textContent = status;
    for (const s of el.querySelectorAll('[data-icon]')) s.textContent = icon;
    const label = el.getAttribute('aria-label');
    if (label) el.setAttribute('aria-label', label.replace(/: [a-z]+/, `: ${status}`));
  }

  function apply(state) {
    for (const [id, b] of Object.entries(state.blocks)) {
      for (const el of document.querySelectorAll(`[data-block="${CSS.escape(id)}"]`)) setStatus(el, b.status, b.icon);
      const attempts = document.querySelector(`[data-block-row="${CSS.escape(id)}"] [data-attempts]`);
      if (attempts) attempts.textContent = String(b.attempts);
    }
    const run = document.querySelector('[data-run-status]');
    if (run) {
      run.textContent = state.status;
      run.className = `badge run-${state.status}`;
    }
    const progress = document.querySelector('[data-progress]');
    if (progress) progress.value = state.done;
    const progressText = document.querySelector('[data-progress-text]');
    if (progressText) progressText.textContent = `${state.done}/${state.total} blocks done`;
    const count = document.querySelector('[data-gate-count]');
    if (count) count.textContent = String(state.gates.length);
    const pending = new Set(state.gates.map((g) => g.id));
    for (const li of document.querySelectorAll('[data-gate]')) li.classList.toggle('gone', !pending.has(li.getAttribute('data-gate')));
    if (state.version !== version) {
      version = state.version;
      say(`Updated ${new Date().toLocaleTimeString()}: new attempts, decisions or gates.`, true);
    }
  }

  async function tick() {
    let again = true;
    try {
      const res = await fetch(url, { cache: 'no-store', credentials: 'same-origin' });
      if (res.ok) apply(await res.json());
      else if (res.status === 401 || res.status === 403) {
        say('This link has expired: live updates stopped. Open a fresh link from the card.');
        again = false;
      } else say('Live updates paused: the server had a problem.');
    } catch {
      say('Live updates paused: the server cannot be reached.');
    }
    if (again) setTimeout(tick, document.hidden ? 5000 : 1500);
  }
  setTimeout(tick, 1500);
})();
