# ${app.name} ${version}: busybox httpd, FROM scratch with the host's static busybox (air-gapped: nothing is
# pulled). Written by jplay from templates/containerfiles/busybox-httpd.Containerfile.ftl.
FROM scratch
COPY busybox /bin/busybox
RUN ["/bin/busybox", "--install", "-s", "/bin"]
COPY www /www
COPY start.sh /start.sh
EXPOSE ${app_container_port}
CMD ["/bin/sh", "/start.sh"]
