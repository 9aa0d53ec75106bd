package dev.gatewaydoctor.http;

import io.javalin.config.JavalinConfig;
import java.util.List;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.QoSHandler;
import org.eclipse.jetty.util.component.LifeCycle;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The Jetty-level defences, installed once through Javalin's hooks: a cap on open connections, the
 * idle timeout and the deadline for a request head on every connector, bodies collected whole without
 * a thread under each route's bound ({@link BodyFirst}, {@link BodyLimits}), turns for the working
 * routes, security headers on every response and JSON for Jetty's own errors.
 */
public final class ServerGuard {

    private ServerGuard() {}

    public static void install(JavalinConfig config, ServerLimits limits, BodyLimits bodies, List<String> imageHosts) {
        QueuedThreadPool threads = new QueuedThreadPool(limits.threads(), Math.min(8, limits.threads()));
        threads.setName("http");
        config.jetty.threadPool = threads;
        config.jetty.modifyServer(server -> {
            server.setErrorHandler(new JsonErrorHandler());
            // insertHandler puts each new one outermost: the order below is inside-out.
            server.insertHandler(workingTurns(limits));
            server.insertHandler(cheapTurns(limits));
            server.insertHandler(new BodyFirst(limits, bodies));
            server.insertHandler(new SecurityHeaders(imageHosts));
            server.addBean(new NetworkConnectionLimit(limits.maxConnections(), server));
            server.addEventListener(new LifeCycle.Listener() {
                @Override
                public void lifeCycleStarting(LifeCycle event) {
                    configureConnectors((Server) event, limits);
                }
            });
        });
        // Jetty's servlet layer has an error handler of its own (bad URIs are refused there).
        config.jetty.modifyServletContextHandler(context -> context.setErrorHandler(new JsonErrorHandler()));
    }

    /**
     * The working routes take turns: at most {@code activeRequests} at once, the others suspended
     * (holding no thread) in arrival order, so that under a burst the CPU goes to a few requests at
     * a time and cheap routes are not queued behind hundreds of matches.
     */
    private static QoSHandler workingTurns(ServerLimits limits) {
        return turns(limits, ServerGuard::isWorking);
    }

    /**
     * The cheap routes (the KB's reads, the widget's files, the admin pages) take turns of their
     * own, apart from the matches': each is quick, but hundreds at once are hundreds of runnable
     * threads, and a probe's thread then waits its slice behind all of them (in the soak, /health
     * took 100-300 ms while the KB reads and widget files ran unbounded next to the matches' turns).
     * The probes (/health, /ready, /metrics) never wait for a turn.
     */
    private static QoSHandler cheapTurns(ServerLimits limits) {
        return turns(limits, path -> !isWorking(path) && !PROBES.contains(path) && !path.equals(OCR));
    }

    private static QoSHandler turns(ServerLimits limits, java.util.function.Predicate<String> paths) {
        QoSHandler qos = new QoSHandler();
        qos.include(request -> paths.test(org.eclipse.jetty.server.Request.getPathInContext(request)));
        qos.setMaxRequestCount(limits.activeRequests());
        qos.setMaxSuspendedRequestCount(limits.maxConnections());
        qos.setMaxSuspend(ServerLimits.MAX_WAIT);
        qos.setRejectStatusCode(503);
        return qos;
    }

    private static final java.util.Set<String> PROBES = java.util.Set.of("/health", "/ready", "/metrics");
    private static final String OCR = "/api/ocr";

    /**
     * The routes whose work is the CPU's: matches, chats, tickets, Slack. The KB routes are cheap
     * reads; OCR has its own bounded queue, and a Tesseract run (seconds, off this CPU) must not
     * hold a turn the matches need.
     */
    static boolean isWorking(String path) {
        boolean api = path.startsWith("/api/") || path.startsWith("/slack/");
        boolean kb = path.equals("/api/kb") || path.startsWith("/api/kb/");
        return api && !kb && !path.equals(OCR);
    }

    /** Connections the kernel may hold before they are accepted (capped by net.core.somaxconn). */
    static final int ACCEPT_QUEUE = 1024;

    /** Connectors exist only once Javalin starts the server, so they are set up as it starts. */
    private static void configureConnectors(Server server, ServerLimits limits) {
        for (Connector connector : server.getConnectors()) {
            if (connector instanceof org.eclipse.jetty.server.ServerConnector sc) {
                // The kernel's queue of connections not yet accepted. Jetty leaves it at Java's
                // default of 50: under a burst of new connections (clients reconnecting after the
                // body-rate cut, a load balancer's health checks) the kernel then drops SYNs and a
                // client, /health probes included, waits a full second to retry (measured in the soak).
                sc.setAcceptQueueSize(ACCEPT_QUEUE);
            }
            if (connector instanceof AbstractConnector c) {
                c.setIdleTimeout(limits.idleTimeout().toMillis());
                HttpConnectionFactory http = c.getConnectionFactory(HttpConnectionFactory.class);
                if (http != null) {
                    // Jetty builds a header-field cache for each connection at its second request: a
                    // trie of tens of KB, which under 512 kept-alive connections plus clients that
                    // reconnect was most of the allocation and of the live heap (measured with JFR),
                    // to save a few strings per request. Without it, heads are parsed as they come.
                    http.getHttpConfiguration().setHeaderCacheSize(0);
                }
                c.addEventListener(new HeaderDeadline(c.getScheduler(), limits.headerDeadline()));
            }
        }
    }
}
