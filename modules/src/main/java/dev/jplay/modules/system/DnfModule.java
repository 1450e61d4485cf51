package dev.jplay.modules.system;

import dev.jplay.engine.spi.Module;
import dev.jplay.engine.spi.ModuleContext;
import dev.jplay.engine.spi.ModuleFailure;
import dev.jplay.engine.spi.ModuleResult;
import dev.jplay.engine.spi.ModuleSpec;

import java.util.List;

/**
 * Ansible's {@code dnf}, for the options it shares with {@code package} (name, state, update_cache):
 * the same logic, restricted to dnf (or yum on older hosts). Fails clearly on a host without them.
 */
public final class DnfModule implements Module {

    private static final PackageInstaller INSTALLER = new PackageInstaller(List.of(PackageManager.DNF, PackageManager.YUM));
    private static final ModuleSpec SPEC = PackageInstaller.spec("dnf", "Installs, upgrades or removes packages with dnf (yum "
            + "where dnf is missing). Takes the subset of Ansible's dnf options that package also has.",
            "present", "absent", "latest", "installed", "removed").alias("yum").build();

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public ModuleResult run(ModuleContext ctx) throws ModuleFailure {
        return INSTALLER.run(ctx);
    }
}
