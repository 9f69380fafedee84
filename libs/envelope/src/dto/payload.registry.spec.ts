import { MESSAGE_TYPES } from '../envelope.constants';
import { payloadClassFor } from './payload.registry';

describe(payloadClassFor.name, () => {
  const typed = MESSAGE_TYPES.filter((type) => type !== 'incident.report');

  it('names a distinct payload class for every type but incident.report', () => {
    const sut = typed.map((type) => payloadClassFor(type));

    expect(sut.every((cls) => typeof cls === 'function')).toBe(true);
    expect(new Set(sut).size).toBe(typed.length);
  });

  it.each([
    'incident.report',
    'person.fugitive',
    '__proto__',
    'constructor',
    'toString',
    42,
    null,
    undefined,
  ])('has no payload class for %p', (type) => {
    expect(payloadClassFor(type)).toBeUndefined();
  });
});
