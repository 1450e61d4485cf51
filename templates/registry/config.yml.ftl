# Written by jplay (templates/registry/config.yml.ftl). Unlike the package's default config, no htpasswd
# auth: the registry serves the host's own podman over plain HTTP (registries.conf.d marks it insecure).
version: 0.1
log:
  fields:
    service: registry
storage:
  filesystem:
    rootdirectory: ${registry_storage}
  delete:
    enabled: true
http:
  addr: :${registry_port}
  headers:
    X-Content-Type-Options: [nosniff]
health:
  storagedriver:
    enabled: true
    interval: 10s
    threshold: 3
