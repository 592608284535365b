package io.lakestream.bench.backfill;

import io.lakestream.bench.Timing;
import java.nio.file.Path;

/**
 * Workload 2's Lakestream contender, kept for workload 3: its timings and the lake its last run
 * wrote, so the replay is compared with the lake backfill without running that again.
 */
record LakeBackfillResult(Timing timing, Path output) {}
