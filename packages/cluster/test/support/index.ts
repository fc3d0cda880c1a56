/** Test support shared with the api's tests: builders, a loopback cluster with a feed, waits. */
export { newEndpoints, newEndpointSlice, newNode, newPod, newService } from './builders.ts';
export { startTestCluster, type TestCluster } from './cluster.ts';
export { createFeed, type Feed } from './feed.ts';
export { storeState } from './informer.ts';
export { KINDS, BUILD } from './kinds.ts';
export { delay, waitFor } from './wait.ts';
