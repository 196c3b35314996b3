// The only reader of process.env. Every setting is parsed and checked at boot; all problems are
// reported together, each with a hint, so an operator fixes a bad configuration in one go.
import path from 'node:path';
import { z } from 'zod';

const portNumber = z.coerce.number().int().min(1).max(65535);

/** eHerkenning levels of assurance, lowest first. */
export const LEVELS_OF_ASSURANCE = [
  'urn:etoegang:core:assurance-class:loa1',
  'urn:etoegang:core:assurance-class:loa2',
  'urn:etoegang:core:assurance-class:loa2plus',
  'urn:etoegang:core:assurance-class:loa3',
  'urn:etoegang:core:assurance-class:loa4',
] as const;
export type LevelOfAssurance = (typeof LEVELS_OF_ASSURANCE)[number];

/** Local parts of role and functional mailboxes: refused, because every user needs a personal address. */
export const DEFAULT_FUNCTIONAL_EMAIL_PREFIXES = [
  'info',
  'sociaaldomein',
  'servicedesk',
  'helpdesk',
  'noreply',
  'no-reply',
  'postmaster',
  'admin',
  'administrator',
  'beheer',
  'applicatiebeheer',
  'functioneelbeheer',
  'secretariaat',
  'gemeente',
  'post',
  'contact',
  'support',
  'office',
  'wmo',
  'jeugd',
  'monitor',
  'team',
  'abuse',
  'webmaster',
  'hostmaster',
  'security',
];

const schema = z.object({
  DATABASE_URL: z
    .string()
    .url()
    .refine((v) => /^postgres(ql)?:\/\//.test(v), 'moet beginnen met postgres:// of postgresql://')
    .optional(),
  GGK_DATA_DIR: z.string().min(1).default('./var'),
  GGK_EMBEDDED_PG_PORT: portNumber.default(54329),
  GGK_HOST: z.string().min(1).default('127.0.0.1'),
  GGK_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  GGK_BASE_URL: z.string().url().optional(),
  GGK_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  GGK_SEED_DEMO: z.enum(['true', 'false']).default('true'),
  GGK_JOBS: z.enum(['true', 'false']).default('true'),
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  GGK_OIDC_ISSUER: z.string().url().optional(),
  GGK_OIDC_CLIENT_ID: z.string().min(1).default('ggk'),
  GGK_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  GGK_OIDC_CLAIM_ACTING_SUBJECT: z.string().min(1).default('sub'),
  GGK_OIDC_CLAIM_LEGAL_SUBJECT: z.string().min(1).default('urn:etoegang:core:LegalSubjectID'),
  GGK_OIDC_CLAIM_LOA: z.string().min(1).default('acr'),
  GGK_OIDC_MIN_LOA: z.enum(LEVELS_OF_ASSURANCE).default('urn:etoegang:core:assurance-class:loa3'),
  GGK_DEV_IDP_PORT: z.coerce.number().int().min(0).max(65535).default(8081),
  GGK_SMTP_URL: z
    .string()
    .url()
    .refine((v) => /^smtps?:\/\//.test(v), 'moet beginnen met smtp:// of smtps://')
    .optional(),
  GGK_MAIL_FROM: z.string().min(3).default('ggk <noreply@ggk.localhost>'),
  GGK_MAIL_CATCHER_PORT: z.coerce.number().int().min(0).max(65535).default(2525),
  GGK_FUNCTIONAL_EMAIL_PREFIXES: z
    .string()
    .regex(/^[a-z0-9._+-]+(,[a-z0-9._+-]+)*$/i, 'moet een lijst zijn als info,servicedesk,noreply')
    .default(DEFAULT_FUNCTIONAL_EMAIL_PREFIXES.join(',')),
  GGK_MASTER_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'moet 64 hexadecimale tekens zijn (256 bits)')
    .optional(),
  GGK_MAX_UPLOAD_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(2 * 1024 ** 3),
  GGK_SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  GGK_SESSION_MAX_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 7)
    .default(12),
  GGK_REPORT_CHANGE_THRESHOLD: z.coerce.number().min(1).max(1000).default(30),
  GGK_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(365),
  GGK_SEED_DEMO_DELIVERIES: z.enum(['true', 'false']).optional(),
  GGK_REMINDER_WORKING_DAYS: z.coerce.number().int().min(1).max(30).default(5),
  GGK_FAKE_NOW: z
    .string()
    .datetime({ offset: true, message: 'moet een tijdstip zijn als 2018-02-20T09:00:00Z' })
    .optional(),
});

const hints: Record<string, string> = {
  DATABASE_URL:
    'Laat leeg voor de ingebouwde PostgreSQL, of geef bijvoorbeeld postgres://postgres@127.0.0.1:5432/ggk.',
  GGK_DATA_DIR: 'Een map waarin ggk mag schrijven, bijvoorbeeld ./var.',
  GGK_EMBEDDED_PG_PORT: 'Een vrije poort voor de ingebouwde PostgreSQL (niet 5432), bijvoorbeeld 54329.',
  GGK_HOST: 'Het adres waarop de webserver luistert, bijvoorbeeld 127.0.0.1 of 0.0.0.0.',
  GGK_PORT: 'Een poortnummer van 0 tot en met 65535 (0 kiest een vrije poort), bijvoorbeeld 8080.',
  GGK_BASE_URL: 'Het publieke adres van het portaal, bijvoorbeeld https://ggk.example.nl.',
  GGK_LOG_LEVEL: 'Een van fatal, error, warn, info, debug, trace of silent.',
  GGK_SEED_DEMO: 'true of false.',
  GGK_JOBS: 'true of false: of dit proces ook achtergrondtaken uitvoert.',
  NODE_ENV: 'Een van development, test of production.',
  GGK_OIDC_ISSUER:
    'Laat leeg voor de ingebouwde test-identiteitsprovider, of geef het adres van de eHerkenning-makelaar (OpenID Connect).',
  GGK_OIDC_CLIENT_ID: 'De client-id die de makelaar aan ggk heeft gegeven.',
  GGK_OIDC_CLIENT_SECRET: 'Het clientgeheim dat de makelaar aan ggk heeft gegeven.',
  GGK_OIDC_CLAIM_ACTING_SUBJECT: 'De claim met de pseudoniem van de handelende persoon, bijvoorbeeld sub.',
  GGK_OIDC_CLAIM_LEGAL_SUBJECT: 'De claim met het KvK-nummer of OIN van de organisatie.',
  GGK_OIDC_CLAIM_LOA: 'De claim met het betrouwbaarheidsniveau, bijvoorbeeld acr.',
  GGK_OIDC_MIN_LOA: 'Het laagste toegestane niveau, bijvoorbeeld urn:etoegang:core:assurance-class:loa3.',
  GGK_DEV_IDP_PORT: 'Een vrije poort voor de ingebouwde test-identiteitsprovider (0 kiest een vrije poort).',
  GGK_SMTP_URL: 'Laat leeg voor de ingebouwde mailvanger, of geef bijvoorbeeld smtp://mail.example.nl:587.',
  GGK_MAIL_FROM: 'De afzender van de e-mails van ggk, bijvoorbeeld "ggk <noreply@ggk.example.nl>".',
  GGK_MAIL_CATCHER_PORT: 'Een vrije poort voor de ingebouwde mailvanger (0 kiest een vrije poort).',
  GGK_FUNCTIONAL_EMAIL_PREFIXES:
    "Door komma's gescheiden begin van functionele adressen die worden geweigerd, bijvoorbeeld info,servicedesk.",
  GGK_MASTER_KEY:
    'Laat leeg om een sleutelbestand in GGK_DATA_DIR/keys te laten maken, of geef 64 hexadecimale tekens (bijvoorbeeld uit een kluis).',
  GGK_MAX_UPLOAD_BYTES:
    'Het grootste bestand dat kan worden aangeleverd, in bytes, bijvoorbeeld 2147483648 (2 GB).',
  GGK_SESSION_IDLE_MINUTES: 'Na hoeveel minuten zonder activiteit een sessie verloopt, bijvoorbeeld 30.',
  GGK_SESSION_MAX_HOURS: 'Hoeveel uur een sessie ten hoogste duurt, bijvoorbeeld 12.',
  GGK_REPORT_CHANGE_THRESHOLD:
    'Vanaf welke verandering (in procenten) het op-orde rapport een categorie markeert ten opzichte van een eerdere aanlevering, bijvoorbeeld 30.',
  GGK_RETENTION_DAYS:
    'Hoeveel dagen aangeleverde bestanden bewaard blijven nadat de ronde is gesloten (einde van de intrekkingsperiode), 1 tot en met 3650, bijvoorbeeld 365. Daarna verwijderen `ggk purge` en de dagelijkse taak ze.',
  GGK_SEED_DEMO_DELIVERIES:
    'true of false: of de demowereld ook aanleveringen in verschillende staten krijgt (voor de rondemonitor). Standaard true, behalve bij NODE_ENV=test.',
  GGK_REMINDER_WORKING_DAYS:
    'Hoeveel werkdagen voor het sluiten van de aanleverperiode de herinnering gaat naar wie nog niet heeft aangeleverd (1 tot en met 30), bijvoorbeeld 5.',
  GGK_FAKE_NOW:
    'Alleen voor testen en demo’s (wordt genegeerd als NODE_ENV=production): het tijdstip waarop de klok van ggk start, bijvoorbeeld 2018-02-20T09:00:00Z. De klok loopt vanaf daar door.',
};

export interface Config {
  databaseUrl: string | undefined;
  dataDir: string;
  embeddedPostgresPort: number;
  host: string;
  port: number;
  baseUrl: string;
  logLevel: z.infer<typeof schema>['GGK_LOG_LEVEL'];
  seedDemo: boolean;
  /** Whether the demo seed includes deliveries (off by default in tests, which count deliveries). */
  seedDemoDeliveries: boolean;
  runJobs: boolean;
  environment: z.infer<typeof schema>['NODE_ENV'];
  oidc: {
    /** Undefined: ggk starts its own development identity provider. */
    issuer: string | undefined;
    clientId: string;
    clientSecret: string | undefined;
    claims: { actingSubject: string; legalSubject: string; levelOfAssurance: string };
    minimumLevelOfAssurance: LevelOfAssurance;
    devIdentityProviderPort: number;
  };
  functionalEmailPrefixes: string[];
  session: { idleMinutes: number; maxHours: number };
  files: { masterKeyHex: string | undefined; maxUploadBytes: number; retentionDays: number };
  /** Op-orde report: a change beyond this percentage is flagged (C-01). */
  reports: { changeThresholdPercent: number };
  mail: {
    /** Undefined: ggk starts its built-in SMTP catcher and sends there. */
    smtpUrl: string | undefined;
    from: string;
    catcherPort: number;
  };
  /** Reminders (and the monitor's "close nears" warning): working days before the window closes. */
  reminders: { closingWorkingDays: number };
  /** GGK_FAKE_NOW outside production: the instant the clock starts at (it runs on from there). */
  fakeNow?: Date;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`De configuratie klopt niet:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads the configuration from an environment (process.env by default); throws ConfigError listing every problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const key = String(issue.path[0] ?? '');
      return `${key}: ${issue.message}. ${hints[key] ?? ''}`.trim();
    });
    throw new ConfigError(problems);
  }
  const e = parsed.data;
  if (e.DATABASE_URL === undefined && e.GGK_EMBEDDED_PG_PORT === 5432) {
    throw new ConfigError([
      `GGK_EMBEDDED_PG_PORT: 5432 is voor een systeem-PostgreSQL. ${hints.GGK_EMBEDDED_PG_PORT}`,
    ]);
  }
  const port = overrides.port ?? e.GGK_PORT;
  return {
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.GGK_DATA_DIR),
    embeddedPostgresPort: e.GGK_EMBEDDED_PG_PORT,
    host: e.GGK_HOST,
    port,
    baseUrl: (
      e.GGK_BASE_URL ?? `http://${e.GGK_HOST === '0.0.0.0' ? 'localhost' : e.GGK_HOST}:${port}`
    ).replace(/\/$/, ''),
    logLevel: e.GGK_LOG_LEVEL,
    seedDemo: e.GGK_SEED_DEMO === 'true',
    seedDemoDeliveries: (e.GGK_SEED_DEMO_DELIVERIES ?? (e.NODE_ENV === 'test' ? 'false' : 'true')) === 'true',
    runJobs: e.GGK_JOBS === 'true',
    environment: e.NODE_ENV,
    oidc: {
      issuer: e.GGK_OIDC_ISSUER,
      clientId: e.GGK_OIDC_CLIENT_ID,
      clientSecret: e.GGK_OIDC_CLIENT_SECRET,
      claims: {
        actingSubject: e.GGK_OIDC_CLAIM_ACTING_SUBJECT,
        legalSubject: e.GGK_OIDC_CLAIM_LEGAL_SUBJECT,
        levelOfAssurance: e.GGK_OIDC_CLAIM_LOA,
      },
      minimumLevelOfAssurance: e.GGK_OIDC_MIN_LOA,
      devIdentityProviderPort: e.GGK_DEV_IDP_PORT,
    },
    functionalEmailPrefixes: e.GGK_FUNCTIONAL_EMAIL_PREFIXES.split(',').map((p) => p.toLowerCase()),
    session: { idleMinutes: e.GGK_SESSION_IDLE_MINUTES, maxHours: e.GGK_SESSION_MAX_HOURS },
    files: {
      masterKeyHex: e.GGK_MASTER_KEY,
      maxUploadBytes: e.GGK_MAX_UPLOAD_BYTES,
      retentionDays: e.GGK_RETENTION_DAYS,
    },
    reports: { changeThresholdPercent: e.GGK_REPORT_CHANGE_THRESHOLD },
    mail: { smtpUrl: e.GGK_SMTP_URL, from: e.GGK_MAIL_FROM, catcherPort: e.GGK_MAIL_CATCHER_PORT },
    reminders: { closingWorkingDays: e.GGK_REMINDER_WORKING_DAYS },
    // Never in production: there the clock is always the real one, whatever the environment says.
    ...(e.GGK_FAKE_NOW !== undefined && e.NODE_ENV !== 'production'
      ? { fakeNow: new Date(e.GGK_FAKE_NOW) }
      : {}),
    ...overrides,
  };
}
