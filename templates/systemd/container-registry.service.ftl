# Written by jplay (templates/systemd/container-registry.service.ftl): the image registry on port
# ${registry_port}, run from the distribution's ${registry_pkg.package} package with jplay's config
# (${registry_config_file}) instead of the package's own unit and default config.
[Unit]
Description=Container image registry (${registry_pkg.package}) on port ${registry_port}
Wants=network-online.target
After=network-online.target

[Service]
User=${registry_pkg.user}
ExecStart=${registry_pkg.binary} serve ${registry_config_file}
Restart=on-failure

[Install]
WantedBy=multi-user.target
