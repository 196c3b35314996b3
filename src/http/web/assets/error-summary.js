// The error summary's links, enhanced: following one puts the cursor in the field itself (the first
// option of a group), with its label or legend in view, instead of only scrolling to it. Without
// JavaScript the link still moves the view to the field. Loaded only on pages with an error summary.
/* global document, history, CSS */

for (const link of document.querySelectorAll('.ggk-error-summary a[href^="#"]')) {
  link.addEventListener('click', (event) => {
    const target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!target) return;
    const controls = 'input:not([type="hidden"]), select, textarea, button';
    const field = target.matches(controls) ? target : target.querySelector(controls);
    if (!field) return;
    event.preventDefault();
    history.pushState(null, '', link.hash);
    const label =
      target.tagName === 'FIELDSET'
        ? target.querySelector('legend')
        : document.querySelector(`label[for="${CSS.escape(field.id)}"]`);
    (label ?? target).scrollIntoView({ block: 'start' });
    field.focus({ preventScroll: true });
  });
}
