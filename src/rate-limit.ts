/** Per-user rate limiting for the chat adapters (rate-limiter-flexible, in process memory). */
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

export interface RateDecision {
  allowed: boolean;
  /** Seconds until the user may ask again (0 when allowed). */
  retryAfterSeconds: number;
}

export class UserRateLimiter {
  readonly #limiter: RateLimiterMemory;

  /** `perMinute` questions per user per rolling minute. */
  constructor(perMinute: number) {
    this.#limiter = new RateLimiterMemory({ points: perMinute, duration: 60 });
  }

  /** Spends one point of `key` (e.g. `discord:<user id>`). Never throws. */
  async consume(key: string): Promise<RateDecision> {
    try {
      await this.#limiter.consume(key);
      return { allowed: true, retryAfterSeconds: 0 };
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) {
        return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
      }
      throw rejection;
    }
  }
}
