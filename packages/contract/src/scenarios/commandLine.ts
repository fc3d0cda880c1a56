/**
 * Scenarios `slicescope simulate` generates by name instead of reading them (no YAML, and too big
 * for an api server's limits): the reference workload of the scalability thresholds.
 */
export const COMMAND_LINE_SCENARIO_NAMES = ['reference-workload'] as const;
export type CommandLineScenarioName = (typeof COMMAND_LINE_SCENARIO_NAMES)[number];
