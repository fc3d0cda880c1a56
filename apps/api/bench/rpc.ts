import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * A bench process started from the orchestrator and driven over the IPC channel: one request
 * (`command`, `args`) → one answer, several in flight at once. The cluster, the api and the model
 * measurement each run in their own process, so that one's heap and event loop never pollute the
 * figures of another (and two cores can actually run in parallel, as in a real deployment).
 */
export interface BenchChild {
  readonly pid: number | undefined;
  /** Sends a command; rejects on the child's error, its exit, or after `timeoutMs`. */
  call<T>(command: string, args?: unknown, timeoutMs?: number): Promise<T>;
  /** Asks the child to exit and waits for it (bounded; killed after 10 s). */
  stop(): Promise<void>;
}

interface Request {
  id: number;
  command: string;
  args: unknown;
}

type Answer = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };

/** Wall-clock milliseconds with sub-millisecond precision, comparable across processes. */
export const wallNow = (): number => performance.timeOrigin + performance.now();

/**
 * Starts `script` (a .ts file) with node and tsx's loader. `gc` adds --expose-gc (the bench
 * itself is started with plain `tsx`, so the children are where memory can be measured);
 * `execArgv` adds other node flags (--cpu-prof when looking into a figure).
 */
export function startChild(
  script: URL,
  options: { gc?: boolean; execArgv?: readonly string[] } = {},
): BenchChild {
  const execArgv = [...(options.execArgv ?? []), '--import', import.meta.resolve('tsx')];
  if (options.gc) execArgv.unshift('--expose-gc');
  const child: ChildProcess = fork(fileURLToPath(script), [], {
    execArgv,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let next = 0;
  const pending = new Map<
    number,
    { resolve: (value: unknown) => void; reject: (error: Error) => void; timer: NodeJS.Timeout }
  >();
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exited = true;
      for (const { reject, timer } of pending.values()) {
        clearTimeout(timer);
        reject(new Error(`${script.pathname} exited (${code ?? signal}) during a call`));
      }
      pending.clear();
      resolve();
    }),
  );
  child.on('message', (message: Answer) => {
    const waiter = pending.get(message.id);
    if (!waiter) return;
    pending.delete(message.id);
    clearTimeout(waiter.timer);
    if (message.ok) waiter.resolve(message.value);
    else waiter.reject(new Error(message.error));
  });
  return {
    pid: child.pid,
    call<T>(command: string, args?: unknown, timeoutMs = 120_000): Promise<T> {
      if (exited) return Promise.reject(new Error(`${script.pathname} has exited`));
      const id = ++next;
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error(`${command} took more than ${timeoutMs} ms`));
        }, timeoutMs);
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject, timer });
        child.send({ id, command, args } satisfies Request);
      });
    },
    async stop() {
      if (exited) return;
      child.disconnect();
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exit;
      clearTimeout(killer);
    },
  };
}

/**
 * The child's side: answers each command with its handler's (awaited) result. The child exits
 * when the orchestrator disconnects or dies, so a failed bench never leaves processes behind.
 */
export function serveCommands(
  handlers: Record<string, (args: never) => unknown>,
  onExit: () => Promise<void> = async () => undefined,
): void {
  process.on('message', (request: Request) => {
    const handler = handlers[request.command];
    Promise.resolve()
      .then(() => {
        if (!handler) throw new Error(`unknown command ${request.command}`);
        return handler(request.args as never);
      })
      .then(
        (value) => process.send?.({ id: request.id, ok: true, value } satisfies Answer),
        (error: unknown) =>
          process.send?.({
            id: request.id,
            ok: false,
            error: error instanceof Error ? (error.stack ?? error.message) : String(error),
          } satisfies Answer),
      );
  });
  process.once('disconnect', () => {
    const forced = setTimeout(() => process.exit(0), 5_000);
    forced.unref();
    onExit().finally(() => process.exit(0));
  });
}
