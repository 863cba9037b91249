export * from './http-errors.filter';
export * from './request-body';
