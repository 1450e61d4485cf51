package dev.jplay.engine.run;

import dev.jplay.engine.playbook.TaskNode;

import java.util.List;

/** How a play's tasks are walked on its hosts: Ansible's strategy plugin (jplay has linear). */
interface Strategy {
    /** Runs {@code nodes} on those of {@code hosts} that are still active; failures change the hosts' status. */
    void run(List<TaskNode> nodes, List<HostState> hosts, VarsAssembler.PlayVars pv);
}
