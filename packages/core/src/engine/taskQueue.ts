/** The tasks due at one time, in the order they were added; `next` is the first not yet taken. */
interface Bucket<T> {
  tasks: (T | undefined)[];
  next: number;
}

/**
 * Work due at a time, taken in time order and, at equal times, in the order it was added —
 * the engine's clock. Tasks are kept per time, and only the distinct times are in a binary
 * min-heap: a simulation queues hundreds of thousands of tasks at a handful of times, so adding
 * and taking one is constant time instead of a walk through a heap of every task.
 */
export class TaskQueue<T> {
  private readonly buckets = new Map<number, Bucket<T>>();
  private readonly times: number[] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  push(at: number, task: T): void {
    this.count++;
    const bucket = this.buckets.get(at);
    if (bucket) {
      bucket.tasks.push(task);
      return;
    }
    this.buckets.set(at, { tasks: [task], next: 0 });
    // Sift the new time up, moving later parents down into the hole.
    const times = this.times;
    let i = times.length;
    times.push(at);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const above = times[parent]!;
      if (above <= at) break;
      times[i] = above;
      i = parent;
    }
    times[i] = at;
  }

  /** The time of the next task, or undefined when none is queued. */
  peekTime(): number | undefined {
    return this.times[0];
  }

  /**
   * Removes and returns the next task due at or before `time` (its time is peekTime's before the
   * call): no wrapper object for each of the hundreds of thousands of tasks of a simulation.
   */
  popDue(time: number): T | undefined {
    const at = this.times[0];
    if (at === undefined || at > time) return undefined;
    const bucket = this.buckets.get(at)!;
    const task = bucket.tasks[bucket.next] as T;
    bucket.tasks[bucket.next++] = undefined; // taken: not kept alive by the queue
    this.count--;
    if (bucket.next === bucket.tasks.length) {
      this.buckets.delete(at);
      this.popTime();
    }
    return task;
  }

  /** Drops the earliest time: the last one sifts down from the root. */
  private popTime(): void {
    const times = this.times;
    const last = times.pop()!;
    const size = times.length;
    if (size === 0) return;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= size) break;
      const right = left + 1;
      const child = right < size && times[right]! < times[left]! ? right : left;
      const below = times[child]!;
      if (below >= last) break;
      times[i] = below;
      i = child;
    }
    times[i] = last;
  }
}
