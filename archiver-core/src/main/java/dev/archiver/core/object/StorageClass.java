package dev.archiver.core.object;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The seven S3 storage classes and the billing and access rules that do not vary by region:
 * minimum storage duration, minimum billable object size, per-object archive overhead,
 * whether the first byte is served in milliseconds or only after a restore, and the
 * lifecycle transition waterfall. Prices live in {@link dev.archiver.core.cost.PriceBook}.
 *
 * <p>Sources: {@code shared/design/AWS_FACTS.md} §1c (durations, sizes, overheads) and §2
 * (waterfall).
 *
 * <pre>{@code
 * StorageClass c = StorageClass.fromAwsName("GLACIER_IR");
 * long billed = c.billableBytes(10_000);          // 131072: billed as 128 KiB
 * boolean ok = StorageClass.STANDARD_IA.canLifecycleTransitionTo(StorageClass.GLACIER); // true
 * }</pre>
 */
public enum StorageClass {
    STANDARD(0, 0, 0, true),
    INTELLIGENT_TIERING(0, 0, 0, true),
    STANDARD_IA(30, 128 * 1024, 0, true),
    ONEZONE_IA(30, 128 * 1024, 0, true),
    GLACIER_IR(90, 128 * 1024, 0, true),
    GLACIER(90, 0, 32 * 1024, false),
    DEEP_ARCHIVE(180, 0, 32 * 1024, false);

    /** Per-object overhead of an archived object that S3 bills at the STANDARD rate (8 KiB). */
    public static final long ARCHIVE_STANDARD_OVERHEAD_BYTES = 8 * 1024;

    private final int minimumDurationDays;
    private final long minimumBillableBytes;
    private final long archiveOverheadBytes;
    private final boolean millisecondAccess;

    StorageClass(int minimumDurationDays, long minimumBillableBytes, long archiveOverheadBytes, boolean millisecondAccess) {
        this.minimumDurationDays = minimumDurationDays;
        this.minimumBillableBytes = minimumBillableBytes;
        this.archiveOverheadBytes = archiveOverheadBytes;
        this.millisecondAccess = millisecondAccess;
    }

    /** Days an object is billed for at least once it enters this class (0 when none). */
    public int minimumDurationDays() {
        return minimumDurationDays;
    }

    /** Smallest size this class bills an object at (0 when none). */
    public long minimumBillableBytes() {
        return minimumBillableBytes;
    }

    /**
     * Bytes added per object and billed at this class's rate (32 KiB for GLACIER and
     * DEEP_ARCHIVE); such objects also carry {@link #ARCHIVE_STANDARD_OVERHEAD_BYTES} billed at
     * the STANDARD rate, see {@link #standardOverheadBytes()}.
     */
    public long archiveOverheadBytes() {
        return archiveOverheadBytes;
    }

    /** Bytes billed at the STANDARD rate on top of the object when stored in this class. */
    public long standardOverheadBytes() {
        return archiveOverheadBytes > 0 ? ARCHIVE_STANDARD_OVERHEAD_BYTES : 0;
    }

    /** Bytes billed at this class's own rate for an object of {@code size} bytes. */
    public long billableBytes(long size) {
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0, was " + size);
        }
        return Math.max(size, minimumBillableBytes) + archiveOverheadBytes;
    }

    /** True when a GET returns the first byte in milliseconds; false when a restore must come first. */
    public boolean millisecondAccess() {
        return millisecondAccess;
    }

    /** True when the object must be restored before it can be read or used as a copy source. */
    public boolean requiresRestore() {
        return !millisecondAccess;
    }

    /**
     * Whether an S3 Lifecycle rule may move an object from this class to {@code target}
     * (the supported-transitions waterfall). A copy in place is not bound by it; see
     * {@link #canBeCopySource()}.
     */
    public boolean canLifecycleTransitionTo(StorageClass target) {
        return lifecycleTargets().contains(target);
    }

    /** The classes an S3 Lifecycle rule may move an object in this class to. */
    public Set<StorageClass> lifecycleTargets() {
        switch (this) {
            case STANDARD:
                return EnumSet.of(INTELLIGENT_TIERING, STANDARD_IA, ONEZONE_IA, GLACIER_IR, GLACIER, DEEP_ARCHIVE);
            case STANDARD_IA:
                return EnumSet.of(INTELLIGENT_TIERING, ONEZONE_IA, GLACIER_IR, GLACIER, DEEP_ARCHIVE);
            case INTELLIGENT_TIERING:
                return EnumSet.of(ONEZONE_IA, GLACIER_IR, GLACIER, DEEP_ARCHIVE);
            case ONEZONE_IA:
            case GLACIER_IR:
                return EnumSet.of(GLACIER, DEEP_ARCHIVE);
            case GLACIER:
                return EnumSet.of(DEEP_ARCHIVE);
            default:
                return EnumSet.noneOf(StorageClass.class);
        }
    }

    /** Whether an object in this class can be read by CopyObject without a restore first. */
    public boolean canBeCopySource() {
        return millisecondAccess;
    }

    /** The classes whose first byte is served in milliseconds (every class but GLACIER and DEEP_ARCHIVE). */
    public static Set<StorageClass> millisecondClasses() {
        EnumSet<StorageClass> set = EnumSet.noneOf(StorageClass.class);
        for (StorageClass c : values()) {
            if (c.millisecondAccess) {
                set.add(c);
            }
        }
        return set;
    }

    /** The name S3 uses in its APIs (equal to {@link #name()}). */
    public String awsName() {
        return name();
    }

    /**
     * Parses an S3 storage class name as the APIs, inventory reports and plans spell it.
     * An absent class ({@code null} or empty) is STANDARD, as ListObjectsV2 reports it.
     *
     * @throws IllegalArgumentException naming the value when it is not one of the seven classes
     */
    public static StorageClass fromAwsName(String name) {
        if (name == null || name.isBlank()) {
            return STANDARD;
        }
        String n = name.trim().toUpperCase(Locale.ROOT);
        for (StorageClass c : values()) {
            if (c.name().equals(n)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown S3 storage class '" + name
                + "' (expected one of STANDARD, INTELLIGENT_TIERING, STANDARD_IA, ONEZONE_IA, GLACIER_IR, GLACIER, DEEP_ARCHIVE)");
    }
}
