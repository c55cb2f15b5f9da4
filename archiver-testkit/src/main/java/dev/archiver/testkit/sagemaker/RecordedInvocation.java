package dev.archiver.testkit.sagemaker;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One request {@link LocalInferenceEndpoint} received, as it arrived.
 *
 * <pre>{@code
 * RecordedInvocation first = endpoint.invocations().get(0);
 * assertEquals("text/csv", first.contentType());
 * assertEquals(1000, first.rows());
 * }</pre>
 *
 * @param endpointName the {@code {name}} of {@code /endpoints/{name}/invocations}
 * @param contentType  the request's {@code Content-Type}
 * @param accept       the request's {@code Accept}, or null
 * @param body         the request body (not copied on access; do not modify)
 * @param rows         feature rows parsed from the body, or -1 when it could not be parsed
 * @param status       the HTTP status answered
 */
public record RecordedInvocation(String endpointName, String contentType, String accept, byte[] body, int rows, int status) {

    public RecordedInvocation {
        Objects.requireNonNull(body, "body");
    }

    /** The body as UTF-8 text. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "RecordedInvocation[" + endpointName + ", " + contentType + ", " + body.length + " bytes, " + rows + " rows, HTTP " + status + "]";
    }
}
