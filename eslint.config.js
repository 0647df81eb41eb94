// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Layering rules from STYLE.md, enforced so that a wrong import fails the build. */
const awsSdk = { group: ['@aws-sdk/*'], message: 'Only shared/adapters (and infra/) may import the AWS SDK.' };
const adapters = { group: ['**/adapters/**', '**/adapters'], message: 'Services and domain use ports; functions/wiring picks adapters.' };
const services = { group: ['**/services/**', '**/services'], message: 'The domain is pure: no services.' };
const ports = { group: ['**/ports/**', '**/ports'], message: 'The domain is pure: no ports.' };
const infra = { group: ['**/infra/**'], message: 'Runtime code must not depend on infra/.' };
const jsonApi = { group: ['**/functions/api/**', '**/functions/api'], message: 'Pages and the HTTP core do not depend on the JSON API; shared HTTP pieces live in functions/http.' };
const pages = { group: ['**/web/**', '**/web'], message: 'The JSON API and the HTTP core do not depend on pages; functions/api/app.ts and functions/api/surfaces/ compose both.' };
/** `c.var.deps.<port>.<method>(…)` or `deps.<port>.<method>(…)` in a route: the logic belongs in a service. */
const portCalls = ['property.name', 'name'].map((deps) => ({
  selector: `CallExpression[callee.type='MemberExpression'][callee.object.type='MemberExpression'][callee.object.object.${deps}='deps']`,
  message: 'Routes call services (shared/services), never a port of c.var.deps directly.',
}));

export default tseslint.config(
  { ignores: ['node_modules/', 'cdk.out/', '.data/', 'coverage/', 'web/assets/vendor/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['shared/domain/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [awsSdk, adapters, services, ports, infra, { group: ['hono', 'hono/*'], message: 'The domain knows nothing of HTTP.' }] }] },
  },
  {
    files: ['shared/services/**', 'shared/ports/**', 'shared/formats/**', 'shared/geo/**', 'shared/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [awsSdk, adapters, infra] }] },
  },
  {
    // Test helpers read loosely typed JSON responses; production code may not.
    files: ['tests/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['functions/**', 'web/**'],
    ignores: ['functions/wiring/**', 'functions/http/**', 'functions/api/**', 'web/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [awsSdk, adapters, infra] }] },
  },
  {
    // The HTTP core sits below both the JSON API and the pages.
    files: ['functions/http/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [awsSdk, adapters, infra, jsonApi, pages] }] },
  },
  {
    files: ['web/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [awsSdk, adapters, infra, jsonApi] }] },
  },
  {
    files: ['web/pages/**', 'functions/api/routes/**'],
    rules: { 'no-restricted-syntax': ['error', ...portCalls] },
  },
  {
    // app.ts and the surfaces (one per Lambda function serving HTTP) are the modules that compose the API with the pages.
    files: ['functions/api/**'],
    ignores: ['functions/api/app.ts', 'functions/api/surfaces/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [awsSdk, adapters, infra, pages] }] },
  },
  {
    files: ['functions/api/app.ts', 'functions/api/surfaces/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [awsSdk, adapters, infra] }] },
  },
);
