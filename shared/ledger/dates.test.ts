import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  capPeriodOf,
  chinaDateOf,
  chinaTime,
  daysBetween,
  isCalendarDate,
} from './dates.ts';

describe('ledger dates', () => {
  it('run validity from the act, ending on the last day of a shorter month', () => {
    expect(addMonths('2025-03-08', 12)).toBe('2026-03-08');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2024-03-01', 24)).toBe('2026-03-01');
    expect(addMonths('2025-11-15', 3)).toBe('2026-02-15');
  });

  it('count days across months and leap years', () => {
    expect(addDays('2025-03-11', 6)).toBe('2025-03-17');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(daysBetween('2025-01-01', '2025-03-02')).toBe(60);
    expect(daysBetween('2025-03-02', '2025-01-01')).toBe(-60);
  });

  it('accept only real calendar days', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2025-02-29')).toBe(false);
    expect(isCalendarDate('2025-4-1')).toBe(false);
    expect(isCalendarDate('2025-13-01')).toBe(false);
  });

  it('name calendar cap periods', () => {
    expect(capPeriodOf('2025-05-20', 'month')).toEqual({ from: '2025-05-01', to: '2025-05-31' });
    expect(capPeriodOf('2025-04-20', 'two-months')).toEqual({
      from: '2025-03-01',
      to: '2025-04-30',
    });
    expect(capPeriodOf('2024-02-10', 'two-months')).toEqual({
      from: '2024-01-01',
      to: '2024-02-29',
    });
    expect(capPeriodOf('2025-08-01', 'quarter')).toEqual({ from: '2025-07-01', to: '2025-09-30' });
    expect(capPeriodOf('2025-06-30', 'half-year')).toEqual({
      from: '2025-01-01',
      to: '2025-06-30',
    });
    expect(capPeriodOf('2025-06-30', 'year')).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    expect(capPeriodOf('2025-06-30', 'lifetime')).toBeUndefined();
  });

  it('give the Chinese calendar date of an instant', () => {
    // 2025-03-10 17:00 UTC is 2025-03-11 01:00 in Beijing.
    expect(chinaDateOf(Date.UTC(2025, 2, 10, 17, 0))).toBe('2025-03-11');
    expect(chinaDateOf(Date.UTC(2025, 2, 10, 15, 59))).toBe('2025-03-10');
  });

  it('give the time of day in Beijing of an instant', () => {
    expect(chinaTime(Date.UTC(2025, 2, 10, 17, 5))).toBe('2025-03-11 01:05');
  });
});
