export * from './app-error';
export * from './dependency-failure';
export * from './error-code';
