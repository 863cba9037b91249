export * from './env-docs';
export * from './env-spec';
export * from './load-config';
export * from './platform.config';
