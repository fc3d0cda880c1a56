/**
 * The wire schemas the analyses must satisfy. packages/contract's barrel does not export them
 * yet, so they are read from the file; switch to '@slicescope/contract' once it does.
 */
export * from '@slicescope/contract';
