import {
  DEFAULT_FILE_MAX_MB, DEFAULT_VIDEO_MAX_MB, RESOURCE_FILE_EXTENSIONS, type ResourceType,
} from '@jiaolian/contracts';
import { ValidationError } from '@jiaolian/service-kit';

export interface ResourceFileLimits {
  videoMaxBytes: number;
  fileMaxBytes: number;
}

const MB = 1024 * 1024;

/** Size limits from CURRICULUM_VIDEO_MAX_MB (default 200) and CURRICULUM_FILE_MAX_MB (default 50). */
export function resourceFileLimits(env: NodeJS.ProcessEnv = process.env): ResourceFileLimits {
  const mb = (name: string, fallback: number): number => {
    const value = Number(env[name]);
    return Number.isFinite(value) && value > 0 ? value : fallback;
  };
  return { videoMaxBytes: mb('CURRICULUM_VIDEO_MAX_MB', DEFAULT_VIDEO_MAX_MB) * MB, fileMaxBytes: mb('CURRICULUM_FILE_MAX_MB', DEFAULT_FILE_MAX_MB) * MB };
}

export const maxBytesFor = (type: ResourceType, limits: ResourceFileLimits): number =>
  (type === 'lesson_video' ? limits.videoMaxBytes : limits.fileMaxBytes);

export const extensionOf = (filename: string): string => (filename.includes('.') ? filename.slice(filename.lastIndexOf('.')).toLowerCase() : '');

/** Throws a ValidationError naming `file` when the file's type or size does not suit the resource type. */
export function checkResourceFile(type: ResourceType, file: { filename: string; size: number }, limits: ResourceFileLimits): void {
  const allowed = RESOURCE_FILE_EXTENSIONS[type];
  if (!allowed.includes(extensionOf(file.filename))) {
    throw ValidationError.of('file', 'curriculum.resource.file-type', { resourceType: type, extensions: allowed.join(', ') });
  }
  const max = maxBytesFor(type, limits);
  if (file.size > max) throw ValidationError.of('file', 'curriculum.resource.file-too-large', { maxMb: Math.round(max / MB), resourceType: type });
  if (file.size === 0) throw ValidationError.of('file', 'curriculum.resource.file-empty');
}

/** Tags trimmed, de-duplicated, in the order given. */
export const normaliseTags = (tags: string[] | undefined): string[] => [...new Set((tags ?? []).map((t) => t.trim()).filter(Boolean))];
