import { describe, expect, it } from 'vitest';
import { changedFields, valueText } from '../../components/audit-log/audit-diff.js';

describe('the audit diff', () => {
  it('writes values as one line', () => {
    expect(valueText(null)).toBe('null');
    expect(valueText('a b')).toBe('a b');
    expect(valueText(3)).toBe('3');
    expect(valueText(false)).toBe('false');
    expect(valueText(['SC-SERVICE', 'SC-F-INBOUND', null])).toBe('SC-SERVICE, SC-F-INBOUND, null');
    expect(valueText([{ a: 1 }])).toBe('[{"a":1}]');
    expect(valueText({ a: [1, 2] })).toBe('{"a":[1,2]}');
  });

  it('lists the fields that differ, in the order they first appear', () => {
    expect(changedFields({ name: 'A', phone: '1', email: 'x' }, { phone: '2', name: 'A', email: 'y', street: 'S' })).toEqual([
      { field: 'phone', before: '1', after: '2' },
      { field: 'email', before: 'x', after: 'y' },
      { field: 'street', before: undefined, after: 'S' },
    ]);
  });

  it('compares nested values by content', () => {
    expect(changedFields({ services: ['A', 'B'], d: { p: 1 } }, { services: ['A', 'B'], d: { p: 1 } })).toEqual([]);
    expect(changedFields({ services: ['A'] }, { services: ['A', 'B'] })).toEqual([{ field: 'services', before: 'A', after: 'A, B' }]);
  });

  it('lists every field of a creation and of a removal', () => {
    expect(changedFields(null, { a: 1, b: null })).toEqual([
      { field: 'a', before: undefined, after: '1' },
      { field: 'b', before: undefined, after: 'null' },
    ]);
    expect(changedFields({ a: 1 }, null)).toEqual([{ field: 'a', before: '1', after: undefined }]);
    expect(changedFields(null, null)).toEqual([]);
  });

  it('diffs a value that is no object as a whole, with no field name', () => {
    expect(changedFields('ordered', 'confirmed')).toEqual([{ field: '', before: 'ordered', after: 'confirmed' }]);
    expect(changedFields([1], [1])).toEqual([]);
    expect(changedFields(undefined, 5)).toEqual([{ field: '', before: undefined, after: '5' }]);
    expect(changedFields({ a: 1 }, [1])).toEqual([{ field: '', before: '{"a":1}', after: '1' }]);
  });
});
