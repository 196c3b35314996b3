// The file types a gemeente of the demo world does not deliver itself on a day, because it delegates
// their domain to a samenwerkingsverband (DEMO_COLLABORATIONS; both take part in the demo round): its
// own upload of them is refused (delivery.delegated_domain). The surge and the hand-over benchmark
// leave them out of what each gemeente sends.
import { DEMO_COLLABORATIONS } from '../../src/main/demo-data.ts';
import { DOMAIN_FILE_TYPES } from '../../src/modules/organisations/index.ts';

export function delegatedTypesOf(gemeentecode: string, day: string): Set<string> {
  const types = new Set<string>();
  for (const c of DEMO_COLLABORATIONS)
    for (const m of c.members)
      if (m.gemeentecode === gemeentecode && m.validFrom <= day && (m.validTo ?? '9999-12-31') >= day)
        for (const type of DOMAIN_FILE_TYPES[c.domain]) types.add(type);
  return types;
}
