/**
 * Placeholder until the CDK app lands (the infrastructure issue): the table
 * declaration in shared/adapters/dynamodb/table-definition.ts is what it will build.
 */
console.log('npm run synth: the CDK app is not built yet; nothing to synthesize. See docs/operations.md once it lands.');
