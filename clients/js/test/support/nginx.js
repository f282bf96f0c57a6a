// Debian's nginx, run as a foreground child process with the repository's deploy/nginx.conf: only the upstream
// addresses and the listening port are templated in, and the paths a root-installed nginx would write to (pid,
// logs, temp files) are pointed into a temp directory, so it needs no root and leaves nothing behind.

import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './node.js';
import { until } from './wait.js';

const CONFIG = new URL('../../../../deploy/nginx.conf', import.meta.url).pathname;
const NGINX = process.env.NGINX ?? '/usr/sbin/nginx';

function replaceOnce(text, from, to) {
  if (!text.includes(from)) throw new Error(`deploy/nginx.conf no longer contains '${from}': update the nginx test`);
  return text.replace(from, to);
}

export class Nginx {
  #process;
  #dir;

  static async start(nodeA, nodeB) {
    if (!existsSync(NGINX)) throw new Error(`${NGINX} is missing: install Debian's nginx package (./test.sh does)`);
    const nginx = new Nginx();
    nginx.port = await freePort();
    nginx.#dir = mkdtempSync(join(tmpdir(), 'switchboard-nginx-'));
    chmodSync(nginx.#dir, 0o755); // nginx's workers run as an unprivileged user when the master is root
    let config = readFileSync(CONFIG, 'utf8');
    config = replaceOnce(config, 'server gateway-a:8080', `server 127.0.0.1:${nodeA.port}`);
    config = replaceOnce(config, 'server gateway-b:8080', `server 127.0.0.1:${nodeB.port}`);
    config = replaceOnce(config, 'listen 80;', `listen 127.0.0.1:${nginx.port};`);
    const d = nginx.#dir;
    config = replaceOnce(config, 'http {', `http {
    access_log ${d}/access.log;
    client_body_temp_path ${d}/body; proxy_temp_path ${d}/proxy; fastcgi_temp_path ${d}/fastcgi;
    uwsgi_temp_path ${d}/uwsgi; scgi_temp_path ${d}/scgi;`);
    writeFileSync(join(d, 'nginx.conf'), config);
    nginx.#process = spawn(NGINX, ['-p', d, '-c', join(d, 'nginx.conf'), '-e', join(d, 'error.log'),
      '-g', `daemon off; master_process on; pid ${d}/nginx.pid;`], { stdio: ['ignore', 'inherit', 'inherit'] });
    await until('nginx to listen', () => {
      if (nginx.#process.exitCode !== null) throw new Error(`nginx exited: ${readFileSync(join(d, 'error.log'), 'utf8')}`);
      return listening(nginx.port);
    }, 20_000);
    return nginx;
  }

  get wsUrl() {
    return `ws://127.0.0.1:${this.port}/ws`;
  }

  get httpUrl() {
    return `http://127.0.0.1:${this.port}`;
  }

  async stop() {
    const child = this.#process;
    if (child.exitCode === null && child.signalCode === null) {
      const gone = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM') // fast shutdown: a graceful one waits for every WebSocket to end;
      await gone;
    }
    rmSync(this.#dir, { recursive: true, force: true });
  }
}

function listening(port) {
  return new Promise((done) => {
    const socket = createConnection({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      done(true);
    });
    socket.on('error', () => done(false));
  });
}
