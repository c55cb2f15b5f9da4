/**
 * Decisions: the {@link dev.archiver.core.decide.DecisionEngine}, its
 * {@link dev.archiver.core.decide.Guardrails}, and the {@link dev.archiver.core.decide.Decision}
 * records a plan is made of.
 */
package dev.archiver.core.decide;
