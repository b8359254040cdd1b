/**
 * The calling thread's own CPU time, for measurements (`imr verify`'s phases, the benches). Wall time on a
 * shared machine mixes a phase's cost with the time its thread waited for a core; this does not.
 */
import fs from 'node:fs';

type WithThreadCpu = NodeJS.Process & { threadCpuUsage?: () => { user: number; system: number } };

/**
 * CPU time (user + system) of the calling thread so far, in ms: `process.threadCpuUsage` where Node has it
 * (23.9 and later, µs), else Linux's /proc/thread-self/stat (in clock ticks, 10 ms each); null elsewhere.
 */
export function threadCpuMs(): number | null {
  const own = (process as WithThreadCpu).threadCpuUsage;
  if (typeof own === 'function') {
    const { user, system } = own.call(process);
    return (user + system) / 1000;
  }
  try {
    // After "pid (comm) " the state is field 3, so utime (14) and stime (15) are at 11 and 12 here.
    const fields = fs.readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}
