# Written by jplay (templates/systemd/app-proxy.service.ftl). Passes the connections of ${app_socket_unit}
# to the container on ${publish_address}:${app.port}; exits after ${idle_timeout} idle seconds, and then
# the container's unit (StopWhenUnneeded=yes) stops too: scale to zero.
[Unit]
Description=Proxy of the serverless app ${app.name}
Requires=${app_container_unit}
After=${app_container_unit}
Requires=${app_socket_unit}
After=${app_socket_unit}

[Service]
<#if app_ready_url?has_content>
# The container's unit counts as started before the app in it listens, and rootless port forwarding
# accepts connections at once (then drops them): hold the waiting connections until the app answers,
# at most ${ready_timeout} s, so that the first request is served, not dropped.
ExecStartPre=/usr/bin/timeout ${ready_timeout} /bin/sh -c 'until /usr/bin/curl --silent --max-time 2 --output /dev/null ${app_ready_url}; do sleep 0.1; done'
</#if>
ExecStart=${socket_proxyd} --exit-idle-time=${idle_timeout} ${publish_address}:${app.port}
