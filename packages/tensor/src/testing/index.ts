// @llm/tensor/testing: the backend conformance suite that every backend (WASM SIMD, gpu.js, ...) must pass.

export { type ConformanceOptions, type ConformanceResult, checkBackendConformance } from './conformance';
export { checkBackendConformanceAsync } from './conformance-async';
export { type ConformanceCase, conformanceCases } from './conformance-cases';
