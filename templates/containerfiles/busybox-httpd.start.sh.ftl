#!/bin/sh
# PID 1 of the ${app.name} container. busybox as PID 1 ignores SIGTERM, so `podman stop` would wait its
# timeout, SIGKILL, and the unit would end "failed": trap TERM and exit at once.
trap 'exit 0' TERM
httpd -f -p ${app_container_port} -h /www &
wait
