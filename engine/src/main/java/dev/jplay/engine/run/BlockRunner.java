package dev.jplay.engine.run;

import dev.jplay.engine.playbook.TaskNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * block/rescue/always: the hosts that failed in the block run the rescue (counted as rescued, with
 * ansible_failed_task and ansible_failed_result to read); every host runs always, and a host that
 * failed without rescue stays failed after it.
 */
final class BlockRunner {
    /** Runs a list of nodes on the hosts that are still active. */
    @FunctionalInterface
    interface Nodes {
        void run(List<TaskNode> nodes, List<HostState> hosts, VarsAssembler.PlayVars pv);
    }

    private final RunStats stats;

    BlockRunner(RunStats stats) {
        this.stats = stats;
    }

    void run(TaskNode.Block b, List<HostState> hosts, VarsAssembler.PlayVars pv, Nodes nodes) {
        nodes.run(b.block(), hosts, pv);
        List<HostState> failed = hosts.stream().filter(h -> h.status == HostState.Status.FAILED).toList();
        if (!b.rescue().isEmpty() && !failed.isEmpty()) {
            for (HostState h : failed) {
                h.status = HostState.Status.ACTIVE;
                stats.rescued(h.name);
                exposeFailure(h);
            }
            nodes.run(b.rescue(), failed, pv);
        }
        if (!b.always().isEmpty()) {
            List<HostState> stillFailed = hosts.stream().filter(h -> h.status == HostState.Status.FAILED).toList();
            stillFailed.forEach(h -> h.status = HostState.Status.ACTIVE);
            nodes.run(b.always(), hosts, pv);
            stillFailed.stream().filter(HostState::active).forEach(h -> h.status = HostState.Status.FAILED);
        }
    }

    /** Ansible's ansible_failed_task and ansible_failed_result, for the rescue (and what follows) to read. */
    private static void exposeFailure(HostState h) {
        HostState.Failure f = h.lastFailure;
        if (f == null) {
            return;
        }
        Map<String, Object> task = new LinkedHashMap<>();
        task.put("name", f.task().name() == null ? "" : f.task().name());
        task.put("action", f.task().module());
        task.put("args", f.task().args());
        task.put("tags", new ArrayList<>(f.task().keywords().tags()));
        task.put("when", f.task().keywords().when());
        task.put("location", f.task().location().toString());
        synchronized (h) {
            h.runtimeVars.put("ansible_failed_task", task);
            h.runtimeVars.put("ansible_failed_result", f.result().asRegistered());
        }
    }
}
