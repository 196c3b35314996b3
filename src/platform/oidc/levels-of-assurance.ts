// Names of eHerkenning levels of assurance as users know them (EH3), for messages and the picker.

const LEVEL_PATTERN = /:loa(\d)(plus)?$/;

/** 'urn:etoegang:core:assurance-class:loa2plus' → 'EH2+'; anything else is returned as it is. */
export function describeLevelOfAssurance(level: string): string {
  const match = LEVEL_PATTERN.exec(level);
  return match ? `EH${match[1]}${match[2] ? '+' : ''}` : level;
}

/** 'urn:etoegang:core:assurance-class:loa3' → 'eHerkenning niveau 3 (EH3)'. */
export function describeRequiredLevel(level: string): string {
  const match = LEVEL_PATTERN.exec(level);
  if (!match) return `betrouwbaarheidsniveau ${level}`;
  const number = `${match[1]}${match[2] ? '+' : ''}`;
  return `eHerkenning niveau ${number} (EH${number})`;
}
