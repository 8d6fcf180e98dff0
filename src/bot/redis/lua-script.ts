/**
 * A Lua script registered on a connection (ioredis `defineCommand`: EVALSHA, falling back to EVAL after a
 * Redis restart). Scripts run atomically, which is what makes the lock, the ledger and the pacer safe
 * across processes (https://redis.io/docs/latest/develop/interact/programmability/eval-intro/).
 */
import type { Redis } from 'ioredis';

export type LuaScript<R> = (keys: string[], args: Array<string | number>) => Promise<R>;

export interface LuaScriptOptions {
  /** Command name on the connection; one per script text. */
  name: string;
  numberOfKeys: number;
  lua: string;
}

/** Registers the script once per connection and returns a typed caller. */
export function luaScript<R>(redis: Redis, options: LuaScriptOptions): LuaScript<R> {
  const commands = redis as unknown as Record<string, ((...args: Array<string | number>) => Promise<R>) | undefined>;
  if (typeof commands[options.name] !== 'function')
    redis.defineCommand(options.name, { numberOfKeys: options.numberOfKeys, lua: options.lua });
  const call = commands[options.name] as (...args: Array<string | number>) => Promise<R>;
  return (keys, args) => call.call(redis, ...keys, ...args);
}
