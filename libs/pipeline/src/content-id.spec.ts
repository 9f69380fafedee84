import { contentDerivedId } from './content-id';

describe(contentDerivedId.name, () => {
  it('gives the same RFC 9562 version-8 UUID for the same content and another for other content', () => {
    const sut = contentDerivedId(Buffer.from('<Notice/>'));

    expect(sut).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(contentDerivedId(Buffer.from('<Notice/>'))).toBe(sut);
    expect(contentDerivedId(Buffer.from('<Notice />'))).not.toBe(sut);
  });
});
