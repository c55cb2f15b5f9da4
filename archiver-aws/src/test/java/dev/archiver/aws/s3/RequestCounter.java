package dev.archiver.aws.s3;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Records every HTTP request the SDK transmits: operation name and headers (each retry counts). */
final class RequestCounter implements ExecutionInterceptor {

    /** One transmitted request. */
    record Sent(String operation, SdkHttpRequest http) {
        String header(String name) {
            return http.firstMatchingHeader(name).orElse(null);
        }
    }

    private final List<Sent> sent = new ArrayList<>();

    @Override
    public synchronized void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        sent.add(new Sent(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), context.httpRequest()));
    }

    synchronized List<Sent> sent() {
        return List.copyOf(sent);
    }

    synchronized Map<String, Integer> byOperation() {
        Map<String, Integer> counts = new TreeMap<>();
        sent.forEach(s -> counts.merge(s.operation(), 1, Integer::sum));
        return counts;
    }

    synchronized int total() {
        return sent.size();
    }

    synchronized void clear() {
        sent.clear();
    }
}
