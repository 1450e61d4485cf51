package dev.jplay.modules.podman;

/**
 * Options (and aliases) of the containers.podman collection's modules (1.x) that jplay's modules of the same
 * name do not implement. A task that sets one is refused at load, naming it, rather than run without it
 * (a container without its cap_drop or memory limit would be a silent surprise).
 */
final class CollectionOptions {
    private CollectionOptions() {
    }

    static final String[] CONTAINER = {
            "annotation", "arch", "attach", "authfile", "blkio_weight", "blkio_weight_device", "cap_add", "capabilities",
            "cap_drop", "cert_dir", "cgroup_parent", "cgroup_conf", "cgroupns", "cgroups", "chrootdirs", "cidfile",
            "cmd_args", "conmon_pidfile", "cpu_period", "cpu_quota", "cpu_rt_period", "cpu_rt_runtime", "cpu_shares",
            "cpus", "cpuset_cpus", "cpuset_mems", "creds", "decryption_key", "delete_depend", "delete_time",
            "delete_volumes", "detach", "debug", "detach_keys", "device", "device_cgroup_rule", "device_read_bps",
            "device_read_iops", "device_write_bps", "device_write_iops", "dns", "dns_servers", "dns_option", "dns_opts",
            "dns_search", "dns_search_domains", "env_host", "env_merge", "etc_hosts", "add_hosts", "expose", "exposed",
            "exposed_ports", "force_delete", "gidmap", "gpus", "group_add", "groups", "group_entry", "healthcheck",
            "health_cmd", "healthcheck_interval", "health_interval", "healthcheck_retries", "health_retries",
            "healthcheck_start_period", "health_start_period", "health_log_destination", "health_max_log_count",
            "health_max_log_size", "health_startup_cmd", "health_startup_interval", "health_startup_retries",
            "health_startup_success", "health_startup_timeout", "healthcheck_timeout", "health_timeout",
            "healthcheck_failure_action", "health_on_failure", "hooks_dir", "hostname", "hosts_file", "hostuser",
            "http_proxy", "image_volume", "init", "init_ctr", "init_path", "interactive", "ip", "ip6", "ipc", "ipc_mode",
            "kernel_memory", "label_file", "link_local_ip", "log_driver", "log_level", "log_opt", "log_options",
            "mac_address", "memory", "memory_reservation", "memory_swap", "memory_swappiness", "mount", "mounts",
            "network_aliases", "network_alias", "no_healthcheck", "no_hostname", "no_hosts", "oom_kill_disable",
            "oom_score_adj", "os", "passwd", "passwd_entry", "personality", "pid", "pid_mode", "pid_file", "pids_limit",
            "platform", "pod_id_file", "preserve_fd", "preserve_fds", "privileged", "publish_all", "pull", "rdt_class",
            "read_only", "read_only_tmpfs", "requires", "restart_time", "retry", "retry_delay", "rm", "remove",
            "auto_remove", "rmi", "rootfs", "sdnotify", "secrets", "seccomp_policy", "security_opt", "shm_size",
            "shm_size_systemd", "sig_proxy", "stop_signal", "stop_time", "stop_timeout", "subgidname", "subuidname",
            "sysctl", "systemd", "timeout", "timezone", "tls_verify", "tmpfs", "tty", "uidmap", "ulimit", "ulimits",
            "umask", "unsetenv", "unsetenv_all", "userns", "userns_mode", "uts", "variant", "volumes_from"
    };

    static final String[] IMAGE = {
            "arch", "platform", "ca_cert_dir", "pull_extra_args", "pull_policy", "retry", "retry_delay", "password",
            "username", "quadlet_dir", "quadlet_filename", "quadlet_file_mode", "quadlet_options"
    };

    static final String[] POD = {
            "add_host", "blkio_weight", "blkio_weight_device", "cgroup_parent", "cpus", "cpuset_cpus", "cpuset_mems",
            "cpu_shares", "device", "device_read_bps", "device_write_bps", "dns", "dns_opt", "dns_option", "dns_search",
            "exit_policy", "generate_systemd", "gidmap", "gpus", "hosts_file", "infra_conmon_pidfile", "infra_command",
            "ip", "ip6", "label_file", "mac_address", "memory", "memory_swap", "network_alias", "network_aliases",
            "no_hostname", "no_hosts", "pid", "pod_id_file", "restart_policy", "security_opt", "share_parent",
            "shm_size", "shm_size_systemd", "subgidname", "subuidname", "sysctl", "uidmap", "userns", "uts",
            "volumes_from", "debug"
    };

    static final String[] NETWORK = {
            "dns", "interface_name", "ip_range", "ipam_driver", "ipv6", "route", "macvlan", "net_config", "opt", "debug"
    };

    static final String[] QUADLET = {
            "force", "all", "cmd_args", "debug"
    };
}
