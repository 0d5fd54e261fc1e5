// Where uploaded and generated files live: the FileStore contract, its NATS and S3 stores, and the
// factory that picks one from OBJECT_STORE.
export * from './file-store.js';
export * from './s3-file-store.js';
export * from './create-file-store.js';
