export * from './artifact-chunks';
export * from './model-artifact';
export * from './model-artifact.error';
export * from './model-family';
export * from './model-holder';
export * from './model-manifest';
export * from './model-version.store';
export * from './version-policy';
