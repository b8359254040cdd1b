import type { PrivilegedHandlers } from '../context';

/** `grants.issue`: the trusted side of a host records paths the user chose and gets an opaque id. */
export const grantHandlers: Pick<PrivilegedHandlers, 'grants.issue'> = {
  'grants.issue': (args, ctx) => ctx.grants.issue(args),
};
