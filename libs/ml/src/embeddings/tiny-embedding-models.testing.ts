/** Tiny transformers.js model directories written by tests: real loading code, no download. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A transformers.js model directory small enough to write here: a whole-word WordPiece tokenizer
 * and an ONNX graph whose one node (Gather) looks up a 3-number vector per token as its
 * last_hidden_state.
 */
export function writeTinyTextModel(dir: string): void {
  const words: Record<string, readonly number[]> = {
    '[PAD]': [0, 0, 0],
    '[UNK]': [0, 0, 1],
    red: [1, 0, 0],
    blue: [1, 0, 0],
    cotton: [1, 0, 0],
    shirt: [1, 1, 0],
    dress: [1, 1, 0],
    steel: [0, 1, 0],
    garden: [0, 1, 1],
    hose: [0, 1, 1],
  };
  const vocab = Object.fromEntries(Object.keys(words).map((w, i) => [w, i]));
  const special = (id: number, content: string) => ({ id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true });
  mkdirSync(join(dir, 'onnx'), { recursive: true });
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ model_type: 'bert', architectures: ['BertModel'], hidden_size: 3 }));
  writeFileSync(join(dir, 'tokenizer_config.json'), JSON.stringify({ pad_token: '[PAD]', unk_token: '[UNK]', model_max_length: 64 }));
  writeFileSync(
    join(dir, 'tokenizer.json'),
    JSON.stringify({
      version: '1.0',
      truncation: null,
      padding: null,
      added_tokens: [special(0, '[PAD]'), special(1, '[UNK]')],
      normalizer: { type: 'Lowercase' },
      pre_tokenizer: { type: 'Whitespace' },
      post_processor: null,
      decoder: null,
      model: { type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100, vocab },
    }),
  );
  const table = Object.values(words);
  const model = onnxModel({
    initializers: [onnxTensor('word_vectors', [table.length, 3], FLOAT, new Float32Array(table.flat()))],
    nodes: [onnxNode('Gather', ['word_vectors', 'input_ids'], ['last_hidden_state'])],
    inputs: [valueInfo('input_ids', INT64, ['batch', 'sequence']), valueInfo('attention_mask', INT64, ['batch', 'sequence'])],
    outputs: [valueInfo('last_hidden_state', FLOAT, ['batch', 'sequence', 3])],
  });
  writeFileSync(join(dir, 'onnx', 'model.onnx'), model);
}

/**
 * An image model directory: images resized to 8×8 and scaled to [-1, 1]; the graph reshapes
 * pixel_values [batch, 3, 8, 8] into 64 "patch" vectors of the 3 channel values, as a hidden state
 * [batch, 64, 3] without a pooler, so the embedding is the mean colour.
 */
export function writeTinyImageModel(dir: string): void {
  mkdirSync(join(dir, 'onnx'), { recursive: true });
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ model_type: 'vit', architectures: ['ViTModel'], hidden_size: 3 }));
  writeFileSync(
    join(dir, 'preprocessor_config.json'),
    JSON.stringify({
      image_processor_type: 'ViTImageProcessor',
      do_resize: true,
      size: { height: 8, width: 8 },
      resample: 2,
      do_rescale: true,
      rescale_factor: 1 / 255,
      do_normalize: true,
      image_mean: [0.5, 0.5, 0.5],
      image_std: [0.5, 0.5, 0.5],
    }),
  );
  const model = onnxModel({
    initializers: [onnxTensor('channels_by_pixels', [3], INT64, new BigInt64Array([0n, 3n, -1n]))],
    nodes: [
      onnxNode('Reshape', ['pixel_values', 'channels_by_pixels'], ['per_channel']),
      onnxNode('Transpose', ['per_channel'], ['last_hidden_state'], [intsAttribute('perm', [0, 2, 1])]),
    ],
    inputs: [valueInfo('pixel_values', FLOAT, ['batch', 3, 8, 8])],
    outputs: [valueInfo('last_hidden_state', FLOAT, ['batch', 64, 3])],
  });
  writeFileSync(join(dir, 'onnx', 'model.onnx'), model);
}

// Just enough of the ONNX protobuf encoding for the tiny models above; field numbers from onnx.proto.
const [FLOAT, INT64] = [1, 7];
type Bytes = number[];

function varint(value: number): Bytes {
  const out: Bytes = [];
  for (let v = value; ; v = Math.floor(v / 128)) {
    if (v < 128) return [...out, v];
    out.push((v % 128) | 128);
  }
}
const int = (field: number, value: number): Bytes => [...varint(field * 8), ...varint(value)];
const bytes = (field: number, value: ArrayLike<number>): Bytes => [...varint(field * 8 + 2), ...varint(value.length), ...Array.from(value)];
const str = (field: number, value: string): Bytes => bytes(field, Buffer.from(value));

function onnxModel(graph: { initializers: Bytes[]; nodes: Bytes[]; inputs: Bytes[]; outputs: Bytes[] }): Uint8Array {
  const body = [
    ...graph.nodes.flatMap((n) => bytes(1, n)),
    ...str(2, 'tiny'),
    ...graph.initializers.flatMap((t) => bytes(5, t)),
    ...graph.inputs.flatMap((v) => bytes(11, v)),
    ...graph.outputs.flatMap((v) => bytes(12, v)),
  ];
  // ir_version 8, the graph, opset 13 of the default domain.
  return new Uint8Array([...int(1, 8), ...bytes(7, body), ...bytes(8, [...str(1, ''), ...int(2, 13)])]);
}

function onnxTensor(name: string, dims: readonly number[], dataType: number, data: Float32Array | BigInt64Array): Bytes {
  return [...dims.flatMap((d) => int(1, d)), ...int(2, dataType), ...str(8, name), ...bytes(9, new Uint8Array(data.buffer))];
}

function onnxNode(op: string, inputs: readonly string[], outputs: readonly string[], attributes: readonly Bytes[] = []): Bytes {
  return [...inputs.flatMap((i) => str(1, i)), ...outputs.flatMap((o) => str(2, o)), ...str(4, op), ...attributes.flatMap((a) => bytes(5, a))];
}

function intsAttribute(name: string, values: readonly number[]): Bytes {
  return [...str(1, name), ...values.flatMap((v) => int(8, v)), ...int(20, 7)];
}

function valueInfo(name: string, elemType: number, dims: readonly (string | number)[]): Bytes {
  const shape = dims.flatMap((d) => bytes(1, typeof d === 'number' ? int(1, d) : str(2, d)));
  return [...str(1, name), ...bytes(2, bytes(1, [...int(1, elemType), ...bytes(2, shape)]))];
}
