import { ValidationError } from '@jiaolian/service-kit';
import { checkResourceFile, normaliseTags, resourceFileLimits } from './resource.rules.js';

const MB = 1024 * 1024;

describe('resource rules', () => {
  const limits = resourceFileLimits({});

  it('defaults to 200 MB for videos and 50 MB for other files, and reads overrides from the environment', () => {
    expect(limits).toEqual({ videoMaxBytes: 200 * MB, fileMaxBytes: 50 * MB });
    expect(resourceFileLimits({ CURRICULUM_VIDEO_MAX_MB: '500', CURRICULUM_FILE_MAX_MB: 'nonsense' })).toEqual({ videoMaxBytes: 500 * MB, fileMaxBytes: 50 * MB });
  });

  it.each([
    ['lesson_plan', '农耕教案.DOCX', 10 * MB],
    ['lesson_video', '课例.mp4', 150 * MB],
    ['courseware', 'slides.pptx', 50 * MB],
  ] as const)('accepts a %s named %s of %d bytes', (type, filename, size) => {
    expect(() => checkResourceFile(type, { filename, size }, limits)).not.toThrow();
  });

  it.each([
    ['lesson_plan', 'virus.exe', 10, /accepts these file types/, 'curriculum.resource.file-type'],
    ['lesson_video', 'notes.docx', 10, /accepts these file types/, 'curriculum.resource.file-type'],
    ['courseware', 'big.pptx', 50 * MB + 1, /larger than the limit of 50 MB/, 'curriculum.resource.file-too-large'],
    ['lesson_video', 'long.mp4', 200 * MB + 1, /larger than the limit of 200 MB/, 'curriculum.resource.file-too-large'],
    ['case', 'empty.pdf', 0, /empty/, 'curriculum.resource.file-empty'],
    ['case', 'noextension', 10, /accepts these file types/, 'curriculum.resource.file-type'],
  ] as const)('refuses a %s named %s of %d bytes, naming the file field', (type, filename, size, message, code) => {
    let error: unknown;
    try { checkResourceFile(type, { filename, size }, limits); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors).toEqual([expect.objectContaining({ field: 'file', message: expect.stringMatching(message), code })]);
    expect((error as ValidationError).code).toBe(code);
  });

  it('trims and de-duplicates tags', () => {
    expect(normaliseTags([' 农耕 ', '劳动', '农耕', ''])).toEqual(['农耕', '劳动']);
    expect(normaliseTags(undefined)).toEqual([]);
  });
});
