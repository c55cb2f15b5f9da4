package dev.archiver.core.access;

import dev.archiver.core.simulate.TraceEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * TraceIndex index = TraceIndex.of(r.events());   // time-ordered and consistent, as a trace must be
 * }</pre>
 */
public final class AccessLogTrace {
    private AccessLogTrace() {
    }

    /**
     * The events and the parse report.
     *
     * @param events          time-ordered events that form a valid trace: every GET and DELETE names an object that
     *                        exists then (stable for equal times: writes first, then file and line order)
     * @param report          what the parse read and skipped
     * @param synthesizedPuts keys that existed before the logs began (first logged as a read or delete), given a
     *                        PUT at the first logged instant with the largest ObjectSize their reads reported
     * @param droppedEvents   reads and deletes of a key that did not exist then (S3 answers 204 to deleting a
     *                        missing key), left out
     */
    public record Result(List<TraceEvent> events, ParseReport report, int synthesizedPuts, long droppedEvents) {
        public Result {
            events = List.copyOf(events);
        }
    }

    /**
     * Streams every event of {@code source} to {@code consumer} in log order (not sorted: S3 delivers
     * logs best effort; not checked for consistency). {@code bucket} filters lines by bucket; {@code null}
     * keeps every bucket.
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
     * Every event of {@code source} as a valid trace ({@link Result}): sorted by time with the writes of
     * one second before its reads and deletes, objects that predate the logs given a PUT at the start, and
     * reads or deletes of absent keys dropped and counted. Holds all events in memory.
     */
    public static Result read(AccessLogSource source, AccessLogParser parser, String bucket) {
        List<TraceEvent> events = new ArrayList<>();
        Map<String, Long> readSizes = new HashMap<>();
        ParseReport r = parser.parse(source, line -> {
            if (bucket != null && !bucket.equals(line.bucket())) {
                return;
            }
            TraceEvent e = line.toTraceEvent();
            if (e != null) {
                events.add(e);
                if (e.operation() == TraceEvent.Operation.GET) {
                    readSizes.merge(e.key(), Math.max(0, line.objectSize()), Math::max);
                }
            }
        });
        events.sort(Comparator.comparing(TraceEvent::timestamp).thenComparing(TraceEvent::operation));
        Set<String> seen = new HashSet<>();
        Set<String> existing = new HashSet<>();
        List<TraceEvent> before = new ArrayList<>();
        List<TraceEvent> out = new ArrayList<>(events.size());
        long dropped = 0;
        Instant start = events.isEmpty() ? null : events.get(0).timestamp();
        for (TraceEvent e : events) {
            String k = e.key();
            if (e.operation() == TraceEvent.Operation.PUT) {
                seen.add(k);
                existing.add(k);
                out.add(e);
                continue;
            }
            if (!existing.contains(k)) {
                if (seen.add(k)) {
                    before.add(TraceEvent.put(start, k, readSizes.getOrDefault(k, 0L)));
                    existing.add(k);
                } else {
                    dropped++;
                    continue;
                }
            }
            if (e.operation() == TraceEvent.Operation.DELETE) {
                existing.remove(k);
            }
            out.add(e);
        }
        before.addAll(out);
        return new Result(before, r, before.size() - out.size(), dropped);
    }
}
