/**
 * The database's tables, as Kysely sees them. Portable across SQLite and PostgreSQL:
 * ids are text (UUIDs), times are ISO-8601 UTC text, booleans are 0/1 integers and
 * JSON documents are text. Each area declares its own tables in its own file and
 * adds them to `DB` here.
 */
import type { FoundationTables } from './migrations/0001_foundation.ts';
import type { LifecycleTables } from './migrations/0002_lifecycle.ts';
import type { LifecycleSubjectTables } from './migrations/0003_lifecycle_subjects.ts';
import type { CukaiTables } from './migrations/0010_cukai.ts';
import type { BarangKirimanTables } from './migrations/0020_barang_kiriman.ts';
import type { PabeanDocumentTables } from './migrations/0030_pabean_documents.ts';
import type { PabeanLifecycleTables } from './migrations/0031_pabean_lifecycle.ts';

export interface DB
  extends FoundationTables,
    LifecycleTables,
    LifecycleSubjectTables,
    CukaiTables,
    BarangKirimanTables,
    PabeanDocumentTables,
    PabeanLifecycleTables {}
