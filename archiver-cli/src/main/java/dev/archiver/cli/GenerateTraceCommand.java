package dev.archiver.cli;

import dev.archiver.testkit.Workload;
import dev.archiver.testkit.WorkloadGenerator;
import dev.archiver.testkit.WorkloadPreset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code archiver generate-trace}: the synthetic workload generator, writing a TRACE_FORMAT.md trace. */
@Command(name = "generate-trace", mixinStandardHelpOptions = true,
        description = "Writes a synthetic bucket's life (PUT, GET, DELETE in time order) as a CSV trace; "
                + "gzip-compressed when FILE ends in .gz. Parameters: docs/workload-generator.md.")
final class GenerateTraceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--objects", description = "Number of objects (default: ${DEFAULT-VALUE}).")
    int objects = 10_000;

    @Option(names = "--days", description = "Days of bucket life (default: ${DEFAULT-VALUE}).")
    int days = 365;

    @Option(names = "--seed", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed = 42;

    @Option(names = "--start", description = "First instant of the trace, ISO-8601 (default: ${DEFAULT-VALUE}).")
    Instant start = WorkloadGenerator.DEFAULT_START;

    @Option(names = "--preset", description = "Cohort mix: mixed, logs-heavy, media-heavy, archive-heavy (default: ${DEFAULT-VALUE}).")
    String preset = "mixed";

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Trace file to write.")
    Path out;

    @Option(names = "--debug", description = "Print stack traces of errors.")
    boolean debug;

    @Override
    public Integer call() {
        Workload w = WorkloadPreset.parse(preset).apply(WorkloadGenerator.builder())
                .objects(objects).days(days).seed(seed).start(start).build().generate();
        w.writeTrace(out);
        spec.commandLine().getOut().printf(Locale.ROOT, "wrote %,d events for %,d objects (%s .. %s) to %s%n",
                w.events().size(), w.objects().size(), w.start(), w.end(), out);
        return ArchiverCommand.OK;
    }
}
