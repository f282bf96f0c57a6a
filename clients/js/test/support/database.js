// A fresh PostgreSQL database for one test run, created and dropped by the test, on the server the Java suite uses:
// the one TEST_DATABASE_URL names (jdbc:postgresql://host:port/…, with TEST_DATABASE_USER and
// TEST_DATABASE_PASSWORD), else 127.0.0.1:5432 as user postgres without a password.

import { randomBytes } from 'node:crypto';
import pg from 'pg';

function settings() {
  const url = process.env.TEST_DATABASE_URL;
  const configured = url?.match(/^jdbc:postgresql:\/\/([^:/]+)(?::(\d+))?\//);
  if (url && !configured) throw new Error(`TEST_DATABASE_URL must look like jdbc:postgresql://host:5432/postgres`);
  return {
    host: configured?.[1] ?? '127.0.0.1',
    port: Number(configured?.[2] ?? 5432),
    user: process.env.TEST_DATABASE_USER || 'postgres',
    password: process.env.TEST_DATABASE_PASSWORD ?? '',
  };
}

async function asAdmin(sql) {
  const client = new pg.Client({ ...settings(), database: 'postgres' });
  try {
    await client.connect();
  } catch (failure) {
    const { host, port, user } = settings();
    throw new Error(`the SDK tests need PostgreSQL on ${host}:${port} as ${user} (./test.sh starts it; or name one in TEST_DATABASE_URL): ${failure.message}`);
  }
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function createDatabase() {
  const name = 'sdk_test_' + randomBytes(6).toString('hex');
  await asAdmin(`CREATE DATABASE ${name}`);
  const { host, port, user, password } = settings();
  return {
    name,
    jdbcUrl: `jdbc:postgresql://${host}:${port}/${name}`,
    user,
    password,
    drop: () => asAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
