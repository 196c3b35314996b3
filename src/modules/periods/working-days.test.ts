import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  addWorkingDays,
  dutchPublicHolidays,
  easterSunday,
  isPublicHoliday,
  isWorkingDay,
  workingDaysBetween,
} from './working-days.ts';

function isoDays(fromYear: number, toYear: number): string[] {
  const out: string[] = [];
  for (let t = Date.UTC(fromYear, 0, 1); t <= Date.UTC(toYear, 11, 31); t += 86_400_000) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

test('Easter Sunday for known years', () => {
  assert.equal(easterSunday(2018), '2018-04-01');
  assert.equal(easterSunday(2019), '2019-04-21');
  assert.equal(easterSunday(2024), '2024-03-31');
  assert.equal(easterSunday(2025), '2025-04-20');
  assert.equal(easterSunday(2000), '2000-04-23');
  assert.equal(easterSunday(2008), '2008-03-23');
  assert.equal(easterSunday(2011), '2011-04-24');
  assert.equal(easterSunday(2038), '2038-04-25');
  assert.equal(easterSunday(1818), '1818-03-22');
});

test('Goede Vrijdag 30 Mar 2018 and Paasmaandag 2 Apr 2018 are not working days', () => {
  assert.equal(isPublicHoliday('2018-03-30'), true);
  assert.equal(isWorkingDay('2018-03-30'), false);
  assert.equal(isPublicHoliday('2018-04-02'), true);
  assert.equal(isWorkingDay('2018-04-02'), false);
  assert.equal(isWorkingDay('2018-03-29'), true);
  assert.equal(isWorkingDay('2018-04-03'), true);
});

test('weekends are not working days, ordinary weekdays are', () => {
  assert.equal(isWorkingDay('2018-02-24'), false); // Saturday
  assert.equal(isWorkingDay('2018-02-25'), false); // Sunday
  assert.equal(isPublicHoliday('2018-02-25'), false);
  assert.equal(isWorkingDay('2018-02-26'), true); // Monday
});

test('3 working days after Friday 23 Feb 2018 is Wednesday 28 Feb 2018', () => {
  assert.equal(addWorkingDays('2018-02-23', 3), '2018-02-28');
  assert.equal(workingDaysBetween('2018-02-23', '2018-02-28'), 3);
});

test('Bevrijdingsdag only in lustrum years', () => {
  assert.equal(isPublicHoliday('2020-05-05'), true);
  assert.equal(isWorkingDay('2020-05-05'), false); // a Tuesday
  assert.equal(isPublicHoliday('2018-05-05'), false);
  assert.equal(isPublicHoliday('2019-05-05'), false);
  assert.equal(isWorkingDay('2021-05-05'), true); // a Wednesday
  assert.equal(isPublicHoliday('2025-05-05'), true);
});

test('Koningsdag moves to Saturday 26 April when 27 April is a Sunday', () => {
  assert.equal(isPublicHoliday('2014-04-26'), true);
  assert.equal(isPublicHoliday('2014-04-27'), false);
  assert.equal(isPublicHoliday('2018-04-27'), true);
  assert.equal(isWorkingDay('2018-04-27'), false); // a Friday
  assert.equal(isPublicHoliday('2025-04-26'), true);
  assert.equal(isPublicHoliday('2025-04-27'), false);
  assert.ok(dutchPublicHolidays(2014).some((h) => h.date === '2014-04-26' && h.name === 'Koningsdag'));
});

test('Koninginnedag before 2014: 30 April, or 29 April when the 30th is a Sunday', () => {
  assert.equal(isPublicHoliday('2013-04-30'), true);
  assert.equal(isWorkingDay('2013-04-30'), false); // a Tuesday
  assert.equal(isPublicHoliday('2013-04-27'), false);
  assert.equal(isPublicHoliday('2006-04-29'), true);
  assert.equal(isPublicHoliday('2006-04-30'), false);
  assert.ok(dutchPublicHolidays(2013).some((h) => h.date === '2013-04-30' && h.name === 'Koninginnedag'));
});

test('Kerst 2018: 25 and 26 December are not working days', () => {
  assert.equal(isPublicHoliday('2018-12-25'), true);
  assert.equal(isPublicHoliday('2018-12-26'), true);
  assert.equal(isWorkingDay('2018-12-24'), true);
  assert.equal(isWorkingDay('2018-12-25'), false);
  assert.equal(isWorkingDay('2018-12-26'), false);
  assert.equal(isWorkingDay('2018-12-27'), true);
});

test('the full list of holidays of 2018, sorted, with Dutch names', () => {
  assert.deepEqual(dutchPublicHolidays(2018), [
    { date: '2018-01-01', name: 'Nieuwjaarsdag' },
    { date: '2018-03-30', name: 'Goede Vrijdag' },
    { date: '2018-04-01', name: 'Eerste Paasdag' },
    { date: '2018-04-02', name: 'Tweede Paasdag' },
    { date: '2018-04-27', name: 'Koningsdag' },
    { date: '2018-05-10', name: 'Hemelvaartsdag' },
    { date: '2018-05-20', name: 'Eerste Pinksterdag' },
    { date: '2018-05-21', name: 'Tweede Pinksterdag' },
    { date: '2018-12-25', name: 'Eerste Kerstdag' },
    { date: '2018-12-26', name: 'Tweede Kerstdag' },
  ]);
});

test('holiday counts: 10 in an ordinary year, 11 in a lustrum year', () => {
  assert.equal(dutchPublicHolidays(2018).length, 10);
  assert.equal(dutchPublicHolidays(2019).length, 10);
  assert.equal(dutchPublicHolidays(2020).length, 11);
  for (let year = 1990; year <= 2040; year += 1) {
    const list = dutchPublicHolidays(year);
    const dates = list.map((h) => h.date);
    assert.deepEqual(dates, [...dates].sort(), `sorted in ${year}`);
  }
});

test('Hemelvaartsdag on Bevrijdingsdag (2005): both listed, the day counted once', () => {
  const may5 = dutchPublicHolidays(2005).filter((h) => h.date === '2005-05-05');
  assert.deepEqual(
    may5.map((h) => h.name),
    ['Bevrijdingsdag', 'Hemelvaartsdag'],
  );
  assert.equal(workingDaysBetween('2005-05-04', '2005-05-06'), 1);
});

test('workingDaysBetween across Easter 2018', () => {
  assert.equal(workingDaysBetween('2018-03-29', '2018-04-03'), 1);
  assert.equal(workingDaysBetween('2018-04-03', '2018-03-29'), -1);
  assert.equal(workingDaysBetween('2018-03-29', '2018-03-29'), 0);
  assert.equal(addWorkingDays('2018-03-29', 1), '2018-04-03');
  assert.equal(addWorkingDays('2018-04-03', -1), '2018-03-29');
});

test('workingDaysBetween counts from < d ≤ to', () => {
  assert.equal(workingDaysBetween('2018-02-23', '2018-02-26'), 1); // Fri → Mon
  assert.equal(workingDaysBetween('2018-02-24', '2018-02-25'), 0); // Sat → Sun
  assert.equal(workingDaysBetween('2018-02-25', '2018-02-24'), 0); // not -0
  assert.equal(workingDaysBetween('2018-02-26', '2018-02-23'), -1);
  // 2018: 261 weekdays minus the 8 holidays on a weekday (Eerste Paasdag and Eerste Pinksterdag are Sundays).
  assert.equal(workingDaysBetween('2017-12-31', '2018-12-31'), 253);
  assert.equal(workingDaysBetween('2018-12-31', '2017-12-31'), -253);
});

test('addWorkingDays from a non-working day and with n = 0', () => {
  assert.equal(addWorkingDays('2018-02-26', 0), '2018-02-26'); // Monday, working day
  assert.equal(addWorkingDays('2018-02-24', 0), '2018-02-26'); // Saturday rolls forward
  assert.equal(addWorkingDays('2018-02-24', 1), '2018-02-26');
  assert.equal(addWorkingDays('2018-02-24', 2), '2018-02-27');
  assert.equal(addWorkingDays('2018-03-30', 0), '2018-04-03'); // Goede Vrijdag rolls past Easter
  assert.equal(addWorkingDays('2018-02-25', -1), '2018-02-23'); // Sunday → Friday
  assert.equal(addWorkingDays('2018-12-24', 1), '2018-12-27');
  assert.equal(addWorkingDays('2018-12-28', 1), '2018-12-31');
  assert.equal(addWorkingDays('2018-12-31', 1), '2019-01-02');
});

test('property: workingDaysBetween(d, addWorkingDays(d, n)) === n for working days 2015–2030', () => {
  let checked = 0;
  for (const d of isoDays(2015, 2030)) {
    if (!isWorkingDay(d)) continue;
    for (let n = 0; n <= 15; n += 1) {
      const later = addWorkingDays(d, n);
      assert.equal(workingDaysBetween(d, later), n, `${d} + ${n} = ${later}`);
      assert.equal(isWorkingDay(later), true, `${d} + ${n} = ${later} is a working day`);
      const earlier = addWorkingDays(d, 0 - n);
      assert.equal(workingDaysBetween(d, earlier), 0 - n, `${d} - ${n} = ${earlier}`);
      checked += 1;
    }
  }
  assert.ok(checked > 60_000);
});

test('property: for any day and n ≥ 1 the round trip holds too', () => {
  for (const d of isoDays(2017, 2019)) {
    for (let n = 1; n <= 10; n += 1) {
      assert.equal(workingDaysBetween(d, addWorkingDays(d, n)), n, `${d} + ${n}`);
    }
  }
});

test('invalid dates throw period.bad_date', () => {
  for (const bad of [
    '2018-02-30',
    '1-3-2018',
    '2018-13-01',
    '2018-00-10',
    '2018-1-01',
    '',
    ' 2018-01-01',
    '1500-01-01',
  ]) {
    assert.throws(() => isWorkingDay(bad), { name: 'AppError', code: 'period.bad_date' }, bad);
  }
  assert.throws(() => addWorkingDays('2018-02-30', 1), { code: 'period.bad_date' });
  assert.throws(() => workingDaysBetween('2018-01-01', '31-12-2018'), { code: 'period.bad_date' });
  assert.throws(() => isPublicHoliday('2019-02-29'), { code: 'period.bad_date', message: /Ongeldige datum/ });
  assert.equal(isWorkingDay('2020-02-28'), true);
  assert.equal(isWorkingDay('2020-02-29'), false); // exists, a Saturday
});

test('invalid years and n are refused', () => {
  assert.throws(() => easterSunday(2018.5), { code: 'period.bad_year' });
  assert.throws(() => dutchPublicHolidays(1200), { code: 'period.bad_year' });
  assert.throws(() => addWorkingDays('2018-01-01', 1.5), RangeError);
  assert.throws(() => addWorkingDays('9999-12-31', 1), { code: 'period.out_of_range' });
});
