export { validateDocument, nomorAjuProblem, MAX_SCHEMA_ERRORS, UnknownSchemaVersion, type ValidateOptions, type ValidationResult } from './validate.ts';
export { documentTypes, documentType, selectType, knownKodeDokumen, readExample, readSchema, precompileAll, precompileInBackground, SCHEMAS_DIR, type DocumentType, type SchemaVersionEntry } from './registry.ts';
export { compileSchema, Collector, SUPPORTED_KEYWORDS, type SchemaError, type CompileOptions } from './compile.ts';
export { DJBC_CODES, DJBC_CODE_TEXT } from './codes.ts';
export { isMultipleOf, digitCount, plainDecimal } from './decimal.ts';
export { synthesizeDocument, sampleNomorAju, pageExample, type SynthOptions } from './synthesize.ts';
