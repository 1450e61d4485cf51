package dev.jplay.modules.system;

import dev.jplay.engine.spi.Module;
import dev.jplay.engine.spi.ModuleContext;
import dev.jplay.engine.spi.ModuleFailure;
import dev.jplay.engine.spi.ModuleResult;
import dev.jplay.engine.spi.ModuleSpec;

import java.util.List;

/**
 * Ansible's generic {@code package}: installs, upgrades or removes packages with whichever of dnf,
 * yum or apt-get the host has (found in the same round trip as the probe).
 */
public final class PackageModule implements Module {

    private static final PackageInstaller INSTALLER = new PackageInstaller(List.of(PackageManager.DNF, PackageManager.YUM,
            PackageManager.APT));
    private static final ModuleSpec SPEC = PackageInstaller.spec("package", "Installs, upgrades or removes packages with the "
            + "host's package manager (dnf, yum or apt-get). Installed packages are probed in the local database: a converged "
            + "host costs one round trip and no network.", "present", "absent", "latest", "installed", "removed").build();

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public ModuleResult run(ModuleContext ctx) throws ModuleFailure {
        return INSTALLER.run(ctx);
    }
}
