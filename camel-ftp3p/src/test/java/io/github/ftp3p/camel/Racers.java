package io.github.ftp3p.camel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import io.github.ftp3p.protocol.ConcurrentTransferException;
import io.github.ftp3p.protocol.FtpReplyException;
import io.github.ftp3p.protocol.Side;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Two exchanges for the same file at the same moment, as two routes or two nodes would send them. */
public final class Racers {

    private Racers() {
    }

    /** Sends two exchanges to {@code uri} released together, each with its own (random) attempt. */
    public static List<Exchange> race(CamelContext camel, String uri, Processor setUp) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        List<CompletableFuture<Exchange>> running = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            var template = camel.createProducerTemplate();
            running.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return template.request(uri, setUp);
            }));
        }
        List<Exchange> results = new ArrayList<>();
        for (CompletableFuture<Exchange> exchange : running) {
            results.add(exchange.get());
        }
        return results;
    }

    /**
     * The loser says what happened: another transfer created or replaced the final name, or took the source while
     * it was being read or before it could be deleted; or the source was already gone at the first look (SIZE 550).
     */
    public static void assertLostTheRace(Exception failure) {
        assertThat(failure).isInstanceOf(Ftp3pOperationFailedException.class);
        Throwable cause = failure.getCause();
        if (cause instanceof ConcurrentTransferException) {
            assertThat(cause.getMessage()).contains("another transfer");
            return;
        }
        assertThat(cause).as(failure.getMessage()).isInstanceOf(FtpReplyException.class);
        FtpReplyException refused = (FtpReplyException) cause;
        assertThat(refused.side()).as(failure.getMessage()).isEqualTo(Side.SOURCE);
        assertThat(refused.replyCode()).as(failure.getMessage()).isEqualTo(550);
        assertThat(refused.command().verb()).as(failure.getMessage()).isEqualTo("SIZE");
    }
}
