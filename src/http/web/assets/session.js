// The session's time limit, enhanced (WCAG 2.2.1): a few minutes before the idle limit the warning
// under the header appears, with a button that extends the session (POST /sessie/verlengen with the
// CSRF token), and a polite live region says so; when the limit passes, the page offers a new login
// that returns here. Without JavaScript the warning stays hidden and long forms state the limit.
/* global document */

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
