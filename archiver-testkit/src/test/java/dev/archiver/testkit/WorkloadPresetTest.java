package dev.archiver.testkit;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkloadPresetTest {
    @Test
    void preset_archiveHeavy_makesOnlyBackupsAndDatasets() {
        Workload w = WorkloadPreset.parse("archive-heavy").apply(WorkloadGenerator.builder()).objects(200).days(30).seed(1)
                .build().generate();
        assertTrue(w.objects().stream().allMatch(o -> o.cohort() == Cohort.BACKUPS || o.cohort() == Cohort.DATASETS));
    }

    @Test
    void preset_parse_rejectsUnknownName() {
        assertEquals(WorkloadPreset.MEDIA_HEAVY, WorkloadPreset.parse("Media-Heavy"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WorkloadPreset.parse("cold"));
        assertTrue(e.getMessage().contains("'cold'"));
    }
}
