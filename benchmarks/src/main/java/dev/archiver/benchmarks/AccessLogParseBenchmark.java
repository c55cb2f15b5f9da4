package dev.archiver.benchmarks;

import dev.archiver.core.access.AccessHistoryIndex;
import dev.archiver.core.access.AccessLogParser;
import dev.archiver.core.access.AccessLogSource;
import dev.archiver.core.simulate.TraceEvent;
import dev.archiver.testkit.AccessLogWriter;
import dev.archiver.testkit.Workload;
import dev.archiver.testkit.WorkloadGenerator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Seconds to parse one S3 server access log file of synthetic traffic (the testkit generator's workload
 * rendered by {@code AccessLogWriter} with noise lines), plain or gzip, on one thread. Divide the
 * plain size printed at setup by the score for MB/s per core.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar AccessLogParseBenchmark
 * </pre>
 * {@code classify}: tokenise, read time and status, classify each line as write/read/delete (what any
 * consumer pays); {@code index}: the same plus key decoding and folding into an {@link AccessHistoryIndex}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
public class AccessLogParseBenchmark {
    @Param({"plain", "gz"})
    public String compression;

    private Path dir;
    private AccessLogSource source;
    private final AccessLogParser parser = AccessLogParser.builder().build();

    @Setup(Level.Trial)
    public void write() throws IOException {
        dir = Files.createTempDirectory("access-log-bench");
        Workload w = WorkloadGenerator.builder().objects(20_000).days(120).seed(1).build().generate();
        Path file = dir.resolve("gz".equals(compression) ? "logs.gz" : "logs");
        long lines = AccessLogWriter.builder().noise(true).build().write(w.events(), file);
        long plain = Files.size(file);
        if ("gz".equals(compression)) {
            plain = parser.parse(AccessLogSource.local(file), l -> { }).bytes();
        }
        System.out.printf("%n%s: %,d lines, %,d bytes of log text, %,d bytes on disk%n", file, lines, plain, Files.size(file));
        source = AccessLogSource.local(file);
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public long classify() {
        long[] reads = {0};
        parser.parse(source, l -> {
            if (l.traceOperation() == TraceEvent.Operation.GET) {
                reads[0]++;
            }
        });
        return reads[0];
    }

    @Benchmark
    public int index() {
        AccessHistoryIndex index = AccessHistoryIndex.builder().build();
        parser.parse(source, index::add);
        return index.size();
    }
}
