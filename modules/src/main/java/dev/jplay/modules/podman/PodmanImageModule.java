package dev.jplay.modules.podman;

import dev.jplay.engine.connection.ExecResult;
import dev.jplay.engine.connection.ShellQuote;
import dev.jplay.engine.spi.FileAttributes;
import dev.jplay.engine.spi.FileDiff;
import dev.jplay.engine.spi.Module;
import dev.jplay.engine.spi.ModuleArgs;
import dev.jplay.engine.spi.ModuleContext;
import dev.jplay.engine.spi.ModuleFailure;
import dev.jplay.engine.spi.ModuleResult;
import dev.jplay.engine.spi.ModuleSpec;
import dev.jplay.engine.spi.OptionSpec;
import dev.jplay.engine.spi.OptionType;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds, pulls, pushes or removes an image, changing only what differs (containers.podman.podman_image):
 * <ul>
 *   <li>build when the image is missing, {@code force} is set, or the hash of the Containerfile and
 *       the build context differs from the image's label {@code containerfile.hash}; changed only
 *       when the image ID differs afterwards (a forced, cached rebuild is not a change);</li>
 *   <li>pull when the image is missing, or with {@code force}; changed only when the image ID differs;</li>
 *   <li>push only when the registry's tag does not hold this image (its config digest is not the
 *       local image ID; see {@link RegistryProbe}). The podman collection always reports a push as changed.</li>
 * </ul>
 * Steady state costs one round trip; a change costs one more (two when a Containerfile is written).
 */
public final class PodmanImageModule implements Module {
    static final List<String> BUILD_KEYS = List.of("file", "container_file", "format", "cache", "extra_args", "target", "rm",
            "force_rm");
    static final List<String> PUSH_KEYS = List.of("dest", "format", "extra_args");

    @Override
    public ModuleSpec spec() {
        return ModuleSpec.builder("podman_image")
                .describe("Build, pull, push or remove a podman image; idempotent build (Containerfile + context hash) and push "
                        + "(registry digest check).")
                .option(OptionSpec.of("name", OptionType.STR, "image name, e.g. reg:5000/httpd; may carry a tag (reg:5000/httpd:v1)")
                        .asRequired())
                .option(OptionSpec.of("tag", OptionType.STR, "tag, when the name has none").defaultValue("latest"))
                .option(OptionSpec.of("path", OptionType.PATH, "build context on the host; given (or state=build) means build, "
                        + "else pull"))
                .option(OptionSpec.of("containerfile", OptionType.STR, "jplay: Containerfile content, written into the context "
                        + "(to build.file, default PATH/Containerfile) before building; same as build.container_file"))
                .option(OptionSpec.of("build", OptionType.DICT, "build settings: file (Containerfile path, relative to path), "
                        + "container_file (content), format (oci|docker), cache (default true), target, extra_args, rm, force_rm")
                        .aliases("build_args", "buildargs")
                        .suboptions(OptionSpec.of("file", OptionType.STR, "Containerfile path, relative to path"),
                                OptionSpec.of("container_file", OptionType.STR, "Containerfile content"),
                                OptionSpec.of("format", OptionType.STR, "oci or docker"),
                                OptionSpec.of("cache", OptionType.BOOL, "use the build cache (default true)"),
                                OptionSpec.of("extra_args", OptionType.STR, "more podman build arguments"),
                                OptionSpec.of("target", OptionType.STR, "the stage to build"),
                                OptionSpec.of("rm", OptionType.BOOL, "remove intermediate containers"),
                                OptionSpec.of("force_rm", OptionType.BOOL, "remove intermediate containers even on failure")))
                .option(OptionSpec.of("state", OptionType.STR, "present: build or pull when needed; build: like present but "
                        + "requires a build context; absent: remove").defaultValue("present").choices("present", "absent", "build"))
                .option(OptionSpec.of("pull", OptionType.BOOL, "pull a missing image (false: fail instead)").defaultValue(true))
                .option(OptionSpec.of("push", OptionType.BOOL, "push the image after build/pull, when the registry's tag "
                        + "holds another image").defaultValue(false))
                .option(OptionSpec.of("push_args", OptionType.DICT, "push settings: dest (a registry like reg:5000, a repository "
                        + "or a full reference; default: the image's name), format (oci|v2s2), extra_args")
                        .suboptions(OptionSpec.of("dest", OptionType.STR, "where to push"),
                                OptionSpec.of("format", OptionType.STR, "oci or v2s2"),
                                OptionSpec.of("extra_args", OptionType.STR, "more podman push arguments")))
                .option(OptionSpec.of("force", OptionType.BOOL, "rebuild, re-pull (changed only if the image ID changes), "
                        + "or remove an image that containers use").defaultValue(false))
                .option(OptionSpec.of("validate_certs", OptionType.BOOL, "require HTTPS and verify certificates "
                        + "(podman --tls-verify); unset: podman's default and registries.conf").aliases("tlsverify", "tls_verify"))
                .option(OptionSpec.of("auth_file", OptionType.PATH, "registry credentials file (podman --authfile)")
                        .aliases("authfile"))
                .option(PodmanCommand.executableOption())
                .notImplemented("a containers.podman.podman_image option", CollectionOptions.IMAGE)
                .build();
    }

    /** Build settings from {@code build}, checked. */
    record BuildSettings(String file, String format, boolean cache, Boolean rm, boolean forceRm, String target,
                         List<String> extraArgs) {
        static BuildSettings of(SubOptions b) throws ModuleFailure {
            return new BuildSettings(b.string("file"), b.string("format"), b.bool("cache", true),
                    b.values().containsKey("rm") ? b.bool("rm", true) : null, b.bool("force_rm", false), b.string("target"),
                    words(b.string("extra_args")));
        }
    }

    /** Push settings from {@code push_args}, checked. */
    record PushSettings(String dest, String format, List<String> extraArgs) {
        static PushSettings of(SubOptions p) throws ModuleFailure {
            return new PushSettings(p.string("dest"), p.string("format"), words(p.string("extra_args")));
        }
    }

    /** What the task asks for, resolved. */
    record Request(ImageRef ref, String path, boolean build, Optional<String> containerfileContent, String containerfilePath,
                   BuildSettings buildSettings, boolean pull, boolean push, String pushDest, PushSettings pushSettings,
                   boolean force, Boolean tlsVerify, String authFile) {
    }

    @Override
    public ModuleResult run(ModuleContext ctx) throws ModuleFailure {
        ModuleArgs a = ctx.args();
        PodmanCommand podman = PodmanCommand.from(a);
        PodmanOperands.check(a, "name", "tag", "path", PodmanCommand.EXECUTABLE);
        if (a.map("push_args").get("dest") != null) {
            PodmanOperands.checkOne("push_args.dest", String.valueOf(a.map("push_args").get("dest")));
        }
        ImageRef ref = ImageRef.parse(a.requireString("name"), a.string("tag"));
        if ("absent".equals(a.string("state"))) {
            return absent(ctx, podman, ref, a.bool("force"));
        }
        return present(ctx, podman, request(a, ref));
    }

    static Request request(ModuleArgs a, ImageRef ref) throws ModuleFailure {
        SubOptions buildOpts = SubOptions.of("build", a.map("build"), BUILD_KEYS);
        BuildSettings build = BuildSettings.of(buildOpts);
        PushSettings push = PushSettings.of(SubOptions.of("push_args", a.map("push_args"), PUSH_KEYS));
        String path = a.string("path");
        boolean building = path != null || "build".equals(a.string("state"));
        String inline = a.string("containerfile");
        String inline2 = buildOpts.string("container_file");
        if (inline != null && inline2 != null && !inline.equals(inline2)) {
            throw new ModuleFailure("give the Containerfile content once: containerfile or build.container_file, not both");
        }
        Optional<String> content = Optional.ofNullable(inline != null ? inline : inline2);
        if (building && path == null) {
            throw new ModuleFailure("state=build needs path: the build context on the host");
        }
        if (!building && content.isPresent()) {
            throw new ModuleFailure("containerfile is given but no path: set path to the build context it is written into");
        }
        String cfPath = null;
        if (building) {
            String base = stripSlash(path);
            if (build.file() != null) {
                cfPath = build.file().startsWith("/") ? build.file() : base + "/" + build.file();
            } else if (content.isPresent()) {
                cfPath = base + "/Containerfile";
            }
        }
        Object tls = a.raw("validate_certs");
        return new Request(ref, path, building, content, cfPath, build, a.bool("pull"), a.bool("push"),
                ref.pushDestination(push.dest()), push, a.bool("force"), tls instanceof Boolean b ? b : null, a.string("auth_file"));
    }

    private static List<String> words(String extra) throws ModuleFailure {
        return extra == null || extra.isBlank() ? List.of() : ContainerSpec.shellWords(extra);
    }

    // ---- present / build / pull / push ----

    private ModuleResult present(ModuleContext ctx, PodmanCommand podman, Request req) throws ModuleFailure {
        Probe probe = probe(ctx, podman, req);
        Map<String, Object> before = probe.image();
        String idBefore = before == null ? "" : PodmanJson.string(before, "Id");
        List<String> actions = new ArrayList<>();
        ModuleResult.Builder result = ModuleResult.changed(false);

        boolean writeContainerfile = false;
        boolean needBuild = false;
        boolean needPull = false;
        String wantedLabel = "";
        if (req.build()) {
            if (probe.containerfileSha().isEmpty() && req.containerfileContent().isEmpty()) {
                throw new ModuleFailure("no Containerfile in " + req.path() + (req.containerfilePath() != null
                        ? " (looked for " + req.containerfilePath() + ")" : " (looked for Containerfile and Dockerfile)")
                        + ": give containerfile (content) or build.file");
            }
            String cfSha = req.containerfileContent().map(BuildFingerprint::sha256Hex).orElse(probe.containerfileSha());
            writeContainerfile = req.containerfileContent().isPresent() && !cfSha.equals(probe.containerfileSha());
            wantedLabel = BuildFingerprint.label(probe.contextDigest(), cfSha);
            String label = before == null ? "" : PodmanJson.string(before, "Labels", BuildFingerprint.LABEL);
            needBuild = before == null || req.force() || !wantedLabel.equals(label);
            result.value("containerfile_hash", wantedLabel);
            if (needBuild) {
                actions.add(before == null ? "build: image missing" : req.force() ? "build: forced"
                        : "build: Containerfile or context changed (label " + shortHash(label) + " -> " + shortHash(wantedLabel) + ")");
            }
            if (writeContainerfile && ctx.diffMode()) {
                result.diff(FileDiff.of(req.containerfilePath(), probe.containerfileText(), req.containerfileContent().get()));
            }
            if (writeContainerfile && !ctx.checkMode()) {
                ctx.files().write(req.containerfilePath(), req.containerfileContent().get().getBytes(StandardCharsets.UTF_8),
                        new FileAttributes("0644", null, null));
                actions.add("wrote " + req.containerfilePath());
            }
        } else if (before == null || req.force()) {
            if (before == null && !req.pull()) {
                throw new ModuleFailure("image " + req.ref() + " is not on the host and pull is false");
            }
            needPull = true;
        }

        boolean remoteHasLocal = RegistryProbe.sameImage(probe.pushTargetConfig(), idBefore);
        if (ctx.checkMode()) {
            boolean pullChanges = needPull && (before == null || !RegistryProbe.sameImage(probe.pullSourceConfig(), idBefore));
            if (needPull && pullChanges) {
                actions.add(before == null ? "pull: image missing" : "pull: the registry has another image for " + req.ref());
            }
            boolean pushChanges = req.push() && (needBuild || pullChanges || !remoteHasLocal);
            if (pushChanges) {
                actions.add("push to " + req.pushDest());
            }
            boolean changed = writeContainerfile || needBuild || pullChanges || pushChanges;
            return result.changed(changed).values(common(req, before, actions, List.of())).value("stdout", "")
                    .msg(changed ? "would change: " + String.join("; ", actions) : "image " + req.ref() + " is up to date").build();
        }

        if (!needBuild && !needPull && (!req.push() || remoteHasLocal)) {
            return result.changed(writeContainerfile).values(common(req, before, actions, List.of())).value("stdout", "")
                    .msg(writeContainerfile ? "wrote the Containerfile; image unchanged" : "image " + req.ref() + " is up to date")
                    .build();
        }

        List<String> commands = new ArrayList<>();
        StringBuilder script = new StringBuilder("set -e; ").append(PodmanCommand.userEnvironment());
        if (needBuild) {
            String cmd = podman.line(buildArgs(req, wantedLabel));
            commands.add(cmd);
            script.append(cmd).append(" >&2; ");
        } else if (needPull) {
            String cmd = podman.line(pullArgs(req));
            commands.add(cmd);
            actions.add(before == null ? "pull: image missing" : "pull: forced");
            script.append(cmd).append(" >&2; ");
        }
        String remote = probe.pushTargetConfig().orElse("");
        if (req.push()) {
            String push = podman.line(pushArgs(req));
            commands.add(push);
            // the new image ID decides, so build and push stay one round trip
            script.append("__jp_id=$(").append(podman.line("image", "inspect", "--format", "{{.Id}}", req.ref().toString()))
                    .append("); if [ \"sha256:${__jp_id#sha256:}\" != ").append(ShellQuote.quote(remote)).append(" ]; then ")
                    .append(push).append(" >&2; ").append(ScriptSections.marker("pushed")).append("fi; ");
        }
        script.append(ScriptSections.marker("image")).append(podman.line("image", "inspect", req.ref().toString())).append("; ");
        ExecResult r = ctx.exec(script.toString());
        if (!r.ok()) {
            throw new ModuleFailure((needBuild ? "podman build" : needPull ? "podman pull" : "podman push") + " of " + req.ref()
                    + " failed (rc " + r.exitCode() + "): " + lastLines(r.errTrimmed()),
                    Map.of("rc", r.exitCode(), "stderr", r.err(), "stdout", r.out(), "podman_actions", commands));
        }
        ScriptSections out = ScriptSections.parse(r.out());
        Map<String, Object> after = PodmanJson.firstObject(out.text("image"), "podman image inspect " + req.ref());
        String idAfter = after == null ? "" : PodmanJson.string(after, "Id");
        boolean pushed = out.has("pushed");
        if (pushed) {
            actions.add("pushed to " + req.pushDest());
        }
        boolean changed = writeContainerfile || !idAfter.equals(idBefore) || pushed;
        if ((needBuild || needPull) && idAfter.equals(idBefore)) {
            actions.add((needBuild ? "built" : "pulled") + " the same image again (ID " + shortHash(idAfter) + "): no change");
        }
        return result.changed(changed).values(common(req, after, actions, commands)).value("stdout", r.out())
                .value("stderr", r.err()).value("pushed", pushed)
                .msg(changed ? String.join("; ", actions) : "image " + req.ref() + " is up to date").build();
    }

    /** What the single probe round trip found. */
    record Probe(Map<String, Object> image, String contextDigest, String containerfileSha, String containerfileText,
                 Optional<String> pushTargetConfig, Optional<String> pullSourceConfig) {
    }

    static String probeScript(PodmanCommand podman, Request req, boolean check, boolean diff) {
        StringBuilder s = new StringBuilder(PodmanCommand.userEnvironment());
        s.append(ScriptSections.capture("image", podman.line("image", "inspect", req.ref().toString()) + " 2>/dev/null", false));
        if (req.build()) {
            String ctxDir = req.path();
            if (!check && req.containerfileContent().isPresent()) {
                s.append("mkdir -p ").append(ShellQuote.quote(ctxDir)).append(" 2>/dev/null; ");
            }
            if (req.containerfilePath() != null) {
                s.append("cf=").append(ShellQuote.quote(req.containerfilePath())).append("; ");
            } else {
                s.append("cf=; for f in Containerfile Dockerfile; do if [ -f ").append(ShellQuote.quote(ctxDir))
                        .append("/$f ]; then cf=").append(ShellQuote.quote(ctxDir)).append("/$f; break; fi; done; ");
            }
            s.append("case \"$cf\" in ").append(ShellQuote.quote(stripSlash(ctxDir) + "/")).append("*) cfrel=${cf#")
                    .append(ShellQuote.quote(stripSlash(ctxDir) + "/")).append("};; *) cfrel=;; esac; ");
            s.append(ScriptSections.capture("containerfile", "if [ -f \"$cf\" ]; then printf '%s\\n' \"$cf\"; "
                    + "sha256sum < \"$cf\" | cut -c1-64; fi", false));
            if (diff && req.containerfileContent().isPresent()) {
                s.append(ScriptSections.capture("containerfile.text", "cat \"$cf\" 2>/dev/null", false));
            }
            s.append(ScriptSections.capture("context", "if [ -d " + ShellQuote.quote(ctxDir) + " ]; then "
                    + BuildFingerprint.contextDigestScript(ctxDir) + "; fi", false));
        }
        if (req.push()) {
            s.append(ScriptSections.capture("remote.push", RegistryProbe.manifestScript(podman, req.pushDest(), req.tlsVerify(),
                    req.authFile()), true));
        }
        if (check && !req.build() && req.force()) {
            s.append(ScriptSections.capture("remote.pull", RegistryProbe.manifestScript(podman, req.ref().toString(), req.tlsVerify(),
                    req.authFile()), true));
        }
        return s.toString();
    }

    private Probe probe(ModuleContext ctx, PodmanCommand podman, Request req) throws ModuleFailure {
        ExecResult r = ctx.exec(probeScript(podman, req, ctx.checkMode(), ctx.diffMode()));
        ScriptSections out = ScriptSections.parse(r.out());
        if (!out.has("image.rc")) {
            throw new ModuleFailure("probing image " + req.ref() + " failed: " + r.errTrimmed(),
                    Map.of("rc", r.exitCode(), "stderr", r.err()));
        }
        Map<String, Object> image = out.ok("image") ? PodmanJson.firstObject(out.text("image"), "podman image inspect " + req.ref()) : null;
        String[] cf = out.text("containerfile").split("\n");
        String cfSha = cf.length >= 2 ? cf[1].strip() : "";
        if (req.build() && out.text("context").isBlank() && !ctx.checkMode() && req.containerfileContent().isEmpty()) {
            throw new ModuleFailure("build context " + req.path() + " does not exist on the host");
        }
        return new Probe(image, out.text("context").strip(), cfSha, out.text("containerfile.text"),
                RegistryProbe.configDigest(out.text("remote.push")), RegistryProbe.configDigest(out.text("remote.pull")));
    }

    static List<String> buildArgs(Request req, String label) {
        BuildSettings b = req.buildSettings();
        List<String> a = new ArrayList<>(List.of("build", "-t", req.ref().toString(), "--label", BuildFingerprint.LABEL + "=" + label));
        if (req.containerfilePath() != null) {
            a.add("--file");
            a.add(req.containerfilePath());
        }
        if (b.format() != null) {
            a.add("--format");
            a.add(b.format());
        }
        if (!b.cache()) {
            a.add("--no-cache");
        }
        if (b.rm() != null) {
            a.add("--rm=" + b.rm());
        }
        if (b.forceRm()) {
            a.add("--force-rm");
        }
        if (b.target() != null) {
            a.add("--target");
            a.add(b.target());
        }
        registryFlags(req, a);
        a.addAll(b.extraArgs());
        a.add(req.path());
        return a;
    }

    static List<String> pullArgs(Request req) {
        List<String> a = new ArrayList<>(List.of("pull"));
        registryFlags(req, a);
        a.add(req.ref().toString());
        return a;
    }

    static List<String> pushArgs(Request req) {
        List<String> a = new ArrayList<>(List.of("push"));
        if (req.pushSettings().format() != null) {
            a.add("--format");
            a.add(req.pushSettings().format());
        }
        registryFlags(req, a);
        a.addAll(req.pushSettings().extraArgs());
        a.add(req.ref().toString());
        a.add(req.pushDest());
        return a;
    }

    private static void registryFlags(Request req, List<String> a) {
        if (req.tlsVerify() != null) {
            a.add("--tls-verify=" + req.tlsVerify());
        }
        if (req.authFile() != null) {
            a.add("--authfile");
            a.add(req.authFile());
        }
    }

    private static Map<String, Object> common(Request req, Map<String, Object> image, List<String> actions, List<String> commands) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("image", image == null ? Map.of() : image);
        v.put("actions", List.copyOf(actions));
        v.put("podman_actions", List.copyOf(commands));
        if (req.push()) {
            v.put("push_dest", req.pushDest());
        }
        return v;
    }

    // ---- absent ----

    private ModuleResult absent(ModuleContext ctx, PodmanCommand podman, ImageRef ref, boolean force) throws ModuleFailure {
        String exists = podman.line("image", "exists", ref.toString());
        String rmi = force ? podman.line("rmi", "--force", ref.toString()) : podman.line("rmi", ref.toString());
        ExecResult probe = ctx.exec(PodmanCommand.userEnvironment() + exists + " && echo present || true");
        if (!probe.outTrimmed().equals("present")) {
            return ModuleResult.ok().msg("image " + ref + " is absent").value("actions", List.of()).value("podman_actions", List.of())
                    .build();
        }
        if (ctx.checkMode()) {
            return ModuleResult.changed(true).msg("would remove image " + ref).value("actions", List.of("remove " + ref))
                    .value("podman_actions", List.of()).build();
        }
        ExecResult r = ctx.exec(PodmanCommand.userEnvironment() + rmi);
        if (!r.ok()) {
            throw new ModuleFailure("podman rmi " + ref + " failed: " + r.errTrimmed()
                    + (force ? "" : " (force: true also removes containers that use it)"),
                    Map.of("rc", r.exitCode(), "stderr", r.err(), "stdout", r.out()));
        }
        return ModuleResult.changed(true).msg("removed image " + ref).value("actions", List.of("removed " + ref))
                .value("podman_actions", List.of(rmi)).value("stdout", r.out()).value("stderr", r.err()).build();
    }

    private static String stripSlash(String p) {
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    private static String shortHash(String h) {
        return h == null || h.isEmpty() ? "(none)" : h.length() > 12 ? h.substring(0, 12) : h;
    }

    private static String lastLines(String s) {
        String[] lines = s.split("\n");
        int from = Math.max(0, lines.length - 5);
        return String.join("\n", java.util.Arrays.copyOfRange(lines, from, lines.length));
    }
}
