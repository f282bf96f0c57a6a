// A fresh PostgreSQL database for one test run, created and dropped by the test: 127.0.0.1:5432 as user postgres
// unless PGHOST, PGPORT, PGUSER or PGPASSWORD say otherwise (the same variables psql reads).

import { randomBytes } from 'node:crypto';
import pg from 'pg';

const settings = () => ({
  host: process.env.PGHOST ?? '127.0.0.1',
  port: Number(process.env.PGPORT ?? 5432),
  user: process.env.PGUSER ?? 'postgres',
  password: process.env.PGPASSWORD ?? '',
});

async function asAdmin(sql) {
  const client = new pg.Client({ ...settings(), database: 'postgres' });
  try {
    await client.connect();
  } catch (failure) {
    const { host, port, user } = settings();
    throw new Error(`the SDK tests need PostgreSQL on ${host}:${port} as ${user} (./test.sh starts it): ${failure.message}`);
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
