export * from './organisations.ts';
export * from './catalogue.ts';
export * from './accounts.ts';
export * from './audit.ts';
export * from './mail.ts';
export * from './candidates.ts';
export * from './calls.ts';
export * from './admissions.ts';
