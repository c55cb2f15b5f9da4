/**
 * S3 events without Lambda types: {@link dev.archiver.aws.events.S3EventParser} reads S3 event
 * notifications as they arrive directly, inside SQS messages, inside SNS-to-SQS envelopes and as
 * EventBridge "Object Created" events; {@link dev.archiver.aws.events.LoopGuard} and a
 * {@link dev.archiver.aws.events.DedupeStore} keep the archiver's own copies, lifecycle events,
 * duplicate and out-of-order deliveries from causing a second transition;
 * {@link dev.archiver.aws.events.S3EventProcessor} decides and applies;
 * {@link dev.archiver.aws.events.BatchOperationsEvent} reads S3 Batch Operations invocations and
 * writes their responses; {@link dev.archiver.aws.events.EmfMetrics}
 * writes CloudWatch Embedded Metric Format lines. Host code (a Lambda handler, a queue consumer)
 * wraps these in a few lines.
 */
package dev.archiver.aws.events;
