package io.lakestream.itests;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakestream.deploy.generate.GeneratorConfig;
import io.lakestream.deploy.generate.KafkaEventPublisher;
import io.lakestream.deploy.kafka.KafkaBrokerExtension;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Kafka backfill run through the command line with {@code --progress lines} prints its progress
 * from the job's REST metrics: per partition lines whose offsets read never go back, then a summary
 * with every planned offset read.
 */
class BackfillProgressITCase {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final LocalDate DAY0 = LocalDate.of(2026, 11, 1);

    private static final Pattern PLANNED = Pattern.compile("\\(replaying (\\d+) records\\)");
    private static final Pattern PROGRESS =
            Pattern.compile("^progress: ([\\d,]+)/([\\d,]+) offsets \\(([\\d.]+)%\\)(.*)$");

    @TempDir Path work;

    @Test
    void printsNonDecreasingProgressUpToThePlannedTotal() {
        String topic = "events-progress";
        KAFKA.createTopic(topic, 2);
        GeneratorConfig config =
                GeneratorConfig.builder(250_000, 5)
                        .users(1_000)
                        .items(300)
                        .start(DAY0)
                        .days(2)
                        .lateFraction(0.0)
                        .partitions(2)
                        .build();
        new KafkaEventPublisher(KAFKA.bootstrapServers(), topic).publish(config);

        String out =
                CliRuns.runCapturingOutput(
                        KAFKA.bootstrapServers(),
                        work.resolve("state"),
                        topic,
                        work.resolve("lake"),
                        "ingest",
                        "--mode",
                        "backfill",
                        "--from",
                        DAY0.toString(),
                        "--to",
                        DAY0.plusDays(1).toString(),
                        "--progress",
                        "lines",
                        "--progress-every",
                        "PT0.2S");

        Matcher planned = PLANNED.matcher(out);
        assertThat(planned.find()).as(out).isTrue();
        long total = Long.parseLong(planned.group(1));
        assertThat(total).isGreaterThanOrEqualTo(250_000);

        List<long[]> counts = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (String line : out.lines().toList()) {
            Matcher m = PROGRESS.matcher(line);
            if (m.matches()) {
                lines.add(line);
                counts.add(new long[] {number(m.group(1)), number(m.group(2))});
            }
        }
        assertThat(lines).as(out).isNotEmpty();
        // at least one line before the summary came from the running job's metrics, per partition
        assertThat(lines.subList(0, lines.size() - 1))
                .as(out)
                .anySatisfy(l -> assertThat(l).contains(" p0 ").contains(" p1 ").contains("ETA"));
        for (int i = 0; i < counts.size(); i++) {
            assertThat(counts.get(i)[1]).as(lines.get(i)).isEqualTo(total);
            if (i > 0) {
                assertThat(counts.get(i)[0])
                        .as(lines.get(i - 1) + " then " + lines.get(i))
                        .isGreaterThanOrEqualTo(counts.get(i - 1)[0]);
            }
        }
        String last = lines.get(lines.size() - 1);
        assertThat(counts.get(counts.size() - 1)[0]).as(last).isEqualTo(total);
        assertThat(last).contains("(100.0%) read in ");
        // the summary comes before the run's own last lines
        assertThat(out.indexOf(last)).isLessThan(out.indexOf(" finished in "));
    }

    private static long number(String text) {
        return Long.parseLong(text.replace(",", ""));
    }
}
