/**
 * Features: the {@link dev.archiver.core.feature.FeatureExtractor} SPI, its default, and the
 * vector and batch shapes predictors score.
 */
package dev.archiver.core.feature;
