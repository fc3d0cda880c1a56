export * from './objects.ts';
export * from './fakeApi.ts';
