/**
 * Training: labelled {@link dev.archiver.core.train.Dataset}s and the
 * {@link dev.archiver.core.train.LogisticRegressionTrainer} that fits a
 * {@link dev.archiver.core.predict.LogisticModel}.
 */
package dev.archiver.core.train;
