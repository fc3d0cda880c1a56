import { CONDITION_COUNT, type TopologyModel } from './model.ts';

/** Sums over a model's endpoints, per box, column or slice. */

/** Endpoints in a box (all conditions). */
export function boxTotal(model: TopologyModel, box: number): number {
  let total = 0;
  for (let c = 0; c < CONDITION_COUNT; c++)
    total += model.boxCounts[box * CONDITION_COUNT + c] ?? 0;
  return total;
}

/** Endpoints per column and condition: result[column * CONDITION_COUNT + condition]. */
export function columnCounts(model: TopologyModel): Uint32Array {
  const counts = new Uint32Array(model.columns.length * CONDITION_COUNT);
  model.boxes.forEach((box, b) => {
    for (let c = 0; c < CONDITION_COUNT; c++) {
      counts[box.column * CONDITION_COUNT + c]! += model.boxCounts[b * CONDITION_COUNT + c] ?? 0;
    }
  });
  return counts;
}

/** Endpoints of slice `slice` per box (the selected slice's highlight when zoomed out). */
export function sliceBoxCounts(model: TopologyModel, slice: number): Uint32Array {
  const counts = new Uint32Array(model.boxes.length);
  const range = model.slices[slice];
  if (!range) return counts;
  const end = range.start + range.slice.endpoints.length;
  for (let i = range.start; i < end; i++) counts[model.endpointBox[i] ?? 0]! += 1;
  return counts;
}
