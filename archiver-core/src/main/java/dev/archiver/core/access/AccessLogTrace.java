package dev.archiver.core.access;

import dev.archiver.core.simulate.TraceEvent;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * S3 server access logs as a simulator trace (TRACE_FORMAT.md, "S3 server access log form"): writes
 * ({@code REST.PUT.OBJECT}, multipart completion, the destination of a copy) become {@code PUT} with
 * ObjectSize, a 2xx {@code REST.GET.OBJECT} a {@code GET}, deletes a {@code DELETE}; HEAD, the
 * source half of a copy and non-2xx requests are dropped (see {@link AccessLogLine#traceOperation()}).
 *
 * <pre>{@code
 * AccessLogTrace.Result r = AccessLogTrace.read(AccessLogSource.local(Path.of("logs/")),
 *         AccessLogParser.builder().build(), "my-bucket");
 * TraceIndex index = TraceIndex.of(r.events());   // time-ordered, as a trace must be
 * }</pre>
 */
public final class AccessLogTrace {
    private AccessLogTrace() {
    }

    /**
     * The events and the parse report.
     *
     * @param events time-ordered events (stable for equal times: file order, then line order)
     * @param report what the parse read and skipped
     */
    public record Result(List<TraceEvent> events, ParseReport report) {
        public Result {
            events = List.copyOf(events);
        }
    }

    /**
     * Streams every event of {@code source} to {@code consumer} in log order (not sorted: S3 delivers
     * logs best effort). {@code bucket} filters lines by bucket; {@code null} keeps every bucket.
     */
    public static ParseReport forEach(AccessLogSource source, AccessLogParser parser, String bucket,
                                      Consumer<TraceEvent> consumer) {
        return parser.parse(source, line -> {
            if (bucket != null && !bucket.equals(line.bucket())) {
                return;
            }
            TraceEvent e = line.toTraceEvent();
            if (e != null) {
                consumer.accept(e);
            }
        });
    }

    /**
     * Every event of {@code source}, sorted by time, with the writes of one second before its reads and
     * deletes (as the trace format orders them). Holds all events in memory.
     */
    public static Result read(AccessLogSource source, AccessLogParser parser, String bucket) {
        List<TraceEvent> events = new ArrayList<>();
        ParseReport r = forEach(source, parser, bucket, events::add);
        events.sort(Comparator.comparing(TraceEvent::timestamp).thenComparing(TraceEvent::operation));
        return new Result(events, r);
    }
}
