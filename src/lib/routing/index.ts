export * from './policy';
export * from './routing';
export * from './calendar';
export * from './presets/index';
export * from './labels';
export * from './promises';
export * from './further';
export * from './eligible-roles';
