import { startTestPlatform, type TestPlatform } from '../../../../test/support/platform.js';
import type { Platform } from '../../../app/index.js';
import type { Role } from '../../../org/roles.js';
import { USCCS } from '../../../org/test-support/index.js';
import type { Actor } from '../../../platform/context/index.js';
import type { DialectName } from '../../../platform/db/index.js';
import { type GeneratedEntry, type GeneratedProvider, generateCatalog } from './catalog-generator.js';
import { insertCatalogEntry } from './index.js';

export interface SearchDepartment {
  id: string;
  name: string;
  jurisdictionPath: string;
  provider: GeneratedProvider;
}

export interface IndexedEntry {
  id: string;
  entry: GeneratedEntry;
  department: SearchDepartment;
}

/** A platform with six provider departments in a city and its county, and a generated catalog. */
export interface SearchWorld {
  t: TestPlatform;
  platform: Platform;
  departments: SearchDepartment[];
  entries: IndexedEntry[];
  /** An actor of one of the departments, as the authentication hook would build it. */
  actor(role: Role, department: SearchDepartment): Actor;
  /** Adds one more entry to the catalog (and to `entries`) through the same path. */
  add(entry: GeneratedEntry, department: SearchDepartment): Promise<IndexedEntry>;
}

const DEPARTMENTS = [
  { duty: 'police', office: '公安局', county: false },
  { duty: 'market', office: '市场监督管理局', county: false },
  { duty: 'hrss', office: '人力资源和社会保障局', county: false },
  { duty: 'fund', office: '住房公积金管理中心', county: false },
  { duty: 'police', office: '公安局', county: true },
  { duty: 'land', office: '自然资源和规划局', county: true },
];

export async function startSearchWorld(dialect: DialectName, count = 200): Promise<SearchWorld> {
  const t = await startTestPlatform({ dialect });
  const { platform } = t;
  const db = platform.storage.db;
  const city = await db
    .selectFrom('jurisdiction')
    .select(['id', 'name', 'path'])
    .where('code', '=', '990100')
    .executeTakeFirstOrThrow();
  const county = await platform.services.jurisdictions.create(undefined, {
    code: '990121',
    name: '示范县',
    level: 'county',
    parentId: city.id,
  });
  const departments: SearchDepartment[] = [];
  for (const [i, d] of DEPARTMENTS.entries()) {
    const place = d.county ? county : city;
    const name = `${place.name}${d.office}`;
    const created = await platform.services.departments.create(undefined, {
      name,
      shortName: name.slice(0, 10),
      uscc: USCCS[i] as string,
      jurisdictionId: place.id,
      kind: 'government',
    });
    const { jurisdictionPath } = await platform.services.departments.get(undefined, created.id);
    departments.push({
      id: created.id,
      name,
      jurisdictionPath,
      provider: { key: `${created.id}-${d.duty}`, name, jurisdictionName: place.name, jurisdictionPath },
    });
  }
  const add = async (entry: GeneratedEntry, department: SearchDepartment): Promise<IndexedEntry> => {
    const uscc = USCCS[departments.indexOf(department)] as string;
    const id = await insertCatalogEntry(db, platform.services.catalogSearchIndex, entry, {
      id: department.id,
      uscc,
      jurisdictionPath: department.jurisdictionPath,
    });
    const indexed = { id, entry, department };
    entries.push(indexed);
    return indexed;
  };
  const entries: IndexedEntry[] = [];
  const byProvider = new Map(departments.map((d) => [d.provider.key, d]));
  for (const entry of generateCatalog(count, { providers: departments.map((d) => d.provider) })) {
    await add(entry, byProvider.get(entry.provider.key) as SearchDepartment);
  }
  return {
    t,
    platform,
    departments,
    entries,
    actor: (role, department) => ({
      kind: 'user',
      id: `${role}-${department.id}`,
      name: `${role}@${department.name}`,
      departmentId: department.id,
      jurisdictionPath: department.jurisdictionPath,
      roles: [role],
    }),
    add,
  };
}
