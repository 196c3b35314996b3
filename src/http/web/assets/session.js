// The session's time limit, enhanced (WCAG 2.2.1): a few minutes before the idle limit the warning
// under the header appears, with a button that extends the session (POST /sessie/verlengen with the
// CSRF token), and a polite live region says so; when the limit passes, the page offers a new login
// that returns here, and what was typed in the page's forms is kept in this tab (sessionStorage) and
// put back when the page opens again after that login. Without JavaScript the warning stays hidden
// and long forms state the limit.
/* global document, location */

const KEPT = 'ggk-typed:' + location.pathname;
const typed = () =>
  Array.from(document.querySelectorAll('main form textarea, main form input, main form select')).filter(
    (el) => el.name && !['hidden', 'file', 'password', 'submit', 'button'].includes(el.type),
  );

/** Puts back what was typed before the session ended (once), into fields that are still empty. */
function restoreTyped() {
  const kept = sessionStorage.getItem(KEPT);
  if (!kept) return;
  sessionStorage.removeItem(KEPT);
  const values = JSON.parse(kept);
  for (const el of typed()) {
    const key = el.form.getAttribute('action') + ' ' + el.name;
    if (!(key in values)) continue;
    if (el.type === 'checkbox' || el.type === 'radio') el.checked = values[key].includes(el.value);
    else if (el.value === '') el.value = values[key][0];
  }
}

function keepTyped() {
  const values = {};
  for (const el of typed()) {
    const key = el.form.getAttribute('action') + ' ' + el.name;
    if ((el.type === 'checkbox' || el.type === 'radio') && !el.checked) continue;
    if (el.value === '') continue;
    (values[key] ??= []).push(el.value);
  }
  if (Object.keys(values).length > 0) sessionStorage.setItem(KEPT, JSON.stringify(values));
}

restoreTyped();

const warning = document.querySelector('[data-session-warning]');
const expired = document.querySelector('[data-session-expired]');
const status = document.querySelector('[data-session-status]');

if (warning && expired && status) {
  const idle = Number(warning.dataset.idleSeconds) * 1000;
  const warn = Number(warning.dataset.warnSeconds) * 1000;
  const form = warning.querySelector('form');
  const say = (text) => {
    status.textContent = text.trim();
  };
  let timers = [];

  const show = () => {
    warning.hidden = false;
    say(warning.querySelector('[data-session-message]').textContent);
  };
  const end = () => {
    for (const timer of timers) clearTimeout(timer);
    warning.hidden = true;
    expired.hidden = false;
    keepTyped();
    say(expired.querySelector('[data-session-message]').textContent);
  };
  const schedule = () => {
    for (const timer of timers) clearTimeout(timer);
    timers = [setTimeout(show, idle - warn), setTimeout(end, idle)];
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    fetch(form.action, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'x-requested-with': 'fetch' },
      body: new URLSearchParams(new FormData(form)),
    }).then(
      (response) => {
        if (response.status !== 204) return end();
        warning.hidden = true;
        say(warning.dataset.extended);
        schedule();
      },
      () => end(),
    );
  });
  schedule();
}
