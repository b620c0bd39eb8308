package io.github.ftp3p.bench;

/**
 * The settings of the partners scenario ({@link PartnersScenario}), from system properties: {@code bench.partners}
 * (endpoints, one per partner: 1,000), {@code bench.partnersIdleTimeout} (their idleTimeout: 2,000 ms),
 * {@code bench.partnersIdle} (the idle period after the copies: 15,000 ms, longer than idleTimeout, its eviction
 * period and the 10 s the component's idle threads live) and {@code bench.partnersParallel} (copies at once: 8).
 */
record PartnersConfig(int endpoints, long idleTimeout, long idleMillis, int parallel) {

    static PartnersConfig fromSystemProperties() {
        return new PartnersConfig(Math.max(1, Integer.getInteger("bench.partners", 1000)),
                Long.getLong("bench.partnersIdleTimeout", 2000), Long.getLong("bench.partnersIdle", 15_000),
                Math.max(1, Integer.getInteger("bench.partnersParallel", 8)));
    }
}
