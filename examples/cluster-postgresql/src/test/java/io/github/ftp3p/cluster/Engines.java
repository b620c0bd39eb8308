package io.github.ftp3p.cluster;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Skips a test whose engine (PostgreSQL 15, vsftpd) is not installed here, with the reason. Under CI
 * ({@code CI=true}), where .ci/install-ftp-servers installs them, a missing one is an error instead, as for the
 * interop tests: a green CI must not hide a missing install step.
 */
final class Engines {

    private Engines() {
    }

    /** @param missing why the engine cannot run here, or null when it can */
    static void require(String missing) {
        if (missing != null && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("CI must run the cluster-postgresql tests, but " + missing);
        }
        assumeTrue(missing == null, missing);
    }
}
