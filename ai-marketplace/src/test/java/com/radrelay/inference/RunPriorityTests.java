package com.radrelay.inference;

import static org.assertj.core.api.Assertions.assertThat;

import com.radrelay.tenancy.Tenant;
import com.radrelay.tenancy.TenantDirectory;
import com.radrelay.testing.Clinics;
import com.radrelay.testing.IntegrationTest;
import com.radrelay.workflow.Priority;
import com.radrelay.workflow.StudyUid;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/** Runs waiting for the workers are taken by their routing rule's priority first, then oldest first. */
@IntegrationTest
@TestPropertySource(properties = "radrelay.inference.workers=0")
class RunPriorityTests {

    @Autowired AiRuns runs;
    @Autowired TenantDirectory directory;

    @Test
    void aStatRunQueuedLastIsTakenFirstAndRoutineRunsInTheOrderTheyCame() {
        Tenant clinic = Clinics.ruralClinic(directory);
        Recipe recipe = new Recipe("priority-" + clinic.id(), "1", "Priority", "Vendor", 4,
                new Recipe.Input("image", List.of("CR"), 1, Recipe.SeriesChoice.ALL, Recipe.Values.MIN_MAX, null,
                        null, 64, 64),
                List.of(new Recipe.Measure("m", "Mean", "1", Recipe.Aggregate.MEAN, "m", null, null, null, null)),
                null, null, null, null);
        runs.enqueue(clinic.id(), new StudyUid("1.2.3.1"), recipe, Priority.ROUTINE);
        runs.enqueue(clinic.id(), new StudyUid("1.2.3.2"), recipe, Priority.URGENT);
        runs.enqueue(clinic.id(), new StudyUid("1.2.3.3"), recipe, Priority.ROUTINE);
        runs.enqueue(clinic.id(), new StudyUid("1.2.3.4"), recipe, Priority.STAT);

        // Runs other test classes left in the shared database may come between; this clinic's come in this order.
        List<String> taken = new ArrayList<>();
        for (int claims = 0; claims < 100 && taken.size() < 4; claims++) {
            Optional<AiRuns.Run> run = runs.claim(Duration.ofSeconds(1));
            if (run.isEmpty()) {
                break;
            }
            if (run.get().tenant().equals(clinic.id())) {
                taken.add(run.get().study().value());
                runs.finished(run.get());
            }
        }
        assertThat(taken).containsExactly("1.2.3.4", "1.2.3.2", "1.2.3.1", "1.2.3.3");
    }
}
