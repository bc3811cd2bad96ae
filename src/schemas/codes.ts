/**
 * DJBC validation error codes. The four the docs list ("Error Response Code" page) are the
 * codes of the networknt json-schema-validator the gateway's messages come from (1008 enum,
 * 1023 pattern, 1028 required, 1042 const); every other keyword uses that same library's code,
 * so a client sees the number the real validator would give. See schemas/README.md.
 */
export const DJBC_CODES = {
  additionalProperties: 1001,
  allOf: 1002,
  anyOf: 1003,
  dependencies: 1007,
  enum: 1008,
  format: 1009,
  items: 1010,
  maximum: 1011,
  maxItems: 1012,
  maxLength: 1013,
  /** the dialect's lower-case `maxlength` (digit count on numbers): reported as maxLength */
  maxlength: 1013,
  minimum: 1015,
  minItems: 1016,
  minLength: 1017,
  multipleOf: 1019,
  not: 1020,
  oneOf: 1022,
  pattern: 1023,
  required: 1028,
  type: 1029,
  uniqueItems: 1031,
  if: 1037,
  exclusiveMaximum: 1038,
  exclusiveMinimum: 1039,
  false: 1041,
  const: 1042,
} as const;

export type Rule = keyof typeof DJBC_CODES;

/** The docs' own explanation of the four documented codes (Error Response Code page). */
export const DJBC_CODE_TEXT: Record<number, string> = {
  1008: 'Nilai isian harus berasal dari salah satu pilihan, lihat kembali pilihan enumeration di JSON Schema',
  1023: 'Nilai isian tidak sesuai dengan pattern yang ditentukan, perhatikan karakter yang diperbolehkan dan jumlah karakter',
  1028: 'Elemen mandatory, wajib terdapat pada data json yang dikirimkan',
  1042: 'Nilai isian harus sama dengan CONSTANT yang ditetapkan sesuai urutannya',
};
