import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A real nginx (Debian's package) in front of `slicescope serve`, as ingress-nginx puts it in
 * front of the pod: one `server` per site on 127.0.0.1, each forwarding only the base path,
 * unchanged (no rewrite), with the proxy settings our Ingress annotations choose (or a plain
 * nginx's defaults). It runs as one foreground process from a temporary directory that holds its
 * configuration, pid file, logs and every temp path; nothing outside it is written.
 */

const DEBIAN_NGINX = '/usr/sbin/nginx';

export const NGINX_HINT =
  'install it with `apt-get install -y nginx` (Debian/Ubuntu) or point SLICESCOPE_NGINX at an ' +
  'nginx executable';

/** The executable named by SLICESCOPE_NGINX, else Debian's; an error says how to install it. */
export function findNginx(): string {
  const fromEnv = process.env.SLICESCOPE_NGINX?.trim();
  const found = fromEnv || DEBIAN_NGINX;
  if (!existsSync(found)) throw new Error(`nginx is missing (looked for ${found}); ${NGINX_HINT}`);
  return found;
}

export interface NginxSite {
  /** Where serve listens, without its base path: http://127.0.0.1:PORT */
  upstream: string;
  /** The only path forwarded, e.g. /slicescope (no trailing slash). */
  basePath: string;
  /** `proxy_read_timeout` and `proxy_send_timeout`, in seconds. */
  timeoutSeconds: number;
  /**
   * `proxy_buffering`: off as our Ingress annotation sets it, on as a plain nginx has it (then
   * the stream's `X-Accel-Buffering: no` turns it off for the stream alone).
   */
  buffering: boolean;
}

/** nginx.conf for these sites, the n-th listening on ports[n]; everything lives in `dir`. */
export function nginxConfig(dir: string, sites: readonly NginxSite[], ports: number[]): string {
  const servers = sites.map((site, index) => {
    const upstream = new URL(site.upstream);
    if (upstream.pathname !== '/' || upstream.protocol !== 'http:') {
      throw new Error(`upstream must be http://host:port, not ${site.upstream}`);
    }
    const proxy = `proxy_pass http://${upstream.host};`;
    return `
  server {
    listen 127.0.0.1:${ports[index]};
    server_name _;

    proxy_http_version 1.1;
    # serve on loopback answers loopback Host names only; $host is 127.0.0.1 here.
    proxy_set_header Host $host:$server_port;
    proxy_set_header X-Real-IP $remote_addr;
    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    proxy_set_header X-Forwarded-Host $host:$server_port;
    proxy_set_header X-Forwarded-Port $server_port;
    proxy_set_header X-Forwarded-Proto $scheme;
    proxy_set_header Upgrade $http_upgrade;
    proxy_set_header Connection $connection_upgrade;
    proxy_set_header Proxy "";
    proxy_connect_timeout 5s;
    proxy_read_timeout ${site.timeoutSeconds}s;
    proxy_send_timeout ${site.timeoutSeconds}s;
    proxy_buffering ${site.buffering ? 'on' : 'off'};
    proxy_buffer_size 4k;
    proxy_buffers 4 4k;
    proxy_request_buffering on;
    proxy_redirect off;
    client_max_body_size 1m;

    location = ${site.basePath} {
      ${proxy}
    }
    location ${site.basePath}/ {
      ${proxy}
    }
    location / {
      return 404;
    }
  }`;
  });
  return `daemon off;
master_process off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;

events {
  worker_connections 256;
}

http {
  access_log ${dir}/access.log;
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  default_type application/octet-stream;
  server_tokens off;

  map $http_upgrade $connection_upgrade {
    default upgrade;
    '' '';
  }
${servers.join('\n')}
}
`;
}

/** A port that was free on 127.0.0.1 a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

const accepts = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.setTimeout(1_000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });

export interface RunningNginx {
  /** One URL per site, in order, without a path: http://127.0.0.1:PORT */
  urls: string[];
  /** Its error log (and how it ended, if it did), for failure messages. */
  log(): Promise<string>;
  close(): Promise<void>;
}

/**
 * Starts `nginx -p <dir> -c <dir>/nginx.conf` in the foreground as a child process and waits
 * (at most `startTimeoutMs`) until every site accepts connections.
 */
export async function startNginx(
  sites: readonly NginxSite[],
  { startTimeoutMs = 15_000 }: { startTimeoutMs?: number } = {},
): Promise<RunningNginx> {
  const executable = findNginx();
  const dir = await mkdtemp(join(tmpdir(), 'slicescope-nginx-'));
  const ports: number[] = [];
  for (const _site of sites) ports.push(await freePort());
  const config = join(dir, 'nginx.conf');
  await writeFile(config, nginxConfig(dir, sites, ports));
  // -e: the error log before the configuration is read (the compiled-in one is under /var/log).
  const child = spawn(executable, ['-p', `${dir}/`, '-e', join(dir, 'error.log'), '-c', config], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let written = '';
  const keep = (chunk: Buffer) => {
    written = (written + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let ended: string | undefined;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      ended = `[nginx exited: ${signal ?? code}]`;
      resolve();
    }),
  );
  child.once('error', (error) => (ended = `[nginx did not start: ${error.message}]`));
  const log = async () => {
    const errors = await readFile(join(dir, 'error.log'), 'utf8').catch(() => '');
    return [errors.slice(-10_000), written, ended ?? ''].filter(Boolean).join('\n');
  };
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
        child.kill('SIGTERM'); // fast shutdown: open streams are cut, not waited for
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
      await rm(dir, { recursive: true, force: true, maxRetries: 3 });
    })();
    return closing;
  };
  const deadline = Date.now() + startTimeoutMs;
  for (;;) {
    if (ended !== undefined) {
      const why = await log();
      await close();
      throw new Error(`nginx did not start:\n${why}`);
    }
    const ready = await Promise.all(ports.map(accepts));
    if (ready.every(Boolean)) break;
    if (Date.now() > deadline) {
      const why = await log();
      await close();
      throw new Error(`nginx did not listen within ${startTimeoutMs} ms:\n${why}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { urls: ports.map((port) => `http://127.0.0.1:${port}`), log, close };
}

/** What a server-sent-events reader has seen, each with the ms since it connected. */
export interface SseSeen {
  at: number;
  /** `comment` is a heartbeat (`: ping`); the rest are events by name. */
  kind: 'comment' | 'event';
  name: string;
  data: string;
}

export interface SseReader {
  /** HTTP status and headers of the answer. */
  status: number;
  headers: Headers;
  seen: SseSeen[];
  /** Set when the stream ended (the proxy or server closed it), in ms since it connected. */
  endedAt(): number | undefined;
  /** Waits until `check` holds for what was seen, for at most `timeoutMs`. */
  until(check: (seen: readonly SseSeen[]) => boolean, timeoutMs: number): Promise<void>;
  /** Waits until the stream ends, for at most `timeoutMs`; false when it did not. */
  ended(timeoutMs: number): Promise<boolean>;
  close(): void;
}

/**
 * Reads a server-sent-events stream with fetch (what EventSource does, without reconnecting):
 * every heartbeat comment and event is recorded with its arrival time.
 */
export async function readSse(url: string, { headersTimeoutMs = 10_000 } = {}): Promise<SseReader> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(new Error('no headers')), headersTimeoutMs);
  const response = await fetch(url, {
    headers: { Accept: 'text/event-stream' },
    signal: abort.signal,
  }).finally(() => clearTimeout(timer));
  const started = Date.now();
  const seen: SseSeen[] = [];
  let endedAt: number | undefined;
  const waiters = new Set<() => void>();
  const wake = () => {
    for (const waiter of waiters) waiter();
  };
  const body = response.body;
  const done = (async () => {
    if (!body) return;
    const decoder = new TextDecoder();
    let buffered = '';
    try {
      for await (const chunk of body) {
        buffered += decoder.decode(chunk as Uint8Array, { stream: true });
        let end: number;
        while ((end = buffered.indexOf('\n\n')) !== -1) {
          const block = buffered.slice(0, end);
          buffered = buffered.slice(end + 2);
          const at = Date.now() - started;
          const lines = block.split('\n');
          const field = (name: string) =>
            lines
              .filter((line) => line.startsWith(`${name}:`))
              .map((line) => line.slice(name.length + 1).replace(/^ /, ''))
              .join('\n');
          if (lines.some((line) => line.startsWith('event:') || line.startsWith('data:'))) {
            seen.push({
              at,
              kind: 'event',
              name: field('event') || 'message',
              data: field('data'),
            });
          } else if (lines.every((line) => line.startsWith(':'))) {
            seen.push({ at, kind: 'comment', name: block.slice(1).trim(), data: '' });
          }
        }
        wake();
      }
    } catch {
      // aborted or cut: either way the stream is over
    }
    endedAt = Date.now() - started;
    wake();
  })();
  const wait = (check: () => boolean, timeoutMs: number): Promise<boolean> =>
    new Promise((resolve) => {
      if (check()) return resolve(true);
      const finish = (result: boolean) => {
        clearTimeout(timeout);
        waiters.delete(waiter);
        resolve(result);
      };
      const waiter = () => check() && finish(true);
      const timeout = setTimeout(() => finish(check()), timeoutMs);
      waiters.add(waiter);
    });
  return {
    status: response.status,
    headers: response.headers,
    seen,
    endedAt: () => endedAt,
    async until(check, timeoutMs) {
      if (!(await wait(() => check(seen), timeoutMs))) {
        const shown = seen.map((item) => `${item.at}ms ${item.kind} ${item.name}`).join(', ');
        throw new Error(
          `not seen within ${timeoutMs} ms (ended: ${endedAt ?? 'no'}); seen: ${shown}`,
        );
      }
    },
    ended: (timeoutMs) => wait(() => endedAt !== undefined, timeoutMs),
    close() {
      abort.abort();
      void done;
    },
  };
}
