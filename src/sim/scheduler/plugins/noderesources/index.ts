/** The resource plugins: NodeResourcesFit and NodeResourcesBalancedAllocation. */
export { NAME as FIT_NAME, fitsRequest, leastAllocatedScorer, nodeResourcesFit } from './fit';
export {
  NAME as BALANCED_ALLOCATION_NAME,
  balancedResourceScorer,
  nodeResourcesBalancedAllocation,
} from './balanced-allocation';
export { DEFAULT_RESOURCES, type ResourceSpec } from './resource-allocation';
