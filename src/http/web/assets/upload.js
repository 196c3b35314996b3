// The upload page's progressive enhancement (the plain multipart form works without it):
// 1. chosen files (or a ZIP) are checked in this browser by the same engine as the server, in a Web
//    Worker; the findings appear in the same form as the server's report. Nothing is sent. Only a
//    short summary is announced (the status line is the live region, not the report); when there are
//    findings, the focus moves to their heading, so a screen reader user can read on from there.
// 2. on "Aanleveren" the files go up resumably (tus 1.0) with a progress bar and the time remaining
//    in human units ("nog ongeveer 3 minuten"); after a broken connection the upload retries and
//    continues where the server got to, and after a reload choosing the same file continues from the
//    upload URL kept in localStorage. The user can pause and resume (the chunk in flight is aborted;
//    resuming asks the server for its offset) or cancel (tus DELETE of every upload of this run, so
//    the server removes the temporary files; the page returns to its state before sending). These
//    changes are announced in the live region #upload-state; the progress itself is announced in
//    #upload-announcement at most every 10 % or 10 seconds (the visible text changes every second,
//    which a screen reader would read out without end). When every file is up, the form is sent
//    to finalise the delivery, which gives the receipt as before. All texts come from the page's
//    data-texts (the catalogue); no inline script, so the CSP stays as it is.
/* global document, window, XMLHttpRequest, Worker */

const form = document.getElementById('upload-form');
if (form && window.Worker && window.File && window.localStorage) enhance(form);

function enhance(form) {
  const texts = JSON.parse(form.dataset.texts || '{}');
  const input = form.querySelector('#bestanden');
  const check = document.getElementById('browser-check');
  const progress = document.getElementById('upload-progress');
  const csrf = form.querySelector('input[name="_csrf"]').value;
  const chunkBytes = Number(form.dataset.chunkBytes || 1048576);
  const t = (key, params = {}) =>
    (texts[key] || key).replace(/\{(\w+)\}/g, (whole, name) =>
      name in params ? String(params[name]) : whole,
    );

  // ---- 1. the check in the browser ----------------------------------------------------------
  let worker;
  let runId = 0;
  const el = (tag, attrs = {}, ...children) => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (v !== undefined && v !== null) node.setAttribute(k, v);
    }
    for (const c of children) node.append(c instanceof window.Node ? c : String(c));
    return node;
  };
  const gemeente = () => form.querySelector('#gemeentecode')?.value || form.dataset.gemeente || '';
  const period = () => form.querySelector('#halfjaar')?.value || '';

  function runCheck() {
    const files = [...input.files];
    check.replaceChildren();
    if (files.length === 0) {
      check.hidden = true;
      return;
    }
    check.hidden = false;
    const status = el(
      'p',
      { class: 'utrecht-paragraph', role: 'status', 'data-testid': 'browser-check-status' },
      t('checking'),
    );
    // The percentage is said at most every 10 % or 10 seconds.
    let spokenPercent = 0;
    let spokenAt = Date.now();
    check.append(el('h2', { class: 'utrecht-heading-2', id: 'browser-check-title' }, t('title')), status);
    try {
      worker ??= new Worker('/assets/validate-worker.js', { type: 'module' });
    } catch {
      status.textContent = t('unavailable');
      return;
    }
    const id = ++runId;
    worker.onerror = () => {
      if (id === runId) status.textContent = t('unavailable');
    };
    worker.onmessage = (event) => {
      const msg = event.data;
      if (msg.id !== runId) return;
      if (msg.type === 'progress') {
        const percent = Math.floor((100 * msg.bytes) / Math.max(1, msg.total));
        if (percent < spokenPercent + 10 && Date.now() - spokenAt < 10_000) return;
        spokenPercent = percent;
        spokenAt = Date.now();
        status.textContent = t('checkingProgress', { percent });
      } else if (msg.type === 'error') {
        status.textContent = t('unavailable');
      } else if (msg.type === 'report') {
        status.textContent = t(msg.report.status === 'approved' ? 'resultApproved' : 'resultRejected');
        const report = renderReport(msg.report);
        check.append(report);
        const hasFindings =
          msg.report.findings.length > 0 || msg.report.files.some((file) => file.findings.length > 0);
        if (hasFindings) report.querySelector('#browser-report-title').focus();
      }
    };
    worker.postMessage({ id, files, gemeente: gemeente(), period: period(), today: form.dataset.today });
  }

  // Dutch shows the engine's own message; other languages the text of the finding's template filled
  // with its parameters (as findingMessage on the server), else the text for the finding's code.
  function message(finding) {
    if (texts.findingDetails && finding.params) {
      const key = finding.variant === undefined ? finding.code : `${finding.code}.${finding.variant}`;
      const template = texts.findingDetails[key];
      if (template) {
        const params = { column: finding.column ?? '' };
        for (const [name, value] of Object.entries(finding.params)) params[name] = paramText(name, value);
        return template.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? params[name] : whole));
      }
    }
    return (texts.findings && texts.findings[finding.code]) || finding.message;
  }

  // Dates (ISO) and amounts ("1234.56") in English, as the server writes them.
  function paramText(name, value) {
    if (/date$/i.test(name) && /^\d{4}-\d{2}-\d{2}$/.test(value))
      return new Date(`${value}T12:00:00Z`).toLocaleDateString('en-GB', {
        day: 'numeric',
        month: 'long',
        year: 'numeric',
        timeZone: 'Europe/Amsterdam',
      });
    if (/amount$/i.test(name) && /^-?\d+\.\d{2}$/.test(value))
      return Number(value).toLocaleString('en-GB', { style: 'currency', currency: 'EUR' });
    return value;
  }

  // What rejects a file apart from its records (name, header, separator), as on the delivery page.
  function fileProblems(file) {
    const found = [];
    for (const f of file.findings) {
      if (f.severity !== 'error') continue;
      if (f.line !== undefined && !f.code.startsWith('header.') && !f.code.startsWith('file.')) continue;
      const text =
        texts.findings && texts.findings[f.code] && f.column !== undefined && !f.params
          ? `${message(f)} (${t('col.column')}: ${f.column})`
          : message(f);
      if (!found.includes(text)) found.push(text);
      if (found.length === 3) break;
    }
    return found.join(' ');
  }

  function renderReport(report) {
    const section = el('section', {
      'aria-labelledby': 'browser-report-title',
      'data-testid': 'browser-report',
    });
    // Focused (by script only) when there are findings: the reading starts here, not at the top.
    section.append(
      el('h3', { class: 'utrecht-heading-3', id: 'browser-report-title', tabindex: '-1' }, t('reportLabel')),
    );
    section.append(
      el(
        'p',
        { class: 'utrecht-paragraph' },
        t('outcome'),
        ' ',
        el('strong', {}, t(report.outcome || report.status)),
        ` (${t('spec')} ${report.spec})`,
      ),
    );
    if (report.findings.length > 0) {
      section.append(
        el(
          'ul',
          { class: 'utrecht-unordered-list' },
          ...report.findings.map((f) => el('li', { class: 'utrecht-unordered-list__item' }, message(f))),
        ),
      );
    }
    for (const file of report.files) {
      const part = el('section', { class: 'ggk-report-file', 'aria-label': file.name });
      part.append(
        el('h4', { class: 'utrecht-heading-4' }, file.name),
        el(
          'p',
          { class: 'utrecht-paragraph' },
          t(
            (file.outcome || file.status) === 'approved'
              ? 'fileApproved'
              : file.status === 'approved'
                ? 'fileRejectedByUpload'
                : fileProblems(file)
                  ? 'fileRejectedFor'
                  : 'fileRejected',
            {
              problems: fileProblems(file),
              records: t(file.rows.total === 1 ? 'records.one' : 'records.other', {
                count: file.rows.total.toLocaleString(
                  document.documentElement.lang === 'en' ? 'en-GB' : 'nl-NL',
                ),
              }),
              errors: file.rows.withErrors,
              warnings: file.rows.withWarnings,
            },
          ),
        ),
      );
      const counts = Object.entries(file.counts);
      if (counts.length > 0) {
        part.append(
          el(
            'ul',
            { class: 'utrecht-unordered-list', 'aria-label': t('countsLabel', { file: file.name }) },
            ...counts.map(([code, n]) =>
              el(
                'li',
                { class: 'utrecht-unordered-list__item' },
                `${n}× ${(texts.findingLabels && texts.findingLabels[code]) || code} `,
                el('code', { class: 'utrecht-code ggk-code-secondary' }, code),
              ),
            ),
          ),
        );
        const rows = file.findings
          .slice(0, 200)
          .map((f) =>
            el(
              'tr',
              { class: 'utrecht-table__row' },
              el('td', { class: 'utrecht-table__cell' }, f.line ?? '-'),
              el('td', { class: 'utrecht-table__cell' }, f.column ?? '-'),
              el('td', { class: 'utrecht-table__cell' }, t(`severity.${f.severity}`)),
              el(
                'td',
                { class: 'utrecht-table__cell' },
                message(f) + (f.value !== undefined ? ` (${t('value')}: ${f.value})` : ''),
              ),
            ),
          );
        part.append(
          el(
            'div',
            {
              class: 'ggk-table-wrapper',
              tabindex: '0',
              role: 'region',
              'aria-label': t('findingsCaption', { file: file.name }),
            },
            el(
              'table',
              { class: 'utrecht-table' },
              el('caption', { class: 'utrecht-table__caption' }, t('findingsCaption', { file: file.name })),
              el(
                'thead',
                { class: 'utrecht-table__header' },
                el(
                  'tr',
                  { class: 'utrecht-table__row' },
                  ...['line', 'column', 'severity', 'finding'].map((h) =>
                    el('th', { class: 'utrecht-table__header-cell', scope: 'col' }, t(`col.${h}`)),
                  ),
                ),
              ),
              el('tbody', { class: 'utrecht-table__body' }, ...rows),
            ),
          ),
        );
      }
      section.append(part);
    }
    section.append(el('p', { class: 'utrecht-paragraph' }, t('serverCounts')));
    return section;
  }

  input.addEventListener('change', runCheck);
  form.querySelector('#halfjaar')?.addEventListener('change', () => input.files.length && runCheck());
  form.querySelector('#gemeentecode')?.addEventListener('change', () => input.files.length && runCheck());
  if (input.files.length > 0) runCheck();

  // ---- 2. resumable upload --------------------------------------------------------------------
  const endpoint = form.dataset.resumable;
  if (!endpoint) return;
  const bar = progress.querySelector('progress');
  const progressText = progress.querySelector('[data-testid="upload-progress-text"]');
  const controls = document.getElementById('upload-controls');
  const pauseButton = document.getElementById('upload-pause');
  const cancelButton = document.getElementById('upload-cancel');
  const stateText = document.getElementById('upload-state');
  const announcement = document.getElementById('upload-announcement');
  const submitButton = form.querySelector('button[type="submit"]');
  const plural = new Intl.PluralRules(document.documentElement.lang || 'nl');
  const storageKey = (file) =>
    `ggk-upload:${form.dataset.owner}:${file.name}:${file.size}:${file.lastModified}`;
  const base64 = (text) => btoa(String.fromCharCode(...new TextEncoder().encode(text)));
  let busy = false;
  // The upload under way: paused or cancelled by the user, the PATCH in flight (aborted on pause
  // and cancel), the tus uploads it created (removed on cancel), and how to wake a waiting loop.
  let run;

  /** The user cancelled: not an error to show, the upload is undone instead. */
  class Cancelled extends Error {}

  /** Pause, resume and cancel are said in a live region outside the progress block. */
  const announce = (text) => {
    stateText.textContent = text;
  };

  function request(method, url, { headers = {}, body, onProgress } = {}) {
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open(method, url);
      xhr.setRequestHeader('Tus-Resumable', '1.0.0');
      xhr.setRequestHeader('X-CSRF-Token', csrf);
      for (const [k, v] of Object.entries(headers)) xhr.setRequestHeader(k, v);
      if (onProgress) xhr.upload.onprogress = (e) => onProgress(e.loaded);
      xhr.onload = () => resolve(xhr);
      xhr.onerror = () => reject(new Error('network'));
      xhr.onabort = () => reject(new Error('network'));
      if (run && method === 'PATCH') run.xhr = xhr;
      xhr.send(body);
    });
  }

  /** Waits `ms` (or, with no `ms`, until the user resumes or cancels); pause and cancel end it early. */
  function wait(ms) {
    return new Promise((resolve) => {
      const timer = ms === undefined ? undefined : setTimeout(resolve, ms);
      run.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  async function offsetOf(url) {
    const res = await request('HEAD', url);
    if (res.status !== 200) return undefined;
    return Number(res.getResponseHeader('Upload-Offset'));
  }

  async function create(file) {
    const res = await request('POST', endpoint, {
      headers: { 'Upload-Length': String(file.size), 'Upload-Metadata': `filename ${base64(file.name)}` },
    });
    if (res.status !== 201) throw new Error(res.responseText || `status ${res.status}`);
    return new URL(res.getResponseHeader('Location'), window.location.href).pathname;
  }

  async function uploadFile(file, state) {
    let url = localStorage.getItem(storageKey(file));
    let offset = url ? await offsetOf(url).catch(() => undefined) : undefined;
    if (url && offset !== undefined && offset > 0) state.resumed = true;
    if (!url || offset === undefined) {
      url = await create(file);
      offset = 0;
      localStorage.setItem(storageKey(file), url);
    }
    run.uploads.push({ url, key: storageKey(file) });
    state.done += offset;
    state.resumedBytes += offset;
    let failures = 0;
    // Asks the server how far it got (after a pause, a broken connection or a 409) and continues there.
    const catchUp = async () => {
      const known = await offsetOf(url).catch(() => undefined);
      if (known !== undefined) {
        state.done += known - offset;
        offset = known;
      }
      return known;
    };
    while (offset < file.size) {
      if (run.cancelled) throw new Cancelled();
      if (run.paused) {
        while (run.paused && !run.cancelled) await wait();
        if (run.cancelled) throw new Cancelled();
        await catchUp();
        // The estimate of the time left counts from here: the pause is not part of the speed.
        state.started = Date.now();
        state.resumedBytes = state.done;
        continue;
      }
      const end = Math.min(offset + chunkBytes, file.size);
      try {
        const res = await request('PATCH', url, {
          headers: { 'Upload-Offset': String(offset), 'Content-Type': 'application/offset+octet-stream' },
          body: file.slice(offset, end),
          onProgress: (loaded) => show(state, state.done + loaded),
        });
        if (res.status === 204) {
          const next = Number(res.getResponseHeader('Upload-Offset'));
          state.done += next - offset;
          offset = next;
          failures = 0;
          show(state, state.done);
          continue;
        }
        if (res.status === 423) {
          // Another request for this upload still holds it (on any node: the lock is shared), e.g. a
          // connection the server has not yet seen end: wait and ask again, as after a broken one.
          throw new Error('network');
        }
        if (res.status === 409 || res.status === 404) {
          // The server has another offset (or forgot the upload): ask again, or start over.
          if ((await catchUp()) === undefined) throw new Error(t('uploadGone'));
          continue;
        }
        throw new Error(res.responseText || `status ${res.status}`);
      } catch (error) {
        // A pause or cancel aborted the request: the top of the loop handles it.
        if (run.paused || run.cancelled) continue;
        if (error.message !== 'network') throw error;
        failures += 1;
        if (failures > 8) throw new Error(t('connectionFailed'));
        state.interrupted = true;
        progressText.textContent = t('connectionLost', { seconds: Math.min(2 ** failures, 30) });
        announcement.textContent = progressText.textContent;
        await wait(Math.min(2 ** failures, 30) * 1000);
        if (!run.paused && !run.cancelled) await catchUp();
      }
    }
    return url.split('/').pop();
  }

  /** "1 minuut", "3 minuten" / "1 minute", "3 minutes": the catalogue's forms per plural category. */
  const unit = (name, n) => t(`unit.${name}.${plural.select(n) === 'one' ? 'one' : 'other'}`, { n });

  /** Time left in human units: seconds only under a minute, then minutes, then hours (and minutes). */
  function timeLeft(seconds) {
    if (seconds === undefined || !Number.isFinite(seconds)) return t('remainingUnknown');
    const s = Math.max(1, Math.ceil(seconds));
    if (s < 60) return t('remaining', { time: unit('second', s) });
    const minutes = Math.round(s / 60);
    if (minutes < 60) return t('remaining', { time: unit('minute', minutes) });
    const rounded = Math.round(minutes / 5) * 5;
    const hours = Math.floor(rounded / 60);
    const rest = rounded % 60;
    const time =
      rest === 0
        ? unit('hour', hours)
        : t('unit.and', { first: unit('hour', hours), second: unit('minute', rest) });
    return t('remaining', { time });
  }

  const amounts = (done, total) => ({
    done: (done / 1048576).toFixed(1),
    total: (total / 1048576).toFixed(1),
    percent: Math.floor((100 * done) / Math.max(1, total)),
  });

  let lastShown = 0;
  let spokenPercent = 0;
  let spokenAt = 0;
  /** What the visible progress text says is also said aloud, at most every 10 % or 10 seconds. */
  function speakProgress(text, percent) {
    const now = Date.now();
    if (percent < 100 && percent < spokenPercent + 10 && now - spokenAt < 10_000) return;
    spokenPercent = percent;
    spokenAt = now;
    announcement.textContent = text;
  }
  function show(state, done) {
    if (run?.paused || run?.cancelled) return;
    bar.value = done;
    const elapsed = (Date.now() - state.started) / 1000;
    const rate = (done - state.resumedBytes) / Math.max(elapsed, 0.001);
    const remaining = rate > 0 ? (state.total - done) / rate : undefined;
    const now = Date.now();
    if (now - lastShown < 1000 && done < state.total) return;
    lastShown = now;
    const shown = amounts(done, state.total);
    progressText.textContent = t('progress', { ...shown, remaining: timeLeft(remaining) });
    speakProgress(progressText.textContent, shown.percent);
  }

  pauseButton.addEventListener('click', () => {
    if (!run || run.cancelled || run.finishing) return;
    run.paused = !run.paused;
    pauseButton.textContent = t(run.paused ? 'resume' : 'pause');
    if (run.paused) {
      // What the server received of the chunk in flight stays; resuming asks for the offset.
      run.xhr?.abort();
      // No time left while paused: the estimate starts again on resume.
      progressText.textContent = t('progressPaused', amounts(bar.value, bar.max));
      announce(t('paused', { percent: amounts(bar.value, bar.max).percent }));
    } else {
      announce(t('resumed'));
      run.wake?.();
    }
  });

  cancelButton.addEventListener('click', () => {
    if (!run || run.cancelled || run.finishing) return;
    run.cancelled = true;
    announce(t('cancelling'));
    run.xhr?.abort();
    run.wake?.();
  });

  /** Removes the cancelled run's uploads on the server (tus DELETE) and forgets them here. */
  async function undo(cancelled) {
    let removedAll = true;
    for (const { url, key } of cancelled.uploads) {
      localStorage.removeItem(key);
      const res = await request('DELETE', url).catch(() => undefined);
      if (!res || (res.status !== 204 && res.status !== 404)) removedAll = false;
    }
    const hadFocus = progress.contains(document.activeElement);
    progress.hidden = true;
    bar.value = 0;
    progressText.textContent = '';
    announcement.textContent = '';
    pauseButton.textContent = t('pause');
    announce(t(removedAll ? 'cancelled' : 'cancelledLeftover'));
    if (hadFocus) submitButton.focus();
  }

  form.addEventListener('submit', async (event) => {
    if (busy) {
      event.preventDefault();
      return;
    }
    const files = [...input.files];
    if (files.length === 0) return; // the server explains what is missing
    event.preventDefault();
    busy = true;
    const state = {
      total: files.reduce((s, f) => s + f.size, 0),
      done: 0,
      resumedBytes: 0,
      started: Date.now(),
    };
    const current = { paused: false, cancelled: false, finishing: false, uploads: [] };
    run = current;
    progress.hidden = false;
    controls.hidden = false;
    pauseButton.textContent = t('pause');
    announce('');
    bar.max = state.total;
    bar.value = 0;
    progressText.textContent = t('starting');
    announcement.textContent = '';
    spokenPercent = 0;
    spokenAt = Date.now();
    try {
      const ids = [];
      for (const file of files) ids.push(await uploadFile(file, state));
      if (current.cancelled) throw new Cancelled();
      current.finishing = true;
      controls.hidden = true;
      progressText.textContent = t('finishing');
      announcement.textContent = progressText.textContent;
      for (const file of files) localStorage.removeItem(storageKey(file));
      const finish = document.createElement('form');
      finish.method = 'post';
      finish.action = form.dataset.finalise;
      finish.hidden = true;
      const fields = [
        ['_csrf', csrf],
        ['halfjaar', period()],
        ['gemeentecode', gemeente()],
        ...ids.map((id) => ['upload', id]),
      ];
      for (const [name, value] of fields) {
        const field = document.createElement('input');
        field.type = 'hidden';
        field.name = name;
        field.value = value;
        finish.append(field);
      }
      document.body.append(finish);
      finish.submit();
    } catch (error) {
      run = undefined;
      if (current.cancelled || error instanceof Cancelled) {
        await undo(current);
      } else {
        const hadFocus = controls.contains(document.activeElement);
        controls.hidden = true;
        progressText.textContent = t('failed', { reason: error.message });
        announcement.textContent = progressText.textContent;
        if (hadFocus) submitButton.focus();
      }
      busy = false;
    }
  });
}
