/** Data factories and the authenticated request helper. */
export * from './unique';
export * from './users';
