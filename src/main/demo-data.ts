// The demo world that an empty database is seeded with: the 2018 pilot round of product.md, all
// 380 gemeenten of 1 January 2018, two real collaborations from shared/data/README.md, and a demo
// user for every role. Membership dates: the Zuid-Limburg youth-care centrumregeling runs from 2015;
// Nuth, Onderbanken and Schinnen merged into Beekdaelen on 1 January 2019.
import type { CollaborationDomain } from '../modules/organisations/index.ts';
import type { Role } from '../modules/users/index.ts';

export const DEMO_CLASSIFICATION_DATE = '2018-01-01';

/** CBS's page about the Gemeentelijke Monitor Sociaal Domein, where its forms are found. */
export const CBS_GMSD_PAGE =
  'https://www.cbs.nl/nl-nl/deelnemers-enquetes/decentrale-overheden/overzicht/gemeentelijke-monitor-sociaal-domein';

export const DEMO_ROUND = {
  name: 'Aanlevering 2e halfjaar 2017 (pilot 2018)',
  halfYear: '2017H2',
  previousHalfYear: '2017H1',
  deliveryOpens: ['2018-02-12', '00:00:00'],
  deliveryCloses: ['2018-03-09', '23:59:59'],
  pilotTarget: ['2018-02-23', '23:59:59'],
  withdrawalOpens: ['2018-03-12', '00:00:00'],
  withdrawalCloses: ['2018-03-23', '23:59:59'],
  specVersion: 'gmsd-2017',
  /**
   * CBS takes its withdrawal form "vanaf begin maart" (the regular route) up to the end of the
   * intrekkingsperiode; the link and address are CBS's page and mailbox for the GMSD.
   */
  cbsForm: {
    opensOn: '2018-03-01',
    closesOn: '2018-03-23',
    url: CBS_GMSD_PAGE,
    email: 'monitorsociaaldomein@cbs.nl',
  },
} as const;

/**
 * The demo's contact details (issue 20), set on both demo rounds. The servicedesk's number and
 * address are made up for the demo (030 … is not a real line); CBS's are its public number and the
 * GMSD mailbox used for the withdrawal form. A real installation sets its own on /beheer/contactgegevens.
 */
export const DEMO_CONTACTS = {
  servicedeskPhone: '030 123 45 67',
  servicedeskEmail: 'servicedesk@ggk.example',
  servicedeskHoursNl: 'werkdagen van 8.30 tot 17.00 uur',
  servicedeskHoursEn: 'working days from 8:30 to 17:00, Dutch time',
  cbsPhone: '088 570 70 70',
  cbsEmail: 'monitorsociaaldomein@cbs.nl',
} as const;

/**
 * The demo round that is open today, so `npm start` can be tried without a fake clock: it asks for
 * the half year that ended last (and the one before), its aanleverperiode opened 9 days before the
 * seeding day and closes 3 weeks after it; the withdrawal window follows. Dates computed at seeding.
 */
export function demoOpenRound(today: Date, newestClassificationYear: number) {
  const day = (offset: number) => {
    const d = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + offset));
    return d.toISOString().slice(0, 10);
  };
  // The half year that ended last, but no later than the newest gemeentelijke indeling ggk holds
  // (a file is checked against the indeling of its half year).
  const year = today.getUTCFullYear();
  const ended = today.getUTCMonth() < 6 ? { year: year - 1, half: 2 } : { year, half: 1 };
  const asked = ended.year > newestClassificationYear ? { year: newestClassificationYear, half: 2 } : ended;
  const halfYear = `${asked.year}H${asked.half}`;
  const previousHalfYear = asked.half === 2 ? `${asked.year}H1` : `${asked.year - 1}H2`;
  return {
    name: `Aanlevering ${asked.half === 2 ? '2e' : '1e'} halfjaar ${asked.year} (demo, nu open)`,
    halfYear,
    previousHalfYear,
    /** The day whose indeling says which gemeenten take part: the half year's last day. */
    classificationDay: asked.half === 2 ? `${asked.year}-12-31` : `${asked.year}-06-30`,
    deliveryOpens: [day(-9), '00:00:00'],
    deliveryCloses: [day(21), '23:59:59'],
    pilotTarget: [day(7), '23:59:59'],
    withdrawalOpens: [day(24), '00:00:00'],
    withdrawalCloses: [day(35), '23:59:59'],
    // As in the 2018 round: from day 17 of the window (1 March) to the end of the intrekkingsperiode.
    cbsForm: { ...DEMO_ROUND.cbsForm, opensOn: day(8), closesOn: day(35) },
    /** Day n of the 2018 round (12 February = 0) falls on this day of the open round. */
    shift: (date: string) =>
      day(
        -9 + Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse('2018-02-12T00:00:00Z')) / 86_400_000),
      ),
  } as const;
}

export const DEMO_PILOT_GEMEENTEN = [
  '0363', // Amsterdam
  '0344', // Utrecht
  '0935', // Maastricht
  '0917', // Heerlen
  '0796', // 's-Hertogenbosch
  '0193', // Zwolle
  '0014', // Groningen
  '0080', // Leeuwarden
  '0772', // Eindhoven
  '0034', // Almere
  '1950', // Westerwolde
  '1883', // Sittard-Geleen
];

export interface DemoCollaboration {
  name: string;
  lead: string;
  domain: CollaborationDomain;
  isPilot: boolean;
  members: Array<{ gemeentecode: string; validFrom: string; validTo?: string }>;
}

export const DEMO_COLLABORATIONS: DemoCollaboration[] = [
  {
    name: 'Jeugdhulp Regio Zuid-Limburg',
    lead: '0935',
    domain: 'jeugd',
    isPilot: true,
    // Beek (0888), Schinnen (0962), Sittard-Geleen (1883) and Stein (0971) deliver Jeugd through
    // Westelijke Mijnstreek Jeugddomein: a gemeente is in one collaboration per domain at a time.
    members: [
      '0899',
      '1903',
      '1729',
      '0917',
      '0928',
      '0882',
      '0935',
      '0938',
      '0951',
      '0881',
      '0965',
      '0981',
      '0994',
      '0986',
    ].map((gemeentecode) => ({
      gemeentecode,
      validFrom: '2015-01-01',
      ...(['0951', '0881'].includes(gemeentecode) ? { validTo: '2018-12-31' } : {}),
    })),
  },
  {
    name: 'Westelijke Mijnstreek Jeugddomein',
    lead: '1883',
    domain: 'jeugd',
    isPilot: false,
    members: ['0888', '0962', '1883', '0971'].map((gemeentecode) => ({
      gemeentecode,
      validFrom: '2015-01-01',
      validTo: '2018-12-31',
    })),
  },
];

export interface DemoUser {
  name: string;
  email: string;
  roles: Array<{ role: Role; organisation?: { gemeentecode: string } | { collaboration: string } }>;
}

export const DEMO_USERS: DemoUser[] = [
  {
    name: 'Anne de Vries',
    email: 'anne.devries@amsterdam.example',
    roles: [{ role: 'gebruikersbeheerder', organisation: { gemeentecode: '0363' } }],
  },
  {
    name: 'Bram Jansen',
    email: 'bram.jansen@amsterdam.example',
    roles: [{ role: 'aanleveraar', organisation: { gemeentecode: '0363' } }],
  },
  {
    name: 'Carla Bakker',
    email: 'carla.bakker@amsterdam.example',
    roles: [{ role: 'rapportontvanger', organisation: { gemeentecode: '0363' } }],
  },
  {
    name: 'Daan Visser',
    email: 'daan.visser@amsterdam.example',
    roles: [{ role: 'intrekker', organisation: { gemeentecode: '0363' } }],
  },
  {
    name: 'Eva Smit',
    email: 'eva.smit@maastricht.example',
    roles: [
      { role: 'gebruikersbeheerder', organisation: { collaboration: 'Jeugdhulp Regio Zuid-Limburg' } },
      { role: 'aanleveraar', organisation: { collaboration: 'Jeugdhulp Regio Zuid-Limburg' } },
    ],
  },
  {
    name: 'Femke Meijer',
    email: 'femke.meijer@maastricht.example',
    roles: [{ role: 'rapportontvanger', organisation: { collaboration: 'Jeugdhulp Regio Zuid-Limburg' } }],
  },
  {
    name: 'Gijs Mulder',
    email: 'gijs.mulder@heerlen.example',
    roles: [
      { role: 'gebruikersbeheerder', organisation: { gemeentecode: '0917' } },
      { role: 'intrekker', organisation: { gemeentecode: '0917' } },
    ],
  },
  {
    name: 'Hanna de Boer',
    email: 'hanna.deboer@sittard-geleen.example',
    roles: [
      { role: 'gebruikersbeheerder', organisation: { gemeentecode: '1883' } },
      { role: 'aanleveraar', organisation: { gemeentecode: '1883' } },
      { role: 'aanleveraar', organisation: { collaboration: 'Westelijke Mijnstreek Jeugddomein' } },
    ],
  },
  {
    name: 'Kim de Groot',
    email: 'kim.degroot@utrecht.example',
    roles: [{ role: 'aanleveraar', organisation: { gemeentecode: '0344' } }],
  },
  {
    name: 'Lotte Hendriks',
    email: 'lotte.hendriks@eindhoven.example',
    roles: [
      { role: 'aanleveraar', organisation: { gemeentecode: '0772' } },
      { role: 'rapportontvanger', organisation: { gemeentecode: '0772' } },
    ],
  },
  {
    name: 'Noor Peters',
    email: 'noor.peters@rotterdam.example',
    roles: [{ role: 'aanleveraar', organisation: { gemeentecode: '0599' } }],
  },
  { name: 'Ivo Kramer', email: 'ivo.kramer@operator.example', roles: [{ role: 'operator' }] },
  { name: 'Julia van Dijk', email: 'julia.vandijk@cbs.example', roles: [{ role: 'cbs' }] },
];

/**
 * Fictitious legal subjects (KvK-like, 8 digits) for the demo: "9", the gemeentecode, "000". Real
 * KvK numbers and OINs come from the operator's organisation administration.
 */
export function demoLegalSubjectOf(gemeentecode: string): string {
  return `9${gemeentecode}000`;
}

export const DEMO_STAFF_LEGAL_SUBJECTS = { operator: '99000001', cbs: '99000002' } as const;
/** The staff's organisations as the dev IdP's picker names them. */
export const DEMO_STAFF_ORGANISATIONS = [
  { legalSubject: DEMO_STAFF_LEGAL_SUBJECTS.operator, name: 'Inlichtingenbureau (beheer van ggk)' },
  { legalSubject: DEMO_STAFF_LEGAL_SUBJECTS.cbs, name: 'CBS' },
] as const;

/** The demo users' eHerkenning pseudonyms, bound at seed so they can log in through the dev IdP. */
export function demoSubjectOf(email: string): string {
  return `demo-${email.split('@')[0]!.replace(/[^a-z0-9]+/gi, '-')}`;
}

function leadOf(collaboration: string): string {
  const c = DEMO_COLLABORATIONS.find((x) => x.name === collaboration);
  if (!c) throw new Error(`unknown demo collaboration ${collaboration}`);
  return c.lead;
}

/** The legal subject a demo user logs in with: that of their first organisation (or their staff role). */
export function demoLegalSubjectOfUser(user: DemoUser): string {
  const first = user.roles[0]!;
  if (!first.organisation) return DEMO_STAFF_LEGAL_SUBJECTS[first.role as 'operator' | 'cbs'];
  return 'gemeentecode' in first.organisation
    ? demoLegalSubjectOf(first.organisation.gemeentecode)
    : demoLegalSubjectOf(leadOf(first.organisation.collaboration));
}

export const LOA3 = 'urn:etoegang:core:assurance-class:loa3';
export const LOA2 = 'urn:etoegang:core:assurance-class:loa2';

/** Identities of the development identity provider: every demo user, plus the failure paths. */
export function demoIdentities(): Array<{
  id: string;
  label: string;
  legalSubject: string;
  levelOfAssurance: string;
}> {
  const identities = DEMO_USERS.map((u) => ({
    id: demoSubjectOf(u.email),
    label: `${u.name} (${[...new Set(u.roles.map((r) => r.role))].join(', ')})`,
    legalSubject: demoLegalSubjectOfUser(u),
    levelOfAssurance: LOA3,
  }));
  const bram = DEMO_USERS.find((u) => u.name === 'Bram Jansen')!;
  identities.push(
    {
      id: `${demoSubjectOf(bram.email)}-eh2`,
      label: 'Bram Jansen met een middel van niveau EH2 (te laag)',
      legalSubject: demoLegalSubjectOfUser(bram),
      levelOfAssurance: LOA2,
    },
    {
      id: 'demo-nieuw-amsterdam',
      label: 'Nieuwe medewerker van Amsterdam (nog niet bekend in ggk; gebruik deze bij een uitnodiging)',
      legalSubject: demoLegalSubjectOf('0363'),
      levelOfAssurance: LOA3,
    },
    {
      id: 'demo-nieuw-maastricht',
      label: 'Nieuwe medewerker van Maastricht (nog niet bekend in ggk)',
      legalSubject: demoLegalSubjectOf('0935'),
      levelOfAssurance: LOA3,
    },
  );
  return identities;
}

/**
 * Deliveries of the demo round, so the round monitor shows a round in progress on 20 February 2018:
 * approved, rejected and redelivered files, a delivery still waiting for its check, a previous half
 * year, and collaborations delivering Jeugd for members. Each file is generated and judged by the real
 * validator at seed time; the files themselves are not kept (the pages say so). Amsterdam and Heerlen
 * get none: the tests deliver for them.
 */
export interface DemoDelivery {
  /** Who delivers: a gemeente by code, or a collaboration by name (for `gemeentecode`). */
  by: { gemeentecode: string } | { collaboration: string };
  gemeentecode: string;
  uploader: string;
  halfYear: string;
  received: readonly [string, string];
  /** Files by type; a defect makes the validator reject the file. Empty: still waiting for its check. */
  files: Array<{
    type: 'wmo' | 'wmo-kosten' | 'sbw' | 'jeugd';
    defect?: 'field.required' | 'field.bsn_elfproef';
  }>;
}

export const DEMO_DELIVERIES: DemoDelivery[] = [
  {
    by: { gemeentecode: '1883' },
    gemeentecode: '1883',
    uploader: 'hanna.deboer@sittard-geleen.example',
    halfYear: '2017H2',
    received: ['2018-02-12', '15:02'],
    files: [{ type: 'wmo' }, { type: 'wmo-kosten' }, { type: 'sbw' }],
  },
  {
    by: { gemeentecode: '1883' },
    gemeentecode: '1883',
    uploader: 'hanna.deboer@sittard-geleen.example',
    halfYear: '2017H1',
    received: ['2018-02-13', '09:14'],
    files: [{ type: 'wmo' }],
  },
  {
    by: { gemeentecode: '0344' },
    gemeentecode: '0344',
    uploader: 'kim.degroot@utrecht.example',
    halfYear: '2017H2',
    received: ['2018-02-13', '10:12'],
    files: [{ type: 'wmo' }, { type: 'wmo-kosten' }, { type: 'sbw' }, { type: 'jeugd' }],
  },
  {
    by: { gemeentecode: '0772' },
    gemeentecode: '0772',
    uploader: 'lotte.hendriks@eindhoven.example',
    halfYear: '2017H2',
    received: ['2018-02-14', '09:30'],
    files: [{ type: 'wmo' }, { type: 'wmo-kosten' }],
  },
  {
    by: { collaboration: 'Jeugdhulp Regio Zuid-Limburg' },
    gemeentecode: '0935',
    uploader: 'eva.smit@maastricht.example',
    halfYear: '2017H2',
    received: ['2018-02-14', '13:45'],
    files: [{ type: 'jeugd' }],
  },
  {
    by: { gemeentecode: '0344' },
    gemeentecode: '0344',
    uploader: 'kim.degroot@utrecht.example',
    halfYear: '2017H2',
    received: ['2018-02-15', '14:05'],
    // Only the Wmo file has a BSN column: a BSN defect is shown where it can occur.
    files: [{ type: 'wmo', defect: 'field.bsn_elfproef' }],
  },
  {
    by: { gemeentecode: '0772' },
    gemeentecode: '0772',
    uploader: 'lotte.hendriks@eindhoven.example',
    halfYear: '2017H2',
    received: ['2018-02-16', '11:00'],
    files: [{ type: 'jeugd', defect: 'field.required' }],
  },
  {
    by: { collaboration: 'Jeugdhulp Regio Zuid-Limburg' },
    gemeentecode: '0882',
    uploader: 'eva.smit@maastricht.example',
    halfYear: '2017H2',
    received: ['2018-02-16', '15:40'],
    files: [{ type: 'jeugd', defect: 'field.required' }],
  },
  {
    by: { gemeentecode: '0772' },
    gemeentecode: '0772',
    uploader: 'lotte.hendriks@eindhoven.example',
    halfYear: '2017H2',
    received: ['2018-02-19', '16:20'],
    files: [{ type: 'jeugd' }],
  },
  {
    by: { collaboration: 'Westelijke Mijnstreek Jeugddomein' },
    gemeentecode: '0888',
    uploader: 'hanna.deboer@sittard-geleen.example',
    halfYear: '2017H2',
    received: ['2018-02-19', '11:25'],
    files: [{ type: 'jeugd' }],
  },
  {
    by: { gemeentecode: '0599' },
    gemeentecode: '0599',
    uploader: 'noor.peters@rotterdam.example',
    halfYear: '2017H2',
    received: ['2018-02-20', '08:30'],
    files: [],
  },
];
