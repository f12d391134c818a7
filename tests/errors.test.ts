import { describe, expect, it } from '@jest/globals';
import { BriefError, formatDiagnostic } from '../src/errors.js';

describe('formatDiagnostic', () => {
  it('prints file:line:col and marks warnings', () => {
    expect(
      formatDiagnostic({
        file: 'a.md',
        line: 3,
        column: 7,
        code: 'field/invalid',
        message: 'bad',
        severity: 'error',
      }),
    ).toBe('a.md:3:7: bad');
    expect(
      formatDiagnostic({ file: 'a.md', code: 'glossary/unused', message: 'hm', severity: 'warning' }),
    ).toBe('a.md: warning: hm');
  });
  it('collects every diagnostic in the message', () => {
    const e = new BriefError([
      { file: 'a', line: 1, code: 'field/invalid', message: 'x', severity: 'error' },
      { file: 'b', code: 'field/invalid', message: 'y', severity: 'error' },
    ]);
    expect(e.message).toBe('a:1: x\nb: y');
  });
  it('adds the hint in parentheses', () => {
    expect(
      formatDiagnostic({
        file: 'a.md',
        line: 2,
        code: 'file/missing',
        message: 'no photo',
        hint: 'fix the name',
        severity: 'error',
      }),
    ).toBe('a.md:2: no photo (fix the name)');
  });
});
