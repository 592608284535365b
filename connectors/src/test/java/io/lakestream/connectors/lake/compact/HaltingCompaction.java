package io.lakestream.connectors.lake.compact;

import io.lakestream.connectors.lake.Partition;
import io.lakestream.connectors.lake.read.LakeReader;
import io.lakestream.connectors.testing.ChildJvm;
import java.nio.file.Path;

/**
 * A compaction of a whole table that kills its own JVM ({@link ChildJvm#halt()}) just before the
 * n-th time it reaches a step in one partition; {@link LakeCompactorITCase} runs it as a child JVM
 * to see what a compaction killed between two steps leaves on disk.
 *
 * <p>Arguments: {@code <lake> <table> <target bytes> <partition path> <step> [<n>, 1 by default]}.
 * Exits 1 if the compaction ends without reaching that step.
 */
public final class HaltingCompaction {

    private HaltingCompaction() {}

    public static void main(String[] args) throws Exception {
        LakeReader lake = LakeReader.local(Path.of(args[0]));
        String table = args[1];
        long targetBytes = Long.parseLong(args[2]);
        Partition at = Partition.parse(args[3]);
        CompactionStep step = CompactionStep.valueOf(args[4]);
        int n = args.length > 5 ? Integer.parseInt(args[5]) : 1;
        int[] seen = {0};
        new LakeCompactor(lake, targetBytes)
                .listener(
                        (t, p, s) -> {
                            if (p.equals(at) && s == step && ++seen[0] == n) {
                                ChildJvm.halt();
                            }
                        })
                .compact(table, null, null);
        System.err.printf("the compaction ended without reaching %s #%d in %s%n", step, n, at);
        System.exit(1);
    }
}
