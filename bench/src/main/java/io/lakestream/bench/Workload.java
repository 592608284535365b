package io.lakestream.bench;

/**
 * One workload of {@code lakestream bench}: it runs its contenders on the run's data, checks that
 * their outputs agree, and returns its section of docs/benchmarks.md (with its charts).
 */
public interface Workload {

    /** The name on the command line ({@code --workloads}), e.g. {@code ingest}. */
    String name();

    /** Runs the workload; throws when the contenders' outputs disagree. */
    ReportSection run(BenchContext context) throws Exception;
}
