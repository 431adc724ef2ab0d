export * from './error-codes.js';
export * from './limits.js';
export * from './roles.js';
export * from './scopes.js';
export * from './password-policy.js';
export * from './two-factor.js';
export * from './domain-names.js';
export * from './spam.js';
