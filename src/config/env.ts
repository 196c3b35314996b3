// The only reader of process.env. Every setting is parsed and checked at boot; all problems are
// reported together, each with a hint, so an operator fixes a bad configuration in one go.
import { realpathSync } from 'node:fs';
import { isIP } from 'node:net';
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
  // Common Dutch municipal functional mailboxes (issue 18): a post box, the klantcontactcentrum, front
  // and back offices, desks and departments, and the monitor's own mailboxes.
  'postbus',
  'kcc',
  'klantcontact',
  'klantcontactcentrum',
  'backoffice',
  'frontoffice',
  'cbsmonitor',
  'monitorsociaaldomein',
  'afdeling',
  'loket',
  'zorgloket',
  'wmoloket',
  'jeugdloket',
  'publiekszaken',
  'burgerzaken',
  'receptie',
  'balie',
  'mailbox',
  'functioneel',
  'algemeen',
  'statistiek',
  'onderzoek',
  'privacy',
  'fg',
  'inkoop',
  'medewerker',
  'gebruiker',
  'test',
  // An entry starting with "-" is an ending: a word of at least three characters joined to it, with
  // or without a separator (wmo-loket@, zorgloket@, jeugdteam@, wijk_team@). One or two characters
  // before it are initials (j.team@ is a person called Team).
  '-loket',
  '-team',
  '-desk',
  '-balie',
  '-postbus',
  '-secretariaat',
  '-monitor',
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
  GGK_SEED_DEMO: z.enum(['true', 'false']).optional(),
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
  GGK_OPERATOR_NAME: z.string().trim().min(2).max(200).default('Inlichtingenbureau'),
  GGK_ACCESSIBILITY_EMAIL: z.string().trim().email().default('toegankelijkheid@ggk.localhost'),
  GGK_FUNCTIONAL_EMAIL_PREFIXES: z
    .string()
    .regex(/^[a-z0-9._+-]+(,[a-z0-9._+-]+)*$/i, 'moet een lijst zijn als info,servicedesk,noreply')
    .default(DEFAULT_FUNCTIONAL_EMAIL_PREFIXES.join(',')),
  GGK_MASTER_KEY_FILE: z.string().min(1).optional(),
  GGK_MASTER_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'moet 64 hexadecimale tekens zijn (256 bits)')
    .optional(),
  GGK_PREVIOUS_MASTER_KEYS: z
    .string()
    .regex(
      /^[0-9a-fA-F]{64}(,[0-9a-fA-F]{64})*$/,
      "moet 64 hexadecimale tekens zijn, meerdere gescheiden door komma's",
    )
    .optional(),
  GGK_METRICS_TOKEN: z.string().min(32, 'moet minstens 32 tekens zijn').optional(),
  GGK_STORAGE: z.enum(['file', 's3']).default('file'),
  GGK_S3_ENDPOINT: z.string().url().optional(),
  GGK_S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'moet een geldige bucketnaam zijn')
    .optional(),
  GGK_S3_REGION: z.string().min(1).optional(),
  AWS_REGION: z.string().min(1).optional(),
  GGK_S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).default('false'),
  GGK_S3_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9._/-]*$/, 'mag alleen letters, cijfers en . _ / - bevatten')
    .default('ggk/'),
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
  GGK_SEED_DEMO_OPEN_ROUND: z.enum(['true', 'false']).optional(),
  GGK_REMINDER_WORKING_DAYS: z.coerce.number().int().min(1).max(30).default(5),
  GGK_PILOT_TARGET_REMINDER_WORKING_DAYS: z.coerce.number().int().min(1).max(30).default(2),
  GGK_CBS_RECEIPT_WORKING_DAYS: z.coerce.number().int().min(1).max(30).default(1),
  GGK_CBS_ERASURE_WORKING_DAYS: z.coerce.number().int().min(1).max(60).default(5),
  GGK_CBS_CLIENT_CERT_SHA256: z
    .string()
    .regex(
      /^([0-9a-fA-F:]{64,95})(,[0-9a-fA-F:]{64,95})*$/,
      'moet een lijst van SHA-256-vingerafdrukken zijn',
    )
    .optional(),
  GGK_TRUSTED_PROXY_CERT_HEADER: z
    .string()
    .regex(/^[A-Za-z0-9-]+$/, 'moet een naam van een HTTP-header zijn')
    .optional(),
  GGK_TRUSTED_PROXIES: z
    .string()
    .refine(
      (v) => v.split(',').every((a) => isAddressOrRange(a.trim())),
      "moet een lijst van IP-adressen of -reeksen zijn, door komma's gescheiden",
    )
    .optional(),
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
  GGK_SEED_DEMO:
    'true of false: of ggk een demowereld aanmaakt. Standaard true, behalve bij NODE_ENV=production (daar nooit).',
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
  GGK_OPERATOR_NAME:
    'De organisatie die ggk beheert en verantwoordelijk is voor de toegankelijkheidsverklaring, bijvoorbeeld Inlichtingenbureau.',
  GGK_ACCESSIBILITY_EMAIL:
    'Het e-mailadres waar bezoekers toegankelijkheidsproblemen melden (in de toegankelijkheidsverklaring), bijvoorbeeld toegankelijkheid@ggk.example.nl.',
  GGK_FUNCTIONAL_EMAIL_PREFIXES:
    "Door komma's gescheiden begin van functionele adressen die worden geweigerd, bijvoorbeeld info,servicedesk; met een streepje ervoor een einde, bijvoorbeeld -loket.",
  GGK_MASTER_KEY_FILE:
    'Het bestand met de hoofdsleutel (64 hexadecimale tekens), buiten GGK_DATA_DIR, bijvoorbeeld /run/secrets/ggk-master.key. Standaard GGK_DATA_DIR/keys/master.key (niet in productie).',
  GGK_MASTER_KEY:
    'Laat leeg om een sleutelbestand in GGK_DATA_DIR/keys te laten maken, of geef 64 hexadecimale tekens (bijvoorbeeld uit een kluis).',
  GGK_PREVIOUS_MASTER_KEYS:
    'Alleen rond een sleutelwissel (ggk keys rotate): eerdere hoofdsleutels, om bestanden te lezen die daarmee zijn versleuteld, gescheiden door komma’s.',
  GGK_METRICS_TOKEN:
    'Een geheim van minstens 32 tekens waarmee Prometheus GET /metrics mag lezen (Authorization: Bearer …); leeg: geen /metrics.',
  GGK_STORAGE:
    'file (standaard: versleutelde bestanden in GGK_DATA_DIR/files) of s3 (een S3-compatibele objectopslag, gedeeld door meerdere nodes).',
  GGK_S3_ENDPOINT:
    'Het adres van de S3-compatibele opslag, bijvoorbeeld https://s3.example.nl; leeg voor AWS zelf.',
  GGK_S3_BUCKET:
    'De bucket voor de versleutelde bestanden, bijvoorbeeld ggk-bestanden (verplicht bij GGK_STORAGE=s3).',
  GGK_S3_REGION: 'De regio van de bucket, bijvoorbeeld eu-west-1 (standaard AWS_REGION, anders us-east-1).',
  AWS_REGION: 'De AWS-regio, bijvoorbeeld eu-west-1.',
  GGK_S3_FORCE_PATH_STYLE:
    'true voor adressen als https://host/bucket/… (MinIO, Swift), false voor bucket.host.',
  GGK_S3_PREFIX: 'Voorvoegsel van de objectnamen in de bucket, bijvoorbeeld ggk/.',
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
  GGK_SEED_DEMO_OPEN_ROUND:
    'true of false: of de demowereld naast de pilotronde van 2018 ook een ronde krijgt die vandaag open is (data berekend bij het vullen), zodat aanleveren zonder GGK_FAKE_NOW kan. Standaard true, behalve bij NODE_ENV=test.',
  GGK_REMINDER_WORKING_DAYS:
    'Hoeveel werkdagen voor het sluiten van de aanleverperiode de herinnering gaat naar wie nog niet heeft aangeleverd (1 tot en met 30), bijvoorbeeld 5.',
  GGK_PILOT_TARGET_REMINDER_WORKING_DAYS:
    'Hoeveel werkdagen voor de streefdatum van de ronde de herinnering gaat naar pilotdeelnemers die nog niet hebben aangeleverd (1 tot en met 30), bijvoorbeeld 2.',
  GGK_CBS_RECEIPT_WORKING_DAYS:
    'Binnen hoeveel werkdagen CBS een aanlevering moet hebben bevestigd voordat de rondemonitor haar markeert (1 tot en met 30), bijvoorbeeld 1.',
  GGK_CBS_ERASURE_WORKING_DAYS:
    'Binnen hoeveel werkdagen CBS een intrekking moet hebben bevestigd als verwijderd voordat de rondemonitor haar markeert (1 tot en met 60), bijvoorbeeld 5.',
  GGK_CBS_CLIENT_CERT_SHA256:
    "Laat leeg, of geef de SHA-256-vingerafdrukken (hex, door komma's gescheiden) van de clientcertificaten die het kanaal van CBS mag gebruiken.",
  GGK_TRUSTED_PROXY_CERT_HEADER:
    'Laat leeg, of geef de header waarin een vertrouwde proxy het clientcertificaat (of zijn SHA-256-vingerafdruk) doorgeeft, bijvoorbeeld X-Client-Cert. Alleen geloofd op verbindingen van een adres in GGK_TRUSTED_PROXIES.',
  GGK_TRUSTED_PROXIES:
    "Laat leeg, of geef de adressen van de load balancer(s) voor ggk, door komma's gescheiden, bijvoorbeeld 10.0.0.5,10.0.1.0/24. Alleen van die adressen geldt X-Forwarded-For als adres van de bezoeker.",
  GGK_FAKE_NOW:
    'Alleen voor testen en demo’s (geweigerd bij NODE_ENV=production): het tijdstip waarop de klok van ggk start, bijvoorbeeld 2018-02-20T09:00:00Z. De klok loopt vanaf daar door.',
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
  seedDemoOpenRound: boolean;
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
  files: {
    masterKeyHex: string | undefined;
    /** Earlier master keys (GGK_PREVIOUS_MASTER_KEYS), only to unwrap keys written before a rotation. */
    previousMasterKeysHex: string[];
    /** Where the master key file is (made when missing) when GGK_MASTER_KEY is not set. */
    masterKeyFile: string;
    maxUploadBytes: number;
    retentionDays: number;
  };
  /** Bearer token for GET /metrics; undefined: no metrics endpoint. */
  metricsToken: string | undefined;
  /** Where the encrypted files live: the data folder, or an S3 bucket shared by several nodes. */
  storage:
    | { kind: 'file' }
    | {
        kind: 's3';
        endpoint: string | undefined;
        bucket: string;
        region: string;
        forcePathStyle: boolean;
        prefix: string;
      };
  /** Op-orde report: a change beyond this percentage is flagged (C-01). */
  reports: { changeThresholdPercent: number };
  /** The accessibility statement: the body responsible for ggk and where problems are reported. */
  accessibility: { operator: string; email: string };
  mail: {
    /** Undefined: ggk starts its built-in SMTP catcher and sends there. */
    smtpUrl: string | undefined;
    from: string;
    catcherPort: number;
  };
  /** Reminders (and the monitor's "close nears" warning): working days before the window closes. */
  reminders: { closingWorkingDays: number; pilotTargetWorkingDays: number };
  /** The hand-over to CBS: service levels, and the optional binding of CBS's channel to a certificate. */
  cbs: {
    receiptWorkingDays: number;
    erasureWorkingDays: number;
    /** Accepted client certificate fingerprints (lowercase hex, no colons); empty: no binding. */
    clientCertSha256: string[];
    /** Header (lowercase) in which a trusted proxy passes the client certificate or its fingerprint. */
    trustedProxyCertHeader: string | undefined;
  };
  /**
   * Addresses (or CIDR ranges) of the load balancers in front of ggk; empty: none. Only from these is
   * X-Forwarded-For believed, so the client's own address (not the balancer's) keys the per-address
   * rate limits and the log.
   */
  trustedProxies: string[];
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
  const dataDir = path.resolve(e.GGK_DATA_DIR);
  const masterKeyFile = path.resolve(e.GGK_MASTER_KEY_FILE ?? path.join(dataDir, 'keys', 'master.key'));
  if (e.NODE_ENV === 'production') {
    const problems = productionProblems(e, dataDir, masterKeyFile);
    if (problems.length > 0) throw new ConfigError(problems);
  }
  if (e.GGK_STORAGE === 's3' && e.GGK_S3_BUCKET === undefined) {
    throw new ConfigError([`GGK_S3_BUCKET: ontbreekt bij GGK_STORAGE=s3. ${hints.GGK_S3_BUCKET}`]);
  }
  const port = overrides.port ?? e.GGK_PORT;
  return {
    databaseUrl: e.DATABASE_URL,
    dataDir,
    embeddedPostgresPort: e.GGK_EMBEDDED_PG_PORT,
    host: e.GGK_HOST,
    port,
    baseUrl: (
      e.GGK_BASE_URL ?? `http://${e.GGK_HOST === '0.0.0.0' ? 'localhost' : e.GGK_HOST}:${port}`
    ).replace(/\/$/, ''),
    logLevel: e.GGK_LOG_LEVEL,
    seedDemo: (e.GGK_SEED_DEMO ?? (e.NODE_ENV === 'production' ? 'false' : 'true')) === 'true',
    seedDemoDeliveries: (e.GGK_SEED_DEMO_DELIVERIES ?? (e.NODE_ENV === 'test' ? 'false' : 'true')) === 'true',
    seedDemoOpenRound: (e.GGK_SEED_DEMO_OPEN_ROUND ?? (e.NODE_ENV === 'test' ? 'false' : 'true')) === 'true',
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
      previousMasterKeysHex: e.GGK_PREVIOUS_MASTER_KEYS?.split(',') ?? [],
      masterKeyFile,
      maxUploadBytes: e.GGK_MAX_UPLOAD_BYTES,
      retentionDays: e.GGK_RETENTION_DAYS,
    },
    metricsToken: e.GGK_METRICS_TOKEN,
    storage:
      e.GGK_STORAGE === 's3'
        ? {
            kind: 's3',
            endpoint: e.GGK_S3_ENDPOINT,
            bucket: e.GGK_S3_BUCKET!,
            region: e.GGK_S3_REGION ?? e.AWS_REGION ?? 'us-east-1',
            forcePathStyle: e.GGK_S3_FORCE_PATH_STYLE === 'true',
            prefix: e.GGK_S3_PREFIX,
          }
        : { kind: 'file' },
    reports: { changeThresholdPercent: e.GGK_REPORT_CHANGE_THRESHOLD },
    accessibility: { operator: e.GGK_OPERATOR_NAME, email: e.GGK_ACCESSIBILITY_EMAIL },
    mail: { smtpUrl: e.GGK_SMTP_URL, from: e.GGK_MAIL_FROM, catcherPort: e.GGK_MAIL_CATCHER_PORT },
    reminders: {
      closingWorkingDays: e.GGK_REMINDER_WORKING_DAYS,
      pilotTargetWorkingDays: e.GGK_PILOT_TARGET_REMINDER_WORKING_DAYS,
    },
    cbs: {
      receiptWorkingDays: e.GGK_CBS_RECEIPT_WORKING_DAYS,
      erasureWorkingDays: e.GGK_CBS_ERASURE_WORKING_DAYS,
      clientCertSha256: (e.GGK_CBS_CLIENT_CERT_SHA256 ?? '')
        .split(',')
        .map((f) => f.replaceAll(':', '').toLowerCase())
        .filter((f) => f.length === 64),
      trustedProxyCertHeader: e.GGK_TRUSTED_PROXY_CERT_HEADER?.toLowerCase(),
    },
    trustedProxies: (e.GGK_TRUSTED_PROXIES ?? '')
      .split(',')
      .map((a) => a.trim())
      .filter((a) => a !== ''),
    // Never in production: there the clock is always the real one, whatever the environment says.
    ...(e.GGK_FAKE_NOW !== undefined && e.NODE_ENV !== 'production'
      ? { fakeNow: new Date(e.GGK_FAKE_NOW) }
      : {}),
    ...overrides,
  };
}

/**
 * Fail closed in production: what is convenient on a developer's machine (the built-in identity
 * provider and mail catcher, a fake clock, demo data, a key file next to the data it protects, plain
 * http) is refused with NODE_ENV=production, every problem listed at once.
 */
function productionProblems(e: z.infer<typeof schema>, dataDir: string, masterKeyFile: string): string[] {
  const problems: string[] = [];
  const inProduction = 'is verplicht bij NODE_ENV=production';
  if (e.GGK_OIDC_ISSUER === undefined)
    problems.push(
      `GGK_OIDC_ISSUER: ${inProduction}; de ingebouwde test-identiteitsprovider draait nooit in productie. Geef het adres van de eHerkenning-makelaar.`,
    );
  if (e.GGK_SMTP_URL === undefined)
    problems.push(
      `GGK_SMTP_URL: ${inProduction}; de ingebouwde mailvanger draait nooit in productie. Geef bijvoorbeeld smtp://mail.example.nl:587.`,
    );
  if (e.GGK_FAKE_NOW !== undefined)
    problems.push(
      'GGK_FAKE_NOW: niet toegestaan bij NODE_ENV=production; in productie loopt de echte klok. Laat leeg.',
    );
  for (const key of ['GGK_SEED_DEMO', 'GGK_SEED_DEMO_DELIVERIES', 'GGK_SEED_DEMO_OPEN_ROUND'] as const)
    if ((e as Record<string, unknown>)[key] === 'true')
      problems.push(
        `${key}: niet toegestaan bij NODE_ENV=production; geen demogegevens in productie. Laat leeg of zet op false.`,
      );
  if (e.GGK_MASTER_KEY === undefined) {
    // Compared as written and with symbolic links followed: a link must not hide where the key is.
    const inside =
      isInside(dataDir, masterKeyFile) || isInside(realPathSoFar(dataDir), realPathSoFar(masterKeyFile));
    if (inside)
      problems.push(
        `GGK_MASTER_KEY: ${inProduction}, of GGK_MASTER_KEY_FILE buiten GGK_DATA_DIR: de hoofdsleutel hoort niet naast de gegevens die hij beschermt (${masterKeyFile} ligt in ${dataDir}).`,
      );
  }
  if (e.GGK_BASE_URL === undefined || !e.GGK_BASE_URL.startsWith('https://'))
    problems.push(
      `GGK_BASE_URL: ${inProduction} en moet met https:// beginnen (sessiecookies gaan alleen over https). ${hints.GGK_BASE_URL}`,
    );
  return problems;
}

/** Whether `file` is `folder` or lies somewhere below it (both absolute and normalised). */
function isInside(folder: string, file: string): boolean {
  const relative = path.relative(folder, file);
  // Not "starts with ..": a file named "..key" in the folder is inside it.
  return (
    relative === '' ||
    (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative))
  );
}

/** `p` with symbolic links resolved as far as it exists (a key file may not exist yet). */
function realPathSoFar(p: string): string {
  const missing: string[] = [];
  for (let existing = p; ; existing = path.dirname(existing)) {
    try {
      return path.join(realpathSync(existing), ...missing);
    } catch {
      if (path.dirname(existing) === existing) return p;
      missing.unshift(path.basename(existing));
    }
  }
}

/** An IPv4 or IPv6 address, or one with a prefix length (10.0.0.0/8); empty entries are allowed. */
function isAddressOrRange(value: string): boolean {
  if (value === '') return true;
  const [address = '', prefix, ...rest] = value.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128));
}
