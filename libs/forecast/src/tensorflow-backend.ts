import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';

let chosen: Promise<string> | undefined;

/**
 * The fastest TensorFlow.js backend here: `tensorflow` when @tensorflow/tfjs-node is installed
 * (native; it cannot be installed on machines without access to its binary download), else
 * WebAssembly with SIMD (about 3× the pure-JS `cpu` backend), else `cpu`.
 */
export function tensorflowBackend(): Promise<string> {
  chosen ??= (async () => {
    try {
      const native = '@tensorflow/tfjs-node'; // optional: not a dependency, loaded when installed
      await import(native);
      if (await tf.setBackend('tensorflow')) return 'tensorflow';
    } catch {
      // not installed: fall through
    }
    for (const backend of ['wasm', 'cpu']) if (await tf.setBackend(backend)) break;
    await tf.ready();
    return tf.getBackend();
  })();
  return chosen;
}
