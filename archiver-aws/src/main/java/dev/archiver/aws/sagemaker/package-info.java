/**
 * Scoring on Amazon SageMaker: {@link dev.archiver.aws.sagemaker.SageMakerPredictor}, an
 * {@link dev.archiver.core.predict.AccessPredictor} over the caller's
 * {@code SageMakerRuntimeClient} that sends many feature rows per InvokeEndpoint request, retries
 * throttling and 5xx with backoff, refuses a response that does not fit, and fails safe (a
 * fallback predictor, or the objects are kept), with a circuit breaker and counters
 * ({@link dev.archiver.aws.sagemaker.SageMakerStats}). {@link dev.archiver.aws.sagemaker.PayloadCodec}
 * says how rows and scores are written.
 *
 * <pre>{@code
 * SageMakerPredictor predictor = SageMakerPredictor.builder(client, "access-model")
 *         .fallback(LogisticModel.load(Path.of("model.json")))
 *         .build();
 * }</pre>
 */
package dev.archiver.aws.sagemaker;
