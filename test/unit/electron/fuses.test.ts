/**
 * Electron fuses are flipped in the binary when electron-builder packages the
 * app (electronFuses in build/electron-builder.config.mjs). No Electron binary
 * can be packaged here, so this reads the packaging config the way
 * electron-builder does and fails if any fuse the Electron fuse wire knows is
 * left at its default.
 */
import { describe, expect, it } from 'vitest';
import { FuseV1Options, FuseVersion } from '@electron/fuses';
import { PlatformPackager } from 'app-builder-lib';

// The packaging config as electron-builder loads it (a plain .mjs module: loaded by URL, typed here).
const configUrl = new URL('../../../build/electron-builder.config.mjs', import.meta.url).href;
const { default: config } = (await import(configUrl)) as {
  default: { electronFuses?: Record<string, boolean>; asar?: boolean };
};

/** The state each fuse must ship in, and why. */
const REQUIRED: Record<keyof typeof FuseV1Options, boolean> = {
  // ELECTRON_RUN_AS_NODE would turn the app into a Node runtime for anyone who can set an environment variable.
  RunAsNode: false,
  // Chromium's cookie store encrypted with the OS keychain (the app sets no cookies; defence in depth).
  EnableCookieEncryption: true,
  // NODE_OPTIONS could preload any script into the main process.
  EnableNodeOptionsEnvironmentVariable: false,
  // --inspect / SIGUSR1 would open a debugger on the process that holds the letters.
  EnableNodeCliInspectArguments: false,
  // The app code is checked against the hash signed into the binary (macOS, Windows)…
  EnableEmbeddedAsarIntegrityValidation: true,
  // …and only app.asar is loaded, so no unchecked folder can stand in for it.
  OnlyLoadAppFromAsar: true,
  // No custom browser-process V8 snapshot is shipped.
  LoadBrowserProcessSpecificV8Snapshot: false,
  // The app never serves pages from file:// (it uses the imr:// scheme).
  GrantFileProtocolExtraPrivileges: false,
};

const configKey = (fuse: string) => fuse[0]!.toLowerCase() + fuse.slice(1);

describe('Electron fuses in the packaging config', () => {
  const fuses = config.electronFuses ?? {};
  const wireFuses = Object.keys(FuseV1Options).filter((k) => Number.isNaN(Number(k))) as (keyof typeof FuseV1Options)[];

  it('names every fuse the Electron fuse wire has (a new one fails here until it is decided)', () => {
    expect(wireFuses.filter((fuse) => !(fuse in REQUIRED))).toEqual([]);
    expect(wireFuses.filter((fuse) => typeof fuses[configKey(fuse)] !== 'boolean').map(configKey)).toEqual([]);
  });

  it.each(Object.entries(REQUIRED))('%s is set to %s', (fuse, wanted) => {
    expect(fuses[configKey(fuse)]).toBe(wanted);
  });

  it('electron-builder turns the config into a fuse wire with every fuse set', async () => {
    const generate = (
      PlatformPackager.prototype as unknown as {
        generateFuseConfig(f: Record<string, boolean>): Promise<Record<string, unknown>>;
      }
    ).generateFuseConfig;
    const wire = await generate.call(null, fuses);
    expect(wire.version).toBe(FuseVersion.V1);
    for (const fuse of wireFuses) expect(wire[FuseV1Options[fuse]]).toBe(REQUIRED[fuse]);
  });

  it('packages the app as an ASAR archive, which OnlyLoadAppFromAsar needs', () => {
    expect(config.asar).not.toBe(false);
  });
});
