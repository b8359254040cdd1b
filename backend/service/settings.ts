import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import type { Settings } from '../../shared/api/contract';

const settingsFileSchema = z.object({
  reviewerName: z.string().trim().min(1).max(200).catch(defaultReviewerName()),
  theme: z.enum(['system', 'light', 'dark']).catch('system'),
});

export function defaultReviewerName(): string {
  try {
    return os.userInfo().username || 'reviewer';
  } catch {
    return 'reviewer';
  }
}

/**
 * Reviewer preferences, stored as JSON in the user's data folder (the service
 * default, runtime/user-dirs.ts) so each reviewer's machine keeps its own name
 * whichever workspace is open. A damaged file falls back to defaults rather
 * than blocking the app.
 */
export class SettingsStore {
  private current: Settings;

  constructor(private readonly file: string | null) {
    this.current = this.load();
  }

  get(): Settings {
    return { ...this.current };
  }

  update(patch: Partial<Settings>): Settings {
    this.current = { ...this.current, ...patch };
    if (this.file) {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      const tmp = `${this.file}.tmp`;
      // Owner-only: it names the reviewer.
      fs.writeFileSync(tmp, JSON.stringify(this.current, null, 2), { mode: 0o600 });
      fs.renameSync(tmp, this.file);
    }
    return this.get();
  }

  private load(): Settings {
    const defaults: Settings = { reviewerName: defaultReviewerName(), theme: 'system' };
    if (!this.file || !fs.existsSync(this.file)) return defaults;
    try {
      return settingsFileSchema.parse(JSON.parse(fs.readFileSync(this.file, 'utf8')));
    } catch {
      return defaults;
    }
  }
}
