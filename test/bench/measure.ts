/**
 * What every benchmark measures the same way: wall time, peak RSS sampled
 * while the measured body runs (a process-wide peak would mix in set-up
 * phases), CPU of the process and its reaped children, and the main thread's
 * own share. Shared so the numbers in bench-results/ are comparable.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';

export interface Measured<T> {
  value: T;
  seconds: number;
  peakRssMb: number;
  /** CPU seconds of this process (all threads) plus reaped child processes. */
  cpuSeconds: number;
  /** Share of the wall time the main thread's event loop was busy (1 = the main thread was the bottleneck). */
  mainThreadBusy: number;
  /** CPU seconds of the main thread alone (from /proc; 0 where unavailable). */
  mainThreadCpuSeconds: number;
}

/**
 * The main thread's own CPU time (Linux /proc, in clock ticks of 10 ms). Unlike
 * event-loop busy time, it does not count time the thread waited for a core
 * while another process (or our own workers) ran: on a shared 2-core machine
 * it tells the main thread's cost per letter apart from contention.
 */
function mainThreadCpuSeconds(): number {
  try {
    const fields = fs.readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** Reaped children's CPU time (pdftotext) from /proc: Node has no API for it. */
function childCpuSeconds(): number {
  try {
    const fields = fs.readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
    // After "pid (comm) ": state is field 3, so cutime (16) and cstime (17) are at 13 and 14 here.
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return 0;
  }
}

/** Samples RSS while `body` runs: the process peak would mix phases. Includes worker threads (same process). */
export async function measure<T>(body: () => Promise<T>): Promise<Measured<T>> {
  (globalThis as { gc?: () => void }).gc?.();
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 25);
  const started = process.hrtime.bigint();
  const cpuBefore = process.cpuUsage();
  const childBefore = childCpuSeconds();
  const eluBefore = performance.eventLoopUtilization();
  const mainCpuBefore = mainThreadCpuSeconds();
  try {
    const value = await body();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const cpu = process.cpuUsage(cpuBefore);
    peak = Math.max(peak, process.memoryUsage().rss);
    return {
      value,
      seconds,
      peakRssMb: Math.round(peak / 1024 / 1024),
      cpuSeconds: (cpu.user + cpu.system) / 1e6 + (childCpuSeconds() - childBefore),
      mainThreadBusy: round(performance.eventLoopUtilization(eluBefore).utilization),
      mainThreadCpuSeconds: mainThreadCpuSeconds() - mainCpuBefore,
    };
  } finally {
    clearInterval(timer);
  }
}

/** Per-file CPU in milliseconds: less sensitive than wall time to other work on a shared machine. */
export const cpuMsPer = (m: Measured<unknown>, files: number) => round((m.cpuSeconds * 1000) / files);
export const mainCpuMsPer = (m: Measured<unknown>, files: number) => round((m.mainThreadCpuSeconds * 1000) / files);

export function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/** An ISO day `offsetDays` after `base` (generated workspaces spread their dates). */
export function isoDay(base: string | null, offsetDays: number): string | null {
  if (!base) return null;
  const date = new Date(`${base}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + offsetDays);
  return date.toISOString().slice(0, 10);
}

export interface ProcessRun extends Omit<Measured<number | null>, 'mainThreadBusy' | 'mainThreadCpuSeconds'> {
  stdout: string;
  stderr: string;
}

/** Peak RSS of a running process (Linux /proc: VmHWM, the high-water mark), in MB; 0 where unavailable. */
function peakRssOf(pid: number): number {
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Math.round(Number(match[1]) / 1024) : 0;
  } catch {
    return 0;
  }
}

/**
 * Runs a command the way a user does — a new process, start-up included — and
 * measures its wall time, CPU (user + system, from the reaped child's /proc
 * accounting) and peak RSS (sampled). Resolves with its exit code and output.
 */
export function measureProcess(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<ProcessRun> {
  return new Promise((resolve, reject) => {
    const cpuBefore = childCpuSeconds();
    const started = process.hrtime.bigint();
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    let peak = 0;
    const timer = setInterval(() => (peak = Math.max(peak, peakRssOf(child.pid!))), 20);
    child.on('error', (err) => {
      clearInterval(timer);
      reject(err);
    });
    child.on('exit', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      clearInterval(timer);
      // 'exit' comes after the child was reaped, so its CPU is in our cutime/cstime now.
      resolve({ value: code, seconds, cpuSeconds: childCpuSeconds() - cpuBefore, peakRssMb: peak, stdout, stderr });
    });
  });
}

/** `pdftotext -layout` over every file, `parallel` processes at a time (like `xargs -P`): the PDF baseline. */
export async function runPdftotext(files: string[], parallel: number): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < files.length) {
      const file = files[next++]!;
      await new Promise<void>((resolve, reject) => {
        const child = spawn('pdftotext', ['-layout', file, '-'], { stdio: ['ignore', 'ignore', 'ignore'] });
        child.on('error', reject);
        child.on('exit', (code) =>
          code === 0 ? resolve() : reject(new Error(`pdftotext failed on ${file} (${code})`)),
        );
      });
    }
  };
  await Promise.all(Array.from({ length: parallel }, lane));
}

export const hasPdftotext = (): boolean => spawnSync('pdftotext', ['-v']).error === undefined;

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The 1-minute load average, the way every bench reports how busy the machine was. */
export const loadAverage = (): number => round(os.loadavg()[0]!);
