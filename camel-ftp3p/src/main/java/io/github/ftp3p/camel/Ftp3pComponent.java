package io.github.ftp3p.camel;

import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.PropertyConfigurer;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.util.concurrent.SizedScheduledExecutorService;

/** The ftp3p component: server-to-server FTP transfers. Its configuration is the default of every endpoint. */
@Component("ftp3p")
public class Ftp3pComponent extends DefaultComponent {

    /** How long a shared thread may idle before it ends: an idle endpoint holds no thread. */
    private static final long THREAD_KEEP_ALIVE_SECONDS = 10;

    @Metadata
    private Ftp3pConfiguration configuration = new Ftp3pConfiguration();
    private ExecutorService replies;
    private ScheduledExecutorService progress;
    /** The same scheduler as Camel's ExecutorServiceManager made it (and shuts it down). */
    private ScheduledExecutorService progressManaged;
    private ExecutorService closer;

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        Ftp3pEndpoint endpoint = new Ftp3pEndpoint(uri, this, configuration.copy());
        endpoint.setOperation(remaining);
        setProperties(endpoint, parameters);
        endpoint.validate();
        return endpoint;
    }

    @Override
    public PropertyConfigurer getComponentPropertyConfigurer() {
        return StrictDurationConfigurer.around(super.getComponentPropertyConfigurer());
    }

    @Override
    public PropertyConfigurer getEndpointPropertyConfigurer() {
        return StrictDurationConfigurer.around(super.getEndpointPropertyConfigurer());
    }

    /**
     * The threads that read each side's replies during a transfer, shared by every endpoint of this component: a
     * cached pool whose idle threads end, so that the threads follow the transfers in flight, not the number of
     * endpoints (400 endpoints used to keep 1,200 threads).
     */
    synchronized ExecutorService replies() {
        if (replies == null) {
            replies = getCamelContext().getExecutorServiceManager().newCachedThreadPool(this, "ftp3p-replies");
            idleThreadsEnd(replies);
        }
        return replies;
    }

    /**
     * The scheduler of every endpoint's progress polls, stall watchdogs and looks for idle pooled connections, its one
     * thread ending when idle. Camel wraps its scheduled pools in a SizedScheduledExecutorService, which refuses a
     * task once 1,000 wait (its default queue limit): with a pending idle look per pool, 500 busy endpoints would
     * reach it, so the endpoints get the ScheduledThreadPoolExecutor inside; Camel still shuts it down.
     */
    synchronized ScheduledExecutorService progress() {
        if (progress == null) {
            ScheduledExecutorService managed = getCamelContext().getExecutorServiceManager()
                    .newScheduledThreadPool(this, "ftp3p-progress", 1);
            progressManaged = managed;
            progress = managed instanceof SizedScheduledExecutorService sized ? sized.getScheduledThreadPoolExecutor()
                    : managed;
            idleThreadsEnd(progress);
            if (progress instanceof ScheduledThreadPoolExecutor scheduler) {
                // A cancelled watchdog or idle look leaves the queue at once: left there until its delay (the stall
                // timeout, idleTimeout), it would keep the thread alive after the last transfer. On shutdown the
                // delayed tasks are dropped, so that the thread ends with the component.
                scheduler.setRemoveOnCancelPolicy(true);
                scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
            }
        }
        return progress;
    }

    /**
     * The thread that says QUIT on the pooled connections idle past idleTimeout, for every endpoint: one, so that
     * a thousand endpoints going idle together do not start a thread each; it ends when idle.
     */
    synchronized ExecutorService closer() {
        if (closer == null) {
            closer = getCamelContext().getExecutorServiceManager().newSingleThreadExecutor(this, "ftp3p-idle-quit");
            idleThreadsEnd(closer);
        }
        return closer;
    }

    /**
     * Camel's pools keep an idle thread 60 s, and a scheduled pool's core thread for ever; its ExecutorServiceManager
     * takes no keep-alive for a cached pool, so it is set here.
     */
    private static void idleThreadsEnd(ExecutorService executor) {
        if (executor instanceof ThreadPoolExecutor pool) {
            pool.setKeepAliveTime(THREAD_KEEP_ALIVE_SECONDS, TimeUnit.SECONDS);
            pool.allowCoreThreadTimeOut(true);
        }
    }

    @Override
    protected synchronized void doStop() throws Exception {
        for (ExecutorService shared : new ExecutorService[] { replies, progressManaged, closer }) {
            if (shared != null) {
                getCamelContext().getExecutorServiceManager().shutdown(shared);
            }
        }
        replies = null;
        progress = null;
        progressManaged = null;
        closer = null;
        super.doStop();
    }

    public Ftp3pConfiguration getConfiguration() {
        return configuration;
    }

    /** The defaults of every endpoint's options. */
    public void setConfiguration(Ftp3pConfiguration configuration) {
        this.configuration = configuration;
    }
}
