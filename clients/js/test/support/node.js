// A Switchboard node run as a process of the packaged jar, as an operator runs it, on the test's database. Its
// output goes to target/nodes/<node id>.log. A node can be killed (SIGKILL: no shutdown hook, no close frames) and
// started again on the same port.

import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { until } from './wait.js';
import { SECRET } from './tokens.js';

const JAR = resolve(process.env.SWITCHBOARD_JAR ?? new URL('../../../../gateway/target/switchboard.jar', import.meta.url).pathname);
const JAVA = process.env.SWITCHBOARD_JAVA ?? (process.env.JAVA_HOME ? `${process.env.JAVA_HOME}/bin/java` : 'java');
const LOGS = resolve(new URL('../../target/nodes', import.meta.url).pathname);

export async function freePort() {
  const server = createServer();
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address();
  await new Promise((done) => server.close(done));
  return port;
}

export class Node {
  #process = null;

  constructor(database, name, port) {
    this.database = database;
    this.id = `${name}-${Math.random().toString(36).slice(2, 8)}`;
    this.port = port;
  }

  static async start(database, name) {
    const node = new Node(database, name, await freePort());
    await node.start();
    return node;
  }

  get wsUrl() {
    return `ws://127.0.0.1:${this.port}/ws`;
  }

  get httpUrl() {
    return `http://127.0.0.1:${this.port}`;
  }

  async start() {
    if (!existsSync(JAR)) throw new Error(`${JAR} is missing: build the gateway first (./mvnw -pl gateway -am package)`);
    mkdirSync(LOGS, { recursive: true });
    const log = `${LOGS}/${this.id}.log`;
    const output = createWriteStream(log, { flags: 'a' });
    const child = spawn(JAVA, ['-Xmx256m', '-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-jar', JAR], {
      env: { ...process.env, ...this.#environment() },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.pipe(output);
    child.stderr.pipe(output);
    this.#process = child;
    await until(`node ${this.id} ready (log: ${log})`, () => {
      if (child.exitCode !== null) throw new Error(`node ${this.id} exited with ${child.exitCode}; see ${log}`);
      return this.#ready();
    }, 120_000);
  }

  /** SIGKILL, and waits until the process is gone. */
  async kill() {
    const child = this.#process;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise((done) => child.once('exit', done));
    child.kill('SIGKILL');
    await gone;
  }

  #environment() {
    return {
      SERVER_PORT: String(this.port),
      SPRING_DATASOURCE_URL: this.database.jdbcUrl,
      SPRING_DATASOURCE_USERNAME: this.database.user,
      SPRING_DATASOURCE_PASSWORD: this.database.password,
      SWITCHBOARD_JWT_SECRET: SECRET,
      SWITCHBOARD_NODE_ID: this.id,
      // short tokens in the refresh test: one second past exp and the node closes the socket (4001)
      SWITCHBOARD_JWT_CLOCK_SKEW: '1s',
      SWITCHBOARD_CLUSTER_LEASE_DURATION: '4s',
      SWITCHBOARD_CLUSTER_LEASE_RENEWAL: '1s',
      SWITCHBOARD_CLUSTER_REAPER_INTERVAL: '1s',
      // every client of these tests connects from 127.0.0.1, reconnects in bursts, and one test sends bad tokens
      SWITCHBOARD_LIMITS_UPGRADE_BURST: '1000000000',
      SWITCHBOARD_LIMITS_AUTH_FAILURES: '100000',
    };
  }

  async #ready() {
    try {
      const response = await fetch(`${this.httpUrl}/actuator/health/readiness`, { signal: AbortSignal.timeout(2000) });
      return response.status === 200;
    } catch {
      return false;
    }
  }
}
