package dev.archiver.core.plan;

import dev.archiver.core.object.StorageClass;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link StreamingPlanner} run wrote: the folder, the plan's header and totals, and the
 * S3 Batch Operations manifests with their CreateJob requests.
 *
 * <pre>{@code
 * PlanResult r = planner.plan(inventory, Path.of("out"));
 * for (PlanResult.ManifestFile m : r.manifests()) {
 *     System.out.println(m.target() + ": " + m.rows() + " objects in " + m.manifest());
 * }
 * }</pre>
 *
 * @param folder        the published plan folder
 * @param header        the plan's header line
 * @param summary       totals over every decision
 * @param planLines     decision lines in {@code plan.jsonl}
 * @param manifests     the manifests written, one per target class (and per class for objects over 5 GiB)
 * @param skippedRows   rows the source skipped, per reason (inventory sources; empty otherwise)
 * @param startedMillis the clock's millis when the run started
 */
public record PlanResult(Path folder, PlanHeader header, PlanSummary summary, long planLines, List<ManifestFile> manifests,
                         Map<String, Long> skippedRows, long startedMillis) {
    public PlanResult {
        Objects.requireNonNull(folder, "folder");
        manifests = List.copyOf(manifests);
        // in the order given (the reasons' order): Map.copyOf's order changes from run to run, and so did summary.json
        skippedRows = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(skippedRows));
    }

    /**
     * One S3 Batch Operations manifest and its job request.
     *
     * @param target              the class its objects move to
     * @param overSingleCopyLimit true for objects over 5 GiB (LambdaInvoke job), false for the built-in copy
     * @param manifest            the CSV
     * @param job                 the CreateJob request JSON
     * @param rows                objects listed
     * @param objectBytes         their total size
     * @param md5                 the CSV's MD5 (its ETag once uploaded with a single PutObject, without SSE-KMS)
     */
    public record ManifestFile(StorageClass target, boolean overSingleCopyLimit, Path manifest, Path job, long rows,
                               long objectBytes, String md5) {
    }
}
