// The boundaries of ARCHITECTURE.md as a check (`npm run boundaries`, part of `npm run check`):
// main → http → modules → platform; modules reach each other only through their index.ts; SQL
// (kysely, pg) only in *-repository.ts and platform/db; modules/validation pure. A violation fails
// the check. Known exceptions would sit in KNOWN below, each with its reason; there are none.

/**
 * Known exceptions: a file exempt from one rule, with why and what removes the exception. Empty since
 * 2026-12-07 (issue 17); a new entry needs a reason a reviewer accepts.
 */
const KNOWN = [];

/** @type {import('dependency-cruiser').IConfiguration} */
const config = {
  forbidden: [
    {
      name: 'nothing-imports-main',
      comment: 'main/ is the entry points and wiring; nothing below may depend on it.',
      severity: 'error',
      from: { path: '^src/(http|modules|platform|config)/' },
      to: { path: '^src/main/' },
    },
    {
      name: 'http-only-from-main',
      comment: 'modules and platform know nothing of HTTP (main → http → modules → platform).',
      severity: 'error',
      from: { path: '^src/(modules|platform|config)/' },
      to: { path: '^src/http/' },
    },
    {
      name: 'platform-knows-no-domain',
      comment: 'platform/ is plumbing without domain words: it may not import modules/.',
      severity: 'error',
      from: { path: '^src/platform/' },
      to: { path: '^src/modules/' },
    },
    {
      name: 'modules-through-index',
      comment: 'Another module is reached only through its index.ts (its public surface), never its files.',
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/' },
      to: {
        path: '^src/modules/[^/]+/',
        pathNot: [
          '^src/modules/$1/',
          '^src/modules/[^/]+/index\\.ts$',
          '^src/modules/[^/]+/[^/]+/index\\.ts$',
        ],
      },
    },
    {
      name: 'outside-modules-through-index',
      comment: 'http/ and main/ reach a module only through its index.ts.',
      severity: 'error',
      from: { path: '^src/(http|main|config)/' },
      to: {
        path: '^src/modules/[^/]+/',
        pathNot: ['^src/modules/[^/]+/index\\.ts$', '^src/modules/[^/]+/[^/]+/index\\.ts$'],
      },
    },
    {
      name: 'sql-only-in-repositories',
      comment:
        'Only *-repository.ts files (and platform/db) run SQL; services take a Db and call a repository.',
      severity: 'error',
      from: {
        path: '^src/',
        pathNot: ['-repository\\.ts$', '^src/platform/db/', '^src/modules/database-schema\\.ts$'],
      },
      // (^|/): in a git worktree node_modules may be a symlink that resolves to ../main/node_modules.
      to: { path: '(^|/)node_modules/(kysely|pg)/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'validation-is-pure',
      comment:
        'modules/validation also runs in the browser: no Node built-ins (fs, net, crypto, clock come from the caller).',
      severity: 'error',
      from: { path: '^src/modules/validation/', pathNot: ['\\.test\\.ts$'] },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'validation-needs-no-platform',
      comment:
        'modules/validation is pure: no platform (files, db, time), http or wiring; only platform/bytes (ByteSource, Hasher) and platform/privacy (the one elfproef and BSN masking), pure too.',
      severity: 'error',
      from: { path: '^src/modules/validation/', pathNot: ['\\.test\\.ts$'] },
      to: { path: '^src/(platform|http|main|config)/', pathNot: ['^src/platform/(bytes|privacy)/'] },
    },
    {
      name: 'platform-bytes-is-pure',
      comment:
        'platform/bytes and platform/privacy are bundled for the browser with the validation engine: no Node built-ins, no other platform.',
      severity: 'error',
      from: { path: '^src/platform/(bytes|privacy)/', pathNot: ['\\.test\\.ts$'] },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'cli-help-stays-lazy',
      comment:
        'ggk --help must not load the application: main/cli.ts, the *-command.ts files and commands/shared.ts import config, modules, platform, http and the wiring only dynamically (await import) inside a command (the error class and the project-root paths excepted: neither loads anything).',
      severity: 'error',
      from: { path: '^src/main/(cli|commands/([^/]+-command|shared))\\.ts$' },
      to: {
        path: '^src/(config/|http|main/(?!commands/)|platform/(?!errors/app-error|files/project-root)|modules/(?!validation/generate/index))',
        dependencyTypesNot: ['dynamic-import', 'type-only'],
      },
    },
    {
      name: 'http-not-to-repositories',
      comment:
        "A module's index.ts does not re-export its repository functions: http/ and main/ go through services.",
      severity: 'error',
      from: { path: '^src/modules/[^/]+/index\\.ts$' },
      to: { path: '-repository\\.ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: { path: '^src/' },
      comment:
        "Type-only cycles (a route file naming the app type) are harmless and allowed, and so is a cycle closed by a dynamic import inside a function (loaded when it runs, after both modules): auth's login accepts an invitation in users, whose disabling ends sessions in auth.",
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only', 'dynamic-import'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.test\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};

for (const known of KNOWN) {
  const rule = config.forbidden.find((r) => r.name === known.rule);
  if (!rule) throw new Error(`.dependency-cruiser.cjs: KNOWN names an unknown rule ${known.rule}`);
  rule.from.pathNot = [...[rule.from.pathNot ?? []].flat(), known.from];
}

module.exports = config;
