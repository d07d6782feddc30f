export {
  type BleuOptions,
  type BleuResult,
  type BleuSmoothing,
  type BleuTokenizer,
  bleu,
  SACREBLEU_VERSION,
  sentenceBleu,
} from './bleu';
export { type CalibrationOptions, expectedCalibrationError, logLoss } from './calibration';
export { type ChrfOptions, type ChrfResult, chrF } from './chrf';
export {
  type Average,
  accuracy,
  type ClassificationReport,
  type ClassificationReportOptions,
  type ConfusionMatrixOptions,
  type ConfusionMatrixResult,
  classificationReport,
  cohenKappa,
  confusionMatrix,
  type Label,
  matthewsCorrcoef,
  type PerClassPrecisionRecallFscore,
  type PrecisionRecallFscore,
  type PrecisionRecallFscoreOptions,
  precisionRecallFscore,
  type ReportRow,
  topKAccuracy,
} from './classification';
export { adjustedRandScore, daviesBouldinScore, normalizedMutualInfo, silhouetteScore } from './clustering';
export { ShapeError, ValueError } from './errors';
export { type NltkBleuOptions, type NltkSmoothing, nltkBleu } from './nltk-bleu';
export {
  bitsPerByte,
  bitsPerCharacter,
  bitsPerUnit,
  type Logits,
  logProbsFromLogits,
  type PerplexityResult,
  perplexity,
  perplexityFromNll,
} from './perplexity';
export { exactMatch, f1 } from './qa';
export { averagePrecision, type RocCurve, rocAucScore, rocCurve } from './ranking';
export {
  explainedVariance,
  meanAbsoluteError,
  meanSquaredError,
  r2Score,
  rootMeanSquaredError,
} from './regression';
export {
  ROUGE_SCORE_VERSION,
  type RougeInterval,
  type RougeOptions,
  type RougeResult,
  type RougeScore,
  type RougeType,
  rouge,
} from './rouge';
