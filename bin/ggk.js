#!/usr/bin/env node
// The package's command. ggk runs its TypeScript sources through tsx's loader, so there is no build
// step between a clone and `npm start` (see docs/decisions/0001-run-typescript-with-tsx.md).
import { register } from 'tsx/esm/api';

register();
await import('../src/main/cli.ts');
