package dev.jplay.engine.run;

import java.util.LinkedHashMap;
import java.util.Map;

/** Per-host counters for the PLAY RECAP, counted as Ansible does (ok includes changed). */
public final class RunStats {

    /** One host's line of the recap. */
    public record HostStats(int ok, int changed, int unreachable, int failed, int skipped, int rescued, int ignored) {
        HostStats plus(HostStats o) {
            return new HostStats(ok + o.ok, changed + o.changed, unreachable + o.unreachable, failed + o.failed, skipped + o.skipped,
                    rescued + o.rescued, ignored + o.ignored);
        }
    }

    private final Map<String, HostStats> hosts = new LinkedHashMap<>();
    private boolean interrupted;

    public synchronized void add(String host, HostStats delta) {
        hosts.merge(host, delta, HostStats::plus);
    }

    public synchronized void record(TaskOutcome o) {
        switch (o.status()) {
            case OK -> add(o.host(), new HostStats(1, 0, 0, 0, 0, 0, o.ignored() ? 1 : 0));
            case CHANGED -> add(o.host(), new HostStats(1, 1, 0, 0, 0, 0, 0));
            case SKIPPED -> add(o.host(), new HostStats(0, 0, 0, 0, 1, 0, 0));
            // as in Ansible, an ignored failure counts as ok and ignored, and as changed when its result changed
            case FAILED -> add(o.host(), o.ignored()
                    ? new HostStats(1, o.countsAsChanged() ? 1 : 0, 0, 0, 0, 0, 1)
                    : new HostStats(0, 0, 0, 1, 0, 0, 0));
            case UNREACHABLE -> add(o.host(), new HostStats(0, 0, 1, 0, 0, 0, 0));
        }
    }

    public synchronized void rescued(String host) {
        // the failure that was rescued no longer counts as failed
        add(host, new HostStats(0, 0, 0, -1, 0, 1, 0));
    }

    /** An include_tasks file included for the host: Ansible counts it as ok. */
    public synchronized void included(String host) {
        add(host, new HostStats(1, 0, 0, 0, 0, 0, 0));
    }

    public synchronized void touch(String host) {
        hosts.putIfAbsent(host, new HostStats(0, 0, 0, 0, 0, 0, 0));
    }

    public synchronized Map<String, HostStats> hosts() {
        return new LinkedHashMap<>(hosts);
    }

    public synchronized boolean anyFailed() {
        return hosts.values().stream().anyMatch(h -> h.failed() > 0);
    }

    public synchronized boolean anyUnreachable() {
        return hosts.values().stream().anyMatch(h -> h.unreachable() > 0);
    }

    public synchronized void markInterrupted() {
        interrupted = true;
    }

    public synchronized boolean interrupted() {
        return interrupted;
    }
}
