package io.lakestream.pipelines.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A backfill reads past its last date only by the horizon its pipelines declare. */
class RunSpecHorizonTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 1);
    private static final long DAY_END = 1_793_577_600_000L; // 2026-11-02T00:00:00Z

    private static RunSpec backfill(String... pipelines) {
        return RunSpec.builder()
                .mode(RunMode.BACKFILL)
                .lake("/tmp/lake")
                .runId("r")
                .pipelines(List.of(pipelines))
                .range(DAY, DAY)
                .lookback(Duration.ofHours(1))
                .build();
    }

    @Test
    void withoutTrainingExamplesTheWindowIsUnchanged() {
        RunSpec spec = backfill("ingest", "user_daily");
        assertThat(spec.horizon()).isZero();
        assertThat(spec.eventsEndMillis()).isEqualTo(DAY_END);
        assertThat(spec.replayEndMillis()).isEqualTo(DAY_END + 3_600_000L);
        assertThat(spec.readsUsers()).isFalse();
    }

    @Test
    void trainingExamplesReadHalfAnHourOfEventsPastTheRange() {
        RunSpec spec = backfill("ingest", "training_examples");
        assertThat(spec.horizon()).isEqualTo(Duration.ofMinutes(30));
        assertThat(spec.toMillisExclusive()).isEqualTo(DAY_END);
        assertThat(spec.eventsEndMillis()).isEqualTo(DAY_END + 1_800_000L);
        assertThat(spec.replayEndMillis()).isEqualTo(DAY_END + 1_800_000L + 3_600_000L);
        assertThat(spec.readsUsers()).isTrue();
    }
}
