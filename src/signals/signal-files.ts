// Where the app reads its signal report and models: the retrain job's latest output when there is
// one, else the bundled files (data/signals). A report and its models are read from the same folder.
import { join } from 'node:path';
import type { DirectionModelStore } from './ml/direction-model.js';
import type { SignalReport, SignalReportStore } from './signal-report.js';
import { SignalReportFile } from './signal-report-file.js';

export class SignalFiles {
  private chosen: string;

  /** `folders`: the first one holding a report.json wins (newest output first, bundled last). */
  constructor(
    private readonly folders: readonly string[],
    private readonly modelsIn: (folder: string) => Pick<DirectionModelStore, 'load'>,
  ) {
    this.chosen = folders.at(-1)!;
  }

  readonly reports: Pick<SignalReportStore, 'load'> = {
    load: async (): Promise<SignalReport | undefined> => {
      for (const folder of this.folders) {
        const report = await new SignalReportFile(join(folder, 'report.json')).load();
        if (report) {
          this.chosen = folder;
          return report;
        }
      }
      return undefined;
    },
  };

  readonly models: Pick<DirectionModelStore, 'load'> = {
    load: (key) => this.modelsIn(join(this.chosen, 'models')).load(key),
  };
}
