/**
 * Prediction: the batched {@link dev.archiver.core.predict.AccessPredictor} SPI, the
 * {@link dev.archiver.core.predict.LogisticModel} and its file format, and the original design's
 * age rule as a baseline.
 */
package dev.archiver.core.predict;
