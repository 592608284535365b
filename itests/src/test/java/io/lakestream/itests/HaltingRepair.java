package io.lakestream.itests;

import io.lakestream.connectors.lake.repair.Restatement;
import io.lakestream.connectors.testing.ChildJvm;
import io.lakestream.deploy.repair.Repair;
import io.lakestream.pipelines.job.SourceKind;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The repair of {@link RepairITCase}, run in a JVM of its own that kills itself ({@link
 * ChildJvm#halt()}) just before the n-th step of its swap, of one kind or of any; the test runs it
 * as a child JVM to see what a repair killed between two steps leaves in the lake.
 *
 * <p>Arguments: {@code <lake> <bootstrap servers> <topic> <state dir> <step|ANY> <n>}. Exits 1 if
 * the repair ends without reaching that step.
 */
public final class HaltingRepair {

    /** Instead of a step: whatever step comes. */
    static final String ANY = "ANY";

    private HaltingRepair() {}

    public static void main(String[] args) throws Exception {
        Repair.Options options = options(Path.of(args[0]), args[1], args[2], Path.of(args[3]));
        Restatement.Step step = args[4].equals(ANY) ? null : Restatement.Step.valueOf(args[4]);
        int n = Integer.parseInt(args[5]);
        int[] seen = {0};
        new Repair(
                        options,
                        (s, what) -> {
                            if ((step == null || s == step) && ++seen[0] == n) {
                                System.out.printf("halting before %s %s%n", s, what);
                                System.out.flush();
                                ChildJvm.halt();
                            }
                        },
                        System.out)
                .run();
        System.err.printf("the repair ended without reaching %s #%d%n", args[4], n);
        System.exit(1);
    }

    /** The options of {@code lakestream repair} as {@link RepairITCase} runs it. */
    static Repair.Options options(Path lake, String bootstrap, String topic, Path stateDir) {
        return new Repair.Options(
                lake.toString(),
                null,
                false,
                bootstrap,
                topic,
                SourceKind.KAFKA,
                Duration.ofMinutes(10),
                Duration.ofDays(2),
                2,
                stateDir,
                0,
                Duration.ofSeconds(30));
    }
}
