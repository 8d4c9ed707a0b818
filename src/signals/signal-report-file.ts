// The signal report as one JSON file (written to a temporary name, then renamed into place).
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AppError } from '../shared/errors.js';
import { SIGNAL_REPORT_VERSION, type SignalReport, type SignalReportStore } from './signal-report.js';

export class SignalReportFile implements SignalReportStore {
  constructor(readonly path: string) {}

  async load(): Promise<SignalReport | undefined> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    const report = JSON.parse(text) as SignalReport;
    if (report.version !== SIGNAL_REPORT_VERSION || !Array.isArray(report.pairs)) {
      throw new AppError('signals.report_version', `The signal report ${this.path} is of another version (${String(report.version)}); run the retrain job again.`);
    }
    return report;
  }

  async save(report: SignalReport): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true });
    const temporary = `${this.path}.${process.pid}.tmp`;
    await writeFile(temporary, `${JSON.stringify(report, null, 1)}\n`);
    await rename(temporary, this.path);
  }
}
