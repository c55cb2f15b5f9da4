/**
 * Reading S3 Inventory reports as an {@link dev.archiver.core.store.ObjectSource}: the
 * {@code manifest.json}, its {@code fileSchema} and the CSV.gz data files it lists, each checked
 * against its listed size and MD5, streamed in constant memory. Where the report's files come
 * from (a local folder here; an {@code s3://} URI in {@code archiver-aws}) is the
 * {@link dev.archiver.core.inventory.InventoryFiles} seam. See {@code docs/inventory.md}.
 *
 * <pre>{@code
 * InventoryReader inventory = InventoryReader.of(InventoryFiles.folder(Path.of("inventory/2026-11-01T01-00Z")));
 * PlanResult result = StreamingPlanner.builder(engine).build().plan(inventory, Path.of("out"));
 * }</pre>
 */
package dev.archiver.core.inventory;
