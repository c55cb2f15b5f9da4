/**
 * A local SageMaker runtime for tests: {@link dev.archiver.testkit.sagemaker.LocalInferenceEndpoint}
 * serves any {@link dev.archiver.core.predict.AccessPredictor} over the InvokeEndpoint REST API on a
 * loopback port, so the real AWS SDK client (and {@code SageMakerPredictor} on top of it) can be
 * tested without an AWS account; {@link dev.archiver.testkit.sagemaker.ScriptedResponse} makes it
 * fail, throttle, stall or answer garbage, and
 * {@link dev.archiver.testkit.sagemaker.RecordedInvocation} shows what it was sent. Neither the AWS
 * SDK nor JUnit is needed.
 *
 * <pre>{@code
 * try (LocalInferenceEndpoint endpoint = LocalInferenceEndpoint.start()
 *         .serve("access-model", model, featureNames)) {
 *     endpoint.enqueue(ScriptedResponse.serviceUnavailable());
 *     // point SageMakerRuntimeClient.builder().endpointOverride(endpoint.uri()) at it
 * }
 * }</pre>
 */
package dev.archiver.testkit.sagemaker;
