/** The WebGPU adapter's description (`SwiftShader driver 5.0.0`, `llvmpipe ...`); throws if none. */
export async function describeAdapter(): Promise<string> {
  const gpu = (globalThis.navigator as { gpu?: GPU } | undefined)?.gpu;
  if (!gpu) throw new Error('WebGPU: navigator.gpu is missing in this runtime.');
  const adapter = await gpu.requestAdapter();
  if (!adapter)
    throw new Error(
      'WebGPU: navigator.gpu.requestAdapter() found no adapter (set VK_ICD_FILENAMES to a Vulkan driver).',
    );
  const { vendor, architecture, description } = adapter.info;
  return [vendor, architecture, description].filter(Boolean).join(' / ');
}
