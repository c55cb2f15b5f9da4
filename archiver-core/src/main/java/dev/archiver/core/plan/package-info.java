/**
 * Plans and their application: the {@link dev.archiver.core.plan.Plan} file (JSON Lines), its
 * {@link dev.archiver.core.plan.PlanSummary}, the {@link dev.archiver.core.plan.ApplyJournal}
 * that makes {@code apply} resumable, the {@link dev.archiver.core.plan.RetryPolicy} and the
 * {@link dev.archiver.core.plan.ApplyReport}.
 */
package dev.archiver.core.plan;
