package io.lakestream.deploy.generate;

import java.time.Duration;
import java.time.LocalDate;

/**
 * Builds a {@link GeneratorConfig} from its defaults, so callers (the CLI, tests, the demo) only
 * state what differs; {@link #build()} validates.
 */
public final class GeneratorConfigBuilder {
    private long events;
    private long seed;
    private int users = 10_000;
    private int items = 1_000;
    private LocalDate start = LocalDate.of(2026, 11, 1);
    private int days = 3;
    private double lateFraction = 0.001;
    private double duplicateFraction = 0.01;
    private double malformedFraction = 0.001;
    private double zipf = 1.1;
    private double hotUserShare = 0.10;
    private Duration outOfOrderBound = Duration.ofMinutes(2);
    private Duration lateDelayMin = Duration.ofHours(2);
    private Duration lateDelayMax = Duration.ofHours(6);
    private int partitions = 1;
    private SchemaDrift drift = SchemaDrift.NONE;

    GeneratorConfigBuilder(long events, long seed) {
        this.events = events;
        this.seed = seed;
    }

    GeneratorConfigBuilder(GeneratorConfig c) {
        this(c.events(), c.seed());
        users = c.users();
        items = c.items();
        start = c.start();
        days = c.days();
        lateFraction = c.lateFraction();
        duplicateFraction = c.duplicateFraction();
        malformedFraction = c.malformedFraction();
        zipf = c.zipf();
        hotUserShare = c.hotUserShare();
        outOfOrderBound = c.outOfOrderBound();
        lateDelayMin = c.lateDelayMin();
        lateDelayMax = c.lateDelayMax();
        partitions = c.partitions();
        drift = c.drift();
    }

    /** A schema drift from some event time on (see {@link SchemaDrift}). */
    public GeneratorConfigBuilder drift(SchemaDrift v) {
        drift = v;
        return this;
    }

    public GeneratorConfigBuilder events(long v) {
        events = v;
        return this;
    }

    public GeneratorConfigBuilder seed(long v) {
        seed = v;
        return this;
    }

    public GeneratorConfigBuilder users(int v) {
        users = v;
        return this;
    }

    public GeneratorConfigBuilder items(int v) {
        items = v;
        return this;
    }

    public GeneratorConfigBuilder start(LocalDate v) {
        start = v;
        return this;
    }

    public GeneratorConfigBuilder days(int v) {
        days = v;
        return this;
    }

    public GeneratorConfigBuilder lateFraction(double v) {
        lateFraction = v;
        return this;
    }

    public GeneratorConfigBuilder duplicateFraction(double v) {
        duplicateFraction = v;
        return this;
    }

    public GeneratorConfigBuilder malformedFraction(double v) {
        malformedFraction = v;
        return this;
    }

    public GeneratorConfigBuilder zipf(double v) {
        zipf = v;
        return this;
    }

    public GeneratorConfigBuilder hotUserShare(double v) {
        hotUserShare = v;
        return this;
    }

    public GeneratorConfigBuilder outOfOrderBound(Duration v) {
        outOfOrderBound = v;
        return this;
    }

    public GeneratorConfigBuilder lateDelayMin(Duration v) {
        lateDelayMin = v;
        return this;
    }

    public GeneratorConfigBuilder lateDelayMax(Duration v) {
        lateDelayMax = v;
        return this;
    }

    public GeneratorConfigBuilder partitions(int v) {
        partitions = v;
        return this;
    }

    /** Validates and builds; throws {@link IllegalArgumentException} with a fix-it message. */
    public GeneratorConfig build() {
        return new GeneratorConfig(
                events,
                seed,
                users,
                items,
                start,
                days,
                lateFraction,
                duplicateFraction,
                malformedFraction,
                zipf,
                hotUserShare,
                outOfOrderBound,
                lateDelayMin,
                lateDelayMax,
                partitions,
                drift);
    }
}
