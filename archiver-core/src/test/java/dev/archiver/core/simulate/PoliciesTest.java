package dev.archiver.core.simulate;

import dev.archiver.core.object.StorageClass;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PoliciesTest {
    @Test
    void split_keepsLifecycleStepsTogether() {
        assertEquals(List.of("standard", "lifecycle:30:STANDARD_IA,90:GLACIER_IR", "oracle:ms"),
                Policies.split("standard, lifecycle:30:STANDARD_IA,90:GLACIER_IR ,oracle:ms"));
    }

    @Test
    void rules_parseWaterfall_andRejectUpwardStep() {
        assertEquals(List.of(new RulePolicies.Rule(30, StorageClass.STANDARD_IA), new RulePolicies.Rule(90, StorageClass.GLACIER_IR)),
                Policies.rules("lifecycle:30:standard_ia,90:GLACIER_IR"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Policies.validate("lifecycle:30:GLACIER_IR,60:STANDARD_IA"));
        assertTrue(e.getMessage().contains("cannot move GLACIER_IR to STANDARD_IA"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Policies.validate("lifecycle:60:STANDARD_IA,30:GLACIER"));
        assertThrows(IllegalArgumentException.class, () -> Policies.validate("predictive:fast"));
        Policies.validate("predictive:no-warmup"); // predictive without its Intelligent-Tiering warm-up
    }
}
