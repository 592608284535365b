package io.lakestream.connectors.testing;

/**
 * Whether the long variants of the reliability suite run: {@code mvn verify -Preliability-long}
 * sets the system property {@code lakestream.reliability.long}. The default build runs every fault
 * once, at a size that keeps CI short; the long variants repeat them at scale.
 */
public final class LongVariants {

    private LongVariants() {}

    /** True under the {@code reliability-long} Maven profile. */
    public static boolean enabled() {
        return Boolean.getBoolean("lakestream.reliability.long");
    }

    /** {@code shortValue} in the default build, {@code longValue} under the long profile. */
    public static int pick(int shortValue, int longValue) {
        return enabled() ? longValue : shortValue;
    }
}
