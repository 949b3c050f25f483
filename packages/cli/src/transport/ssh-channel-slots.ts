// A counting semaphore for the channels of one SSH connection: a server opens only so many
// sessions per connection, so calls beyond the limit wait for one to finish.
export class ChannelSlots {
  private free: number;
  private readonly waiting: (() => void)[] = [];

  constructor(limit: number) {
    this.free = limit;
  }

  /** Runs `task` once a slot is free, and frees the slot when it settles. */
  async use<T>(task: () => Promise<T>): Promise<T> {
    if (this.free > 0) this.free -= 1;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      // The slot passes straight to the next waiter, or back to the pool.
      if (next) next();
      else this.free += 1;
    }
  }
}
