package dev.archiver.examples;

import dev.archiver.core.plan.ApplyReport;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class QuickstartTest {
    @Test
    void run_movesTheColdBackupOnly() {
        ApplyReport report = Quickstart.run();
        assertEquals(1, report.applied(), report.toString());
        assertEquals(5L << 30, report.movedBytes());
        assertFalse(report.hasFailures());
    }
}
