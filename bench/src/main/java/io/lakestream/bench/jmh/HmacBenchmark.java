package io.lakestream.bench.jmh;

import io.lakestream.deploy.generate.GeneratedRecord;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The primitive of pseudonymisation (issue 6): HMAC-SHA256 of a user id under that user's own key.
 * Two ways to hold the keys: a {@code Mac} initialised per event with the user's key, or one
 * already initialised {@code Mac} cached per user; the difference decides the cache design.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class HmacBenchmark {

    private byte[][] userIds;
    private SecretKeySpec[] keys;
    private Mac[] initialised;
    private Mac shared;
    private int i;

    @Setup
    public void setUp() throws GeneralSecurityException {
        List<GeneratedRecord> valid = GeneratedPayloads.valid();
        userIds = new byte[valid.size()][];
        keys = new SecretKeySpec[valid.size()];
        initialised = new Mac[valid.size()];
        java.util.Random random = new java.util.Random(7);
        for (int n = 0; n < userIds.length; n++) {
            userIds[n] = valid.get(n).event().userId().getBytes(StandardCharsets.UTF_8);
            byte[] key = new byte[32];
            random.nextBytes(key);
            keys[n] = new SecretKeySpec(key, "HmacSHA256");
            initialised[n] = Mac.getInstance("HmacSHA256");
            initialised[n].init(keys[n]);
        }
        shared = Mac.getInstance("HmacSHA256");
    }

    @Benchmark
    public byte[] initPerEvent() throws GeneralSecurityException {
        int n = i++ & GeneratedPayloads.MASK;
        shared.init(keys[n]);
        return shared.doFinal(userIds[n]);
    }

    @Benchmark
    public byte[] cachedMacPerUser() {
        int n = i++ & GeneratedPayloads.MASK;
        return initialised[n].doFinal(userIds[n]);
    }
}
