# Written by jplay (templates/systemd/app-proxy.socket.ftl). A connection to ${hostip}:${app.port} starts
# ${app_proxy_unit}, which starts ${app_container_unit} (socket activation).
[Unit]
Description=Socket of the serverless app ${app.name}

[Socket]
ListenStream=${hostip}:${app.port}
# listen even when the address is not configured yet (the user manager may start before the network)
FreeBind=yes

[Install]
WantedBy=sockets.target
