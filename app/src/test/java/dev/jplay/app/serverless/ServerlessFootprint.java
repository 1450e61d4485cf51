package dev.jplay.app.serverless;

import dev.jplay.engine.testhosts.NspawnHost;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Everything the serverless playbooks can leave on a host, read over SSH (OpenSSH, not jplay): what reset.yml
 * must take back. Two footprints are equal when the host is in the same state in every respect listed.
 *
 * @param system as root: lingering users, registries.conf.d, registry files and service, build folder,
 *               listening TCP sockets, the registration
 * @param user   as the service user: its unit files, Quadlet files, images, containers, units of the apps
 */
record ServerlessFootprint(String system, String user) {

    private static final String SYSTEM_SCRIPT = String.join("\n",
            "echo \"linger: $(ls /var/lib/systemd/linger | tr '\\n' ' ')\"",
            "echo \"registries.conf.d: $(ls /etc/containers/registries.conf.d | tr '\\n' ' ')\"",
            "for p in /var/lib/container-registry /etc/container-registry /etc/systemd/system/container-registry.service "
                    + "/var/lib/jplay-build; do [ -e \"$p\" ] && echo \"exists: $p\"; done",
            "echo \"container-registry.service: $(systemctl is-active container-registry.service)"
                    + " $(systemctl is-enabled container-registry.service 2>&1)\"",
            "echo \"listening: $(ss -ltnH | awk '{print $4}' | sort | tr '\\n' ' ')\"",
            "subscription-manager identity >/dev/null 2>&1; echo \"registered: rc $?\"",
            "true");

    private static final String USER_SCRIPT = String.join("\n",
            "echo \"unit files: $(ls -A ~/.config/systemd/user 2>/dev/null | tr '\\n' ' ')\"",
            "echo \"quadlet files: $(ls -A ~/.config/containers/systemd 2>/dev/null | tr '\\n' ' ')\"",
            "echo \"images: $(podman images --all --format '{{.Repository}}:{{.Tag}}' | sort | tr '\\n' ' ')\"",
            "echo \"containers: $(podman ps --all --format '{{.Names}}' | sort | tr '\\n' ' ')\"",
            "echo \"units: $(systemctl --user list-units --all --plain --no-legend 'container-*' 'httpd*' 'notes*' "
                    + "| awk '{print $1}' | sort | tr '\\n' ' ')\"",
            "true");

    static ServerlessFootprint of(NspawnHost host) {
        return new ServerlessFootprint(run(host, "root", SYSTEM_SCRIPT), run(host, host.user(), USER_SCRIPT));
    }

    private static String run(NspawnHost host, String login, String script) {
        NspawnHost.RemoteResult r = host.run(login, script);
        assertTrue(r.succeeded(), r::describe);
        return r.out();
    }

    @Override
    public String toString() {
        return system + "\n" + user;
    }
}
