import { FileTypeValidator } from '@nestjs/common';

/**
 * package.json overrides @nestjs/common's file-type 22 (Node 22+ only) with 21, which runs
 * on Node 20. Nest uses one function of it, fileTypeFromBuffer, in FileTypeValidator: it
 * must still tell a file's type by its magic number.
 */
describe('file-type under the override', () => {
  const png = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
    'base64',
  );
  const validator = new FileTypeValidator({ fileType: 'image/png' });

  it('recognises a PNG by its content', async () => {
    expect(await validator.isValid({ buffer: png, mimetype: 'image/png' } as never)).toBe(true);
  });

  it('refuses a file that only claims to be a PNG', async () => {
    const text = Buffer.from('not an image at all, just text pretending to be one');
    expect(await validator.isValid({ buffer: text, mimetype: 'image/png' } as never)).toBe(false);
  });
});
