package io.github.ftp3p.camel;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

import io.github.ftp3p.protocol.FtpTransferException;
import io.github.ftp3p.protocol.Side;
import io.github.ftp3p.transfer.TransferRecorder;
import io.github.ftp3p.transfer.TransferResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import org.apache.camel.spi.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One endpoint's Micrometer meters, named and tagged as camel-micrometer's own ({@code camel.*}, tags
 * {@code camelContext}, {@code kind}, {@code endpointName}): docs/ftp3p-component.adoc, "Metrics". They count what
 * the endpoint's JMX attributes count, from the same calls ({@link TransferRecorder}, the pools' gauges). Loaded
 * only when micrometer-core, an optional dependency, is on the classpath ({@link Ftp3pEndpoint}).
 */
final class TransferMeters implements TransferRecorder, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TransferMeters.class);

    static final String TRANSFERS = "camel.ftp3p.transfers";
    static final String BYTES = "camel.ftp3p.bytes";
    static final String DURATION = "camel.ftp3p.transfer.duration";
    static final String CONNECTIONS_ACTIVE = "camel.ftp3p.connections.active";
    static final String CONNECTIONS_IDLE = "camel.ftp3p.connections.idle";
    /** camel-micrometer's MicrometerConstants.METRICS_REGISTRY_NAME: the registry it looks up first. */
    static final String REGISTRY_NAME = "metricsRegistry";
    /**
     * The side and reason of a transfer that did not fail: every series of one name has the same tag keys, as
     * Prometheus requires.
     */
    private static final String NONE = "none";

    private final MeterRegistry registry;
    private final Tags tags;
    private final Counter completed;
    private final Counter skipped;
    private final Counter bytes;
    private final Timer duration;
    private final Set<Meter> meters = ConcurrentHashMap.newKeySet();

    private TransferMeters(MeterRegistry registry, Ftp3pEndpoint endpoint) {
        this.registry = registry;
        this.tags = Tags.of("camelContext", endpoint.getCamelContext().getName(), "kind", "CamelFtp3p",
                "endpointName", Ftp3pHealthCheck.id(endpoint.getEndpointUri()));
        completed = transfers("completed", NONE, NONE);
        skipped = transfers("skipped", NONE, NONE);
        bytes = register(Counter.builder(BYTES).description("Bytes written on the target").baseUnit(BaseUnits.BYTES)
                .tags(tags).register(registry));
        duration = register(Timer.builder(DURATION).description("From the first command to the last reply of a file "
                + "that was transferred").tags(tags).register(registry));
        for (Side side : Side.values()) {
            gauge(CONNECTIONS_ACTIVE, "Connections lent out now", side, endpoint,
                    side == Side.SOURCE ? Ftp3pEndpoint::getSourceConnectionsActive : Ftp3pEndpoint::getTargetConnectionsActive);
            gauge(CONNECTIONS_IDLE, "Connections idle in the pool", side, endpoint,
                    side == Side.SOURCE ? Ftp3pEndpoint::getSourceConnectionsIdle : Ftp3pEndpoint::getTargetConnectionsIdle);
        }
    }

    /**
     * The endpoint's meters in the registry camel-micrometer would use (the one named metricsRegistry, else the
     * only one), or null when the Camel registry holds none.
     */
    static TransferMeters bind(Ftp3pEndpoint endpoint) {
        MeterRegistry registry = lookup(endpoint.getCamelContext().getRegistry());
        if (registry == null) {
            LOG.debug("No MeterRegistry in the Camel registry: {} has no Micrometer meters", endpoint);
            return null;
        }
        return new TransferMeters(registry, endpoint);
    }

    /** As camel-micrometer's MicrometerUtils: a composite before a single registry, by name before by type. */
    private static MeterRegistry lookup(Registry camel) {
        for (Class<? extends MeterRegistry> type : List.of(CompositeMeterRegistry.class, MeterRegistry.class)) {
            MeterRegistry named = camel.lookupByNameAndType(REGISTRY_NAME, type);
            MeterRegistry found = named != null ? named : camel.findSingleByType(type);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    @Override
    public void completed(TransferResult result, long bytesWritten) {
        if (result.skipped()) {
            skipped.increment();
            return;
        }
        completed.increment();
        bytes.increment(bytesWritten);
        duration.record(result.duration());
    }

    /** Tagged with the failed side and the exception's simple name: a small fixed set, unlike the reply text. */
    @Override
    public void failed(FtpTransferException failure) {
        transfers("failed", failure.side() == null ? NONE : failure.side().label(),
                failure.getClass().getSimpleName()).increment();
    }

    /** Removes this endpoint's meters: a stopped endpoint leaves no series behind, nor a reference to itself. */
    @Override
    public void close() {
        meters.forEach(registry::remove);
        meters.clear();
    }

    private Counter transfers(String outcome, String side, String reason) {
        return register(Counter.builder(TRANSFERS).description("Files transferred, skipped or failed, each counted "
                + "once after any retry").tags(tags).tag("outcome", outcome).tag("side", side).tag("reason", reason)
                .register(registry));
    }

    private void gauge(String name, String description, Side side, Ftp3pEndpoint endpoint,
            ToDoubleFunction<Ftp3pEndpoint> value) {
        register(Gauge.builder(name, endpoint, value).description(description).tags(tags).tag("side", side.label())
                .register(registry));
    }

    private <M extends Meter> M register(M meter) {
        meters.add(meter);
        return meter;
    }
}
