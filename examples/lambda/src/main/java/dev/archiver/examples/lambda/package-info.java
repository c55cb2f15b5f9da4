/**
 * AWS Lambda handlers over the archiver: {@link dev.archiver.examples.lambda.S3EventHandler} (S3
 * notifications, EventBridge), {@link dev.archiver.examples.lambda.SqsS3EventHandler} (SQS with
 * partial batch failures), {@link dev.archiver.examples.lambda.BatchOperationsHandler} (S3 Batch
 * Operations) and {@link dev.archiver.examples.lambda.ScheduledScanHandler} (an EventBridge
 * schedule), each building its clients once in its constructor; {@link dev.archiver.examples.lambda.LocalRunner}
 * runs one without deploying. Settings: {@link dev.archiver.examples.lambda.HandlerConfig}.
 */
package dev.archiver.examples.lambda;
