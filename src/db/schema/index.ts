export * from './organisations.ts';
export * from './catalogue.ts';
