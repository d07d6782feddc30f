/**
 * Gives Node (or Bun) a browser-like WebGPU through Dawn (`webgpu@0.6.2`): the WebGPU classes as
 * globals and `navigator.gpu`. Without a GPU, Dawn needs a Vulkan driver: set
 * `VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json` (SwiftShader; lavapipe lacks a
 * feature Dawn requires).
 */
export async function installNodeWebGpu(): Promise<void> {
  const { create, globals } = await import('webgpu');
  Object.assign(globalThis, globals);
  // Node 20 has no `navigator`; Node 21+ and Bun have a read-only one, hence defineProperty.
  Object.defineProperty(globalThis, 'navigator', {
    value: { gpu: create([]) },
    configurable: true,
    writable: true,
  });
}
