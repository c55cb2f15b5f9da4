/**
 * Training: leak-free point-in-time {@link dev.archiver.core.train.Dataset}s built by
 * {@link dev.archiver.core.train.PointInTimeDataset} from any {@link dev.archiver.core.train.ObjectTimeline}
 * (a simulator trace, or S3 server access logs folded by {@code AccessHistoryIndex}), the
 * {@link dev.archiver.core.train.LogisticRegressionTrainer} that fits a
 * {@link dev.archiver.core.predict.LogisticModel}, {@link dev.archiver.core.train.PointInTimeTraining}
 * (train on an earlier window, evaluate on a later one) and the
 * {@link dev.archiver.core.train.Evaluation} metrics. See {@code docs/training.md}.
 */
package dev.archiver.core.train;
