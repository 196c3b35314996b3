// The part of a delivery spec (specs/gmsd/*.json) the generator needs, typed narrowly so it works with
// the engine's checked Spec as well as with the raw JSON. Layout comes from here, never from code.

export type GeneratorFieldType = 'date' | 'digits' | 'bsn' | 'code' | 'text' | 'amount' | 'period';

export interface GeneratorField {
  name: string;
  type: string;
  required: boolean;
  optionalColumn?: boolean;
  role?: string;
  length?: number;
  maxLength?: number;
  codeList?: string;
  integerDigits?: number;
  decimals?: number;
  minDate?: string;
}

export interface GeneratorRule {
  id: string;
  kind: string;
  field?: string;
  start?: string[];
  end?: string | string[];
  notAfter?: string[];
  if?: string;
  then?: string;
  fields?: string[];
  factor?: number;
}

export interface GeneratorFileType {
  type: string;
  nameToken: string;
  fields: GeneratorField[];
  key: string[];
  rules: GeneratorRule[];
}

export interface GeneratorSpec {
  id: string;
  format: {
    delimiter: string;
    decimalSeparator: string;
    minDate?: string;
    fileName: { pattern: string; flags: string };
  };
  codeLists: Record<string, { codes: Array<{ code: string; label?: string; severity?: string }> }>;
  fileTypes: GeneratorFileType[];
}

/**
 * Reads a spec JSON value far enough to generate from it. The engine's loadSpec checks a spec fully;
 * this only guards against a file that is not a spec at all, with a Dutch message.
 */
export function readGeneratorSpec(json: unknown): GeneratorSpec {
  const spec = json as Partial<GeneratorSpec> | null;
  const isSpec =
    spec !== null &&
    typeof spec === 'object' &&
    typeof spec.id === 'string' &&
    typeof spec.format?.delimiter === 'string' &&
    typeof spec.format.fileName?.pattern === 'string' &&
    typeof spec.codeLists === 'object' &&
    Array.isArray(spec.fileTypes) &&
    spec.fileTypes.every(
      (fileType) =>
        typeof fileType.type === 'string' &&
        typeof fileType.nameToken === 'string' &&
        Array.isArray(fileType.fields) &&
        Array.isArray(fileType.key) &&
        Array.isArray(fileType.rules),
    );
  if (!isSpec)
    throw new Error(
      'Het specificatiebestand heeft niet de verwachte opbouw (id, format, codeLists, fileTypes).',
    );
  return spec as GeneratorSpec;
}
