export * from './policy';
export * from './routing';
export * from './calendar';
export * from './presets';
export * from './labels';
