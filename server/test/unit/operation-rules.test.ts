import 'reflect-metadata';
import { createSchema } from '../../src/common/schema';
import { operationRules } from '../../src/common/operation-rules';

describe('operation rules', () => {
  it('declares who may call every query, mutation and subscription', async () => {
    const operations = operationRules(await createSchema());
    const undeclared = operations.filter((operation) => operation.rule === null);

    expect(operations.length).toBeGreaterThan(20);
    expect(undeclared.map((o) => `${o.root} ${o.fieldName}`)).toEqual([]);
  });

  it('leaves only signing up and in, sessions, password resets and the agreement open', async () => {
    const open = operationRules(await createSchema())
      .filter((operation) => operation.rule?.kind === 'PUBLIC')
      .map((operation) => operation.fieldName);

    expect(open.sort()).toEqual([
      'currentAgreement',
      'login',
      'logout',
      'refreshToken',
      'register',
      'requestVerificationCode',
      'resetPassword',
    ]);
  });
});
