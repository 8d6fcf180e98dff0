/** The shapes `kubemend sweep` (sweep.ts) hands to the sweep it runs with the App (sweep-with-app.ts). */
export interface SweepIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

export interface SweepArgs {
  repo?: string;
  installation?: number;
  dryRun: boolean;
  state?: string;
  help: boolean;
}
