export * from './scenario/limits.ts';
export {
  scenarioSchema,
  scenarioEventSchema,
  serviceSpecSchema,
  workloadSpecSchema,
  zoneSpecSchema,
  endpointsSchema,
  controllerSettingsSchema,
  SCENARIO_EVENT_TYPES,
} from './scenario/schema.ts';
export {
  oneWordScenarioProblem,
  parseScenario,
  validateScenario,
  type ScenarioFormat,
  type ScenarioResult,
} from './scenario/parse.ts';
export { firstScenarioIssue, type ScenarioIssue } from './scenario/issues.ts';
export { formatPath, initialNodeNames } from './scenario/rules.ts';
export { tooDeepField, tooDeepPath } from './scenario/nesting.ts';
export { refusingProtoKey } from './scenario/fields.ts';
export { issueRule } from './issueRule.ts';
export { decodeUtf8 } from './text/utf8.ts';
export {
  DEFAULT_SCENARIO_NAME,
  shippedScenarioNames,
  isShippedScenarioName,
  shippedScenarioText,
  loadShippedScenario,
  type ShippedScenarioName,
} from './scenarios/shipped.ts';
export {
  COMMAND_LINE_SCENARIO_NAMES,
  type CommandLineScenarioName,
} from './scenarios/commandLine.ts';
export * from './wire/views.ts';
export * from './wire/rest.ts';
export { topServices } from './wire/topServices.ts';
export {
  streamStateSchema,
  streamChangesSchema,
  streamMessageSchema,
  emptyStreamState,
  foldStream,
  STREAM_EVENTS,
  type StreamState,
  type StreamChanges,
  type StreamMessage,
} from './wire/stream.ts';
export * from './wire/analysis.ts';
export { slicesAt, type RewoundSlices } from './wire/rewind.ts';
export {
  simulateRequestSchema,
  simulationOptionsSchema,
  quickSimulationSchema,
  QUICK_OPERATIONS,
  snapshotRequestSchema,
  snapshotTargetSchema,
  type SimulateRequest,
  type SnapshotRequest,
} from './simulate/request.ts';
export {
  simulationSnapshotSchema,
  snapshotServiceSchema,
  type SimulationSnapshotView,
  type SnapshotServiceView,
} from './simulate/snapshot.ts';
export { serviceShortcutSchema } from './simulate/shortcut.ts';
export { simulationLimitsSchema, type SimulationLimits } from './simulate/limits.ts';
export {
  simulationReportSchema,
  seriesPointSchema,
  kindCostSchema,
  sliceStateSchema,
  resolvedOptionsSchema,
  simulationProgressSchema,
  SIMULATION_EVENTS,
  type SimulationProgressMessage,
} from './simulate/report.ts';
