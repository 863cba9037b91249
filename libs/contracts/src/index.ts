export * from './generated';
export * from './topics';
export * from './validation/event-validators';
export * from './validation/field-checks';
export * from './attribute-names';
