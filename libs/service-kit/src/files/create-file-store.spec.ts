import type { NatsConnection } from '@nats-io/transport-node';
import { createFileStore, s3OptionsFromEnv } from './create-file-store.js';
import { NatsFileStore } from './file-store.js';
import { S3FileStore } from './s3-file-store.js';

// Neither store touches the connection or the network until it is used.
const nc = {} as NatsConnection;

const s3Env = {
  OBJECT_STORE: 's3',
  S3_ENDPOINT: 'http://minio:9000',
  S3_BUCKET: 'jiaolian-files',
  S3_ACCESS_KEY_ID: 'access',
  S3_SECRET_ACCESS_KEY: 'secret',
};

describe(createFileStore.name, () => {
  it.each([
    { case: 'unset', env: {} },
    { case: 'empty', env: { OBJECT_STORE: '' } },
    { case: 'nats', env: { OBJECT_STORE: 'nats' } },
    { case: 'NATS', env: { OBJECT_STORE: 'NATS' } },
  ])('keeps files in NATS when OBJECT_STORE is $case', ({ env }) => {
    expect(createFileStore(nc, env)).toBeInstanceOf(NatsFileStore);
  });

  it('keeps files in S3 when OBJECT_STORE=s3 is complete, even if NATS settings are present', () => {
    expect(createFileStore(nc, s3Env)).toBeInstanceOf(S3FileStore);
  });

  it('refuses an unknown OBJECT_STORE, naming it', () => {
    expect(() => createFileStore(nc, { ...s3Env, OBJECT_STORE: 'minio' })).toThrow('OBJECT_STORE must be "nats" or "s3", got "minio"');
  });

  it.each(['S3_ENDPOINT', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'])('refuses OBJECT_STORE=s3 without %s, naming it', (name) => {
    expect(() => createFileStore(nc, { ...s3Env, [name]: '' })).toThrow(`OBJECT_STORE=s3 needs ${name} to be set`);
    expect(() => createFileStore(nc, { ...s3Env, [name]: undefined })).toThrow(`OBJECT_STORE=s3 needs ${name} to be set`);
  });

  it('names every missing variable at once', () => {
    expect(() => createFileStore(nc, { OBJECT_STORE: 's3', S3_BUCKET: 'b' }))
      .toThrow('OBJECT_STORE=s3 needs S3_ENDPOINT, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY to be set');
  });

  it('refuses an endpoint that is not an http(s) URL', () => {
    expect(() => createFileStore(nc, { ...s3Env, S3_ENDPOINT: 'minio:9000' })).toThrow('S3_ENDPOINT must be an http:// or https:// URL, got "minio:9000"');
  });

  it('refuses an S3_FORCE_PATH_STYLE that is not a boolean', () => {
    expect(() => createFileStore(nc, { ...s3Env, S3_FORCE_PATH_STYLE: 'maybe' })).toThrow('S3_FORCE_PATH_STYLE must be true or false, got "maybe"');
  });

  it('ignores the S3 variables while files stay in NATS', () => {
    expect(createFileStore(nc, { S3_ENDPOINT: 'not a url', S3_FORCE_PATH_STYLE: 'maybe' })).toBeInstanceOf(NatsFileStore);
  });
});

describe(s3OptionsFromEnv.name, () => {
  it('defaults the region to us-east-1 and path-style addressing to on', () => {
    expect(s3OptionsFromEnv(s3Env)).toEqual({
      endpoint: 'http://minio:9000', region: 'us-east-1', bucket: 'jiaolian-files', accessKeyId: 'access', secretAccessKey: 'secret', forcePathStyle: true,
    });
  });

  it.each([
    { value: 'false', expected: false },
    { value: '0', expected: false },
    { value: 'true', expected: true },
  ])('reads S3_FORCE_PATH_STYLE=$value as $expected and takes S3_REGION', ({ value, expected }) => {
    expect(s3OptionsFromEnv({ ...s3Env, S3_FORCE_PATH_STYLE: value, S3_REGION: 'cn-east-1' })).toMatchObject({ forcePathStyle: expected, region: 'cn-east-1' });
  });
});
