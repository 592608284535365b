package io.lakestream.bench;

import io.lakestream.deploy.generate.GeneratorConfig;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * What every workload of one bench run shares: the broker, the generated topic and its
 * configuration, the working directory, the number of runs per contender, where charts go, and the
 * progress log.
 *
 * @param bootstrap the local broker's bootstrap servers
 * @param topic the generated history, on that broker
 * @param data how the history was generated (an oracle can regenerate it)
 * @param work a directory of the workloads' own (outputs, state), deleted by nobody else
 * @param runs runs of each contender, alternating
 * @param charts where the PNG charts go (beside the report)
 * @param chartLink how the report links a chart file, e.g. {@code benchmarks/}
 * @param log progress lines
 * @param earlier results of the workloads run before, for the ones after them
 */
public record BenchContext(
        String bootstrap,
        BenchData.Topic topic,
        GeneratorConfig data,
        Path work,
        int runs,
        Path charts,
        String chartLink,
        PrintStream log,
        EarlierResults earlier) {

    /** A directory for one workload's files, {@code work/name}. */
    public Path dir(String name) {
        return work.resolve(name);
    }
}
