package dev.jplay.modules.podman;

import dev.jplay.engine.spi.ModuleFailure;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One published port as podman stores it: {@code [ip:][hostPort:]containerPort[/proto]}. An empty
 * host port means "any free port"; an empty (or 0.0.0.0) IP means all addresses.
 */
public record PortMapping(String hostIp, String hostPort, String containerPort, String protocol) {

    /** Parses one {@code publish} entry; ranges ({@code 8000-8002:80-82}) become one mapping per port. */
    public static List<PortMapping> parse(String spec) throws ModuleFailure {
        String s = spec.strip();
        String proto = "tcp";
        int slash = s.lastIndexOf('/');
        if (slash >= 0) {
            proto = s.substring(slash + 1).toLowerCase();
            s = s.substring(0, slash);
        }
        String ip = "";
        String host = "";
        String ctr;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                throw bad(spec);
            }
            ip = s.substring(1, close);
            s = s.substring(close + 1);
            if (s.startsWith(":")) {
                s = s.substring(1);
            }
            String[] p = s.split(":", -1);
            if (p.length == 1) {
                ctr = p[0];
            } else if (p.length == 2) {
                host = p[0];
                ctr = p[1];
            } else {
                throw bad(spec);
            }
        } else {
            String[] p = s.split(":", -1);
            switch (p.length) {
                case 1 -> ctr = p[0];
                case 2 -> {
                    host = p[0];
                    ctr = p[1];
                }
                case 3 -> {
                    ip = p[0];
                    host = p[1];
                    ctr = p[2];
                }
                default -> throw bad(spec);
            }
        }
        List<String> ctrPorts = expand(ctr, spec);
        List<String> hostPorts = host.isEmpty() ? null : expand(host, spec);
        if (hostPorts != null && hostPorts.size() != ctrPorts.size()) {
            throw new ModuleFailure("publish '" + spec + "': host and container port ranges differ in length");
        }
        List<PortMapping> out = new ArrayList<>();
        for (int i = 0; i < ctrPorts.size(); i++) {
            out.add(new PortMapping(normalizeIp(ip), hostPorts == null ? "" : hostPorts.get(i), ctrPorts.get(i), proto));
        }
        return out;
    }

    public static Set<PortMapping> parseAll(List<String> specs) throws ModuleFailure {
        Set<PortMapping> out = new LinkedHashSet<>();
        for (String s : specs) {
            out.addAll(parse(s));
        }
        return out;
    }

    /** The mappings of a container, from inspect's {@code HostConfig.PortBindings}. */
    public static Set<PortMapping> fromInspect(Map<String, Object> portBindings) {
        Set<PortMapping> out = new LinkedHashSet<>();
        portBindings.forEach((key, value) -> {
            String[] kp = key.split("/", 2);
            String proto = kp.length > 1 ? kp[1] : "tcp";
            if (value instanceof List<?> l) {
                for (Object o : l) {
                    if (o instanceof Map<?, ?> b) {
                        out.add(new PortMapping(normalizeIp(String.valueOf(b.get("HostIp") == null ? "" : b.get("HostIp"))),
                                String.valueOf(b.get("HostPort") == null ? "" : b.get("HostPort")), kp[0], proto));
                    }
                }
            }
        });
        return out;
    }

    /** A wanted mapping without host port matches any host port. */
    public boolean matches(PortMapping actual) {
        return hostIp.equals(actual.hostIp) && containerPort.equals(actual.containerPort) && protocol.equals(actual.protocol)
                && (hostPort.isEmpty() || hostPort.equals(actual.hostPort));
    }

    @Override
    public String toString() {
        String ip = hostIp.isEmpty() ? "" : (hostIp.contains(":") ? "[" + hostIp + "]" : hostIp) + ":";
        return ip + (hostPort.isEmpty() ? (ip.isEmpty() ? "" : ":") : hostPort + ":") + containerPort + "/" + protocol;
    }

    private static String normalizeIp(String ip) {
        return ip.equals("0.0.0.0") ? "" : ip;
    }

    private static List<String> expand(String range, String spec) throws ModuleFailure {
        String[] p = range.split("-", -1);
        try {
            int lo = Integer.parseInt(p[0]);
            int hi = p.length == 2 ? Integer.parseInt(p[1]) : lo;
            if (p.length > 2 || hi < lo || lo < 0 || hi > 65535) {
                throw bad(spec);
            }
            List<String> out = new ArrayList<>();
            for (int i = lo; i <= hi; i++) {
                out.add(Integer.toString(i));
            }
            return out;
        } catch (NumberFormatException e) {
            throw bad(spec);
        }
    }

    private static ModuleFailure bad(String spec) {
        return new ModuleFailure("publish '" + spec + "' is not [ip:][hostPort:]containerPort[/protocol], e.g. 127.0.0.1:8080:80");
    }
}
