import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bilingualMail } from './mail.ts';

test('a mail carries Dutch and then English, in the subject as in the body', () => {
  const mail = bilingualMail('mail.invitation.subject', 'mail.invitation.body', (locale) => ({
    organisation: 'Gemeente Utrecht',
    link: 'https://ggk.example/uitnodiging/x',
    name: 'Kim',
    roles: locale === 'en' ? 'Deliverer (aanleveraar)' : 'Aanleveraar',
    days: 7,
  }));
  assert.equal(
    mail.subject,
    'Uitnodiging voor ggk namens Gemeente Utrecht / Invitation to ggk on behalf of Gemeente Utrecht',
  );
  const [dutch, english] = mail.text.split('\n\n---------- English ----------\n\n');
  assert.match(dutch!, /Gemeente Utrecht/);
  assert.match(dutch!, /rollen: Aanleveraar/);
  assert.match(english!, /Gemeente Utrecht/);
  assert.match(english!, /Deliverer \(aanleveraar\)/);
  assert.doesNotMatch(mail.text, /[{}]/);
});
