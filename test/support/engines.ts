// The engines the store and command tests run on. SQLite always; PostgreSQL when
// XINFANG_TEST_PG names a server (a URL to a database the tests may create databases from,
// e.g. postgres://postgres:postgres@127.0.0.1:5432/postgres). Each registry is fresh: a
// temporary file, or a new database dropped afterwards.

import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

export interface TestRegistry {
  engine: 'sqlite' | 'postgres';
  /** Extra environment a command needs for this engine (the key of a server registry). */
  env: NodeJS.ProcessEnv;
  /** Makes a new, empty location (nothing initialised) and returns it. */
  create: (dir: string) => Promise<string>;
  drop: (location: string) => Promise<void>;
}

/** A fixed 32-byte test key for server registries (which have no key file beside them). */
export const TEST_PG_KEY = 'a'.repeat(64);

export const PG_URL = process.env.XINFANG_TEST_PG?.trim() || undefined;

const sqlite: TestRegistry = {
  engine: 'sqlite',
  env: {},
  create: async (dir) => join(dir, 'registry.db'),
  drop: async () => undefined,
};

async function admin<T>(fn: (q: (text: string) => Promise<unknown>) => Promise<T>): Promise<T> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    return await fn((text) => client.query(text));
  } finally {
    await client.end();
  }
}

const postgres: TestRegistry = {
  engine: 'postgres',
  env: { XINFANG_KEY: TEST_PG_KEY },
  create: async () => {
    const name = `xft_${process.pid}_${randomBytes(4).toString('hex')}`;
    await admin((q) => q(`CREATE DATABASE ${name}`));
    const u = new URL(PG_URL!);
    u.pathname = `/${name}`;
    return u.toString();
  },
  drop: async (location) => {
    const name = new URL(location).pathname.slice(1);
    await admin((q) => q(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  },
};

/** Every engine available to this test run: [sqlite] or [sqlite, postgres]. */
export const testRegistries: TestRegistry[] = PG_URL ? [sqlite, postgres] : [sqlite];
