/**
 * Money: the {@link dev.archiver.core.cost.PriceBook} of a region and the
 * {@link dev.archiver.core.cost.CostModel} that prices keeping an object where it is against
 * moving it to each candidate class, as {@link dev.archiver.core.cost.CostEstimate}s.
 */
package dev.archiver.core.cost;
