import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_TOKEN_DAYS, TOKEN_ROLES } from '../../modules/auth/index.ts';
import { MAX_TOKEN_DAYS_HELP, TOKEN_ROLES_HELP } from './token-command.ts';

test('the token command help names exactly the roles and validity the auth module allows', () => {
  assert.equal(TOKEN_ROLES_HELP, TOKEN_ROLES.join(', '));
  assert.equal(MAX_TOKEN_DAYS_HELP, MAX_TOKEN_DAYS);
});
