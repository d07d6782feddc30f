// tfjs-core's Node bundle (dist/tf-core.node.js) registers no gradients; `@tensorflow/tfjs` does it by
// importing tfjs-core's ESM `dist/register_all_gradients.js`, whose relative imports have no extension
// and which Node would read as CommonJS. These hooks load that file as ESM, appending `.js`. Its
// gradient functions register into tfjs's global gradient registry and run on the global engine, the
// one the CommonJS bundle created, so `tf.variableGrads` then works with the bundle's tensors.
import { register } from 'node:module';

const dist = '/@tensorflow/tfjs-core/dist/';

export async function resolve(specifier, context, next) {
  if (!(specifier.startsWith('.') && context.parentURL?.includes(dist))) return next(specifier, context);
  if (specifier.endsWith('.js')) return next(specifier, context);
  // `./gradients` is both gradients.js and a folder; the bundler that wrote these imports picks the file.
  try {
    return await next(`${specifier}.js`, context);
  } catch (error) {
    if (error.code === 'ERR_MODULE_NOT_FOUND') return next(`${specifier}/index.js`, context);
    throw error;
  }
}

export async function load(url, context, next) {
  return next(url, url.includes(dist) ? { ...context, format: 'module' } : context);
}

/** Registers every tfjs-core gradient; call after requiring `@tensorflow/tfjs-core`. */
export async function registerTfjsGradients() {
  register(import.meta.url);
  await import('@tensorflow/tfjs-core/dist/register_all_gradients.js');
}
