package io.lakestream.deploy.generate;

/**
 * Zipf(s) over ranks {@code 0..n-1} (rank 0 most popular) by inverse transform on a precomputed
 * CDF: one binary search per sample, no allocation, so item popularity costs little per event.
 */
final class ZipfSampler {
    private final double[] cdf;

    ZipfSampler(int n, double s) {
        cdf = new double[n];
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += Math.pow(k + 1, -s);
            cdf[k] = sum;
        }
        for (int k = 0; k < n; k++) {
            cdf[k] /= sum;
        }
        cdf[n - 1] = 1.0;
    }

    /** The rank whose CDF interval contains {@code u}, for {@code u} uniform in [0, 1). */
    int sample(double u) {
        int lo = 0;
        int hi = cdf.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cdf[mid] > u) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
