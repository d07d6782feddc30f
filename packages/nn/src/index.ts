// @llm/nn: modules and layers for @llm/tensor.

export { GELU, Identity, ReLU, Sigmoid, SiLU, Softmax, Tanh } from './activations';
export { ModuleList, Sequential } from './containers';
export { Dropout, dropout } from './dropout';
export { Embedding, type EmbeddingOptions } from './embedding';
export * as init from './init';
export { Linear, type LinearOptions } from './linear';
export { MLP, type MLPOptions } from './mlp';
export { type LoadResult, Module } from './module';
export { LayerNorm, type LayerNormOptions, RMSNorm, type RMSNormOptions } from './normalization';
export { Parameter } from './parameter';
export { type ElmanRNNOptions, GRU, LSTM, RNN, type RNNOptions } from './rnn';
export { GRUCell, LSTMCell, RNNCell, type RNNCellOptions } from './rnn-cell';
export {
  type LoadSafetensorsOptions,
  loadModuleSafetensors,
  loadSafetensors,
  MAX_HEADER_BYTES,
  type Safetensors,
  type SafetensorsDType,
  SafetensorsError,
  saveModuleSafetensors,
  saveSafetensors,
} from './safetensors';
