/**
 * Work due at a time, taken in time order and, at equal times, in the order it was added —
 * the engine's clock. A binary min-heap.
 */
export class TaskQueue<T> {
  private readonly heap: { at: number; seq: number; task: T }[] = [];
  private seq = 0;

  get size(): number {
    return this.heap.length;
  }

  push(at: number, task: T): void {
    const entry = { at, seq: this.seq++, task };
    const heap = this.heap;
    heap.push(entry);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  /** The time of the next task, or undefined when none is queued. */
  peekTime(): number | undefined {
    return this.heap[0]?.at;
  }

  /** Removes and returns the next task due at or before `time`. */
  popDue(time: number): { at: number; task: T } | undefined {
    const heap = this.heap;
    const first = heap[0];
    if (!first || first.at > time) return undefined;
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < heap.length && this.before(heap[left]!, heap[smallest]!)) smallest = left;
        if (right < heap.length && this.before(heap[right]!, heap[smallest]!)) smallest = right;
        if (smallest === i) break;
        [heap[i], heap[smallest]] = [heap[smallest]!, heap[i]!];
        i = smallest;
      }
    }
    return { at: first.at, task: first.task };
  }

  private before(a: { at: number; seq: number }, b: { at: number; seq: number }): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }
}
